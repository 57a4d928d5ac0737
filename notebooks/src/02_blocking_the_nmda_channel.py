# %% [markdown]
# # Blocking the NMDA channel
#
# Ketamine's first action in the brain is mechanical. The molecule slips into the pore of the
# NMDA receptor, a glutamate-gated ion channel, and plugs it, so fewer ions flow. This notebook
# builds that step from three small models. A Hill curve says how much current is blocked at a
# given concentration. A four-state kinetic scheme shows why the drug stays stuck in a channel
# that has closed (trapping), and why busy channels collect more drug than quiet ones
# (use-dependence). Use-dependence leads to notebook 03: one leading hypothesis says
# ketamine blocks the busy NMDA receptors of inhibitory interneurons more than those of
# pyramidal cells.

# %% [markdown]
# ## Learning objectives
#
# *Estimated time: about 50 minutes.*
#
# By the end you should be able to:
#
# 1. explain why ketamine **reduces** the flow of Na⁺ and Ca²⁺ through NMDA receptors, and correct
#    the claim that it "causes an influx of positive ions";
# 2. read a Hill block curve and compare the block at antidepressant (about 0.5–1 µM) and
#    anaesthetic (5–10 µM) plasma concentrations (as tabulated by Zanos et al. 2018);
# 3. use a four-state channel model to explain trapping and why unblocking needs the channel
#    to open;
# 4. explain use-dependence, and why in this toy the receptors of interneurons are blocked more
#    than those of pyramidal cells;
# 5. fit a Hill coefficient to two measured points and say where the model and data disagree.

# %% [markdown]
# ## How to use this notebook
#
# - **Running it** (JupyterLab, *Run → Run All Cells*): each demo has sliders. Make your
#   prediction first, then move the sliders and check.
# - **Reading it without a kernel** (nbviewer, GitHub): sliders do not work there. The picture
#   under each demo shows its default setting. The **static figure below each demo** shows the
#   same model across the whole range of its main control, so you can follow everything without
#   running the code.
# - Exercises have worked solutions in cells tagged `solution`. Try them before you look.
#
# All the numbers come from the `ketamine_moa` package and its cited parameter file
# `src/ketamine_moa/data/parameters.csv`; this notebook contains no model code of its own.

# %% [markdown]
# ## Setup

# %%
from math import log

from ketamine_moa import model_parameters, simulate, single_infusion
from ketamine_moa.demos.channel import occupancy, trapping, use_dependence
from ketamine_moa.plotting import use_house_style
from ketamine_moa.receptors import (STATES, block_ratio_sensitivity,
                                    block_remaining_after_washout, blocked_fraction,
                                    current_block, hill_block, steady_state)
from ketamine_moa.widgets import panel, show_sweep

use_house_style()
nmda = model_parameters().nmda  # the NMDA-receptor parameters from src/ketamine_moa/data/parameters.csv
rate_agonist = nmda.nmda_open_rate_agonist_per_s
rate_interneuron = nmda.nmda_tonic_open_rate_interneuron_per_s
rate_pyramidal = nmda.nmda_tonic_open_rate_pyramidal_per_s
# peak plasma level of the research-trial infusion (computed again in section 3), for the prompts
peak_uM = simulate(single_infusion(), t_end_h=6.0)["ketamine_plasma_uM"].max()
anaesthetic_uM = 7.0  # a concentration in the anaesthetic range (5–10 µM)
trapped_half_life_min = log(2) / nmda.ketamine_trapped_escape_per_s / 60  # section 4

# %% [markdown]
# ## 1. What an NMDA receptor does
#
# **Question.** What happens at an NMDA receptor when glutamate arrives?
#
# The NMDA receptor is an ion channel in the membrane of neurons. It opens when glutamate and a
# co-agonist (glycine or D-serine) are bound. While it is open, Na⁺ and Ca²⁺ flow **into** the
# cell (and some K⁺ out). The Ca²⁺ signal drives synaptic plasticity. At rest, Mg²⁺ from outside
# also sits in the pore and is pushed out only when the cell is depolarised; our toy leaves that
# out.
#
# **The model.** The toy channel flips between closed (C) and open (O). It opens at rate $\alpha$
# (high with glutamate, low "tonic" rate without) and closes at rate $\beta$. Over time the open
# fraction settles at
#
# $$P_\text{open} = \frac{\alpha}{\alpha + \beta}.$$
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | opening rate with saturating glutamate, $\alpha$ | {{ rate_agonist:g }} | 1/s | toy gating, set for the Mealing et al. 1999 protocol (PMID 9862772) |
# | closing rate, $\beta$ | {{ nmda.nmda_close_rate_per_s:g }} | 1/s | toy ({{ 1000 / nmda.nmda_close_rate_per_s:.0f }} ms mean open time); Mealing et al. 1999 (PMID 9862772) |
# | tonic opening rate, interneuron-like | {{ rate_interneuron:g }} | 1/s | toy; motivated by Homayoun & Moghaddam 2007, [doi:10.1523/JNEUROSCI.2213-07.2007](https://doi.org/10.1523/JNEUROSCI.2213-07.2007) |
# | tonic opening rate, pyramidal-like | {{ rate_pyramidal:g }} | 1/s | toy; same source, not a measured rate |

# %%
p_open = {}
for label, rate in [("saturating glutamate", rate_agonist),
                    ("interneuron-like, tonic", rate_interneuron),
                    ("pyramidal-like, tonic", rate_pyramidal)]:
    p_open[label] = steady_state(0.0, rate, nmda)[STATES.index("open")]
    print(f"{label:>24}: opening rate {rate:g} /s -> open {100 * p_open[label]:.2g}% of the time")
rate_ratio = rate_interneuron / rate_pyramidal

# %% [markdown]
# With glutamate, a toy channel is open {{ p_open["saturating glutamate"]:.0% }} of the time.
# Without it, channels open only now and then: in the toy, an interneuron-like channel opens
# {{ rate_ratio:.0f }} times more often than a pyramidal-like one. That difference matters in section 5.

# %% [markdown]
# ## 2. Ketamine plugs the open channel (ions stop flowing)
#
# **Question.** Does ketamine open NMDA channels or close them?
#
# Neither: it **plugs** them. Clinic websites often say ketamine "causes an influx of positive
# ions". That is wrong. Ketamine is an *open-channel blocker*: it can enter the pore only while
# the channel is open, and once inside it stops Na⁺ and Ca²⁺ from flowing. So ketamine
# **reduces** cation influx through NMDA receptors (Mealing et al. 1999; Gerhard et al. 2020).
#
# Pyramidal neurons do become *more* active after ketamine, but this is an indirect network
# effect. Ketamine takes the brakes off: inhibitory interneurons lose NMDA drive, fire less, and
# the pyramidal cells they inhibit fire more (disinhibition; Homayoun & Moghaddam 2007, with
# the NMDA blocker MK-801). That is notebook 03.
#
# **The model.** Four states; the drug binds only to the open channel, and a blocked channel can
# close around the drug (it is then *trapped*):
#
# ```
#  closed (C) --α-->  open (O) --kon·c--> open-blocked (OB) --β--> closed-blocked (CB)
#  closed (C) <--β--  open (O) <--koff--  open-blocked (OB) <--α-- closed-blocked (CB)
#  closed-blocked (CB) --k_esc--> closed (C)           (trapped drug slowly escapes)
# ```
#
# With $c$ the ketamine concentration, the occupancies $p$ obey
#
# $$
# \begin{aligned}
# \dot p_\mathrm{C} &= \beta\,p_\mathrm{O} - \alpha\,p_\mathrm{C} + k_\mathrm{esc}\,p_\mathrm{CB}\\
# \dot p_\mathrm{O} &= \alpha\,p_\mathrm{C} - (\beta + k_\mathrm{on}c)\,p_\mathrm{O} + k_\mathrm{off}\,p_\mathrm{OB}\\
# \dot p_\mathrm{OB} &= k_\mathrm{on}c\,p_\mathrm{O} - (k_\mathrm{off} + \beta)\,p_\mathrm{OB} + \alpha\,p_\mathrm{CB}\\
# \dot p_\mathrm{CB} &= \beta\,p_\mathrm{OB} - (\alpha + k_\mathrm{esc})\,p_\mathrm{CB}
# \end{aligned}
# $$
#
# Ions flow only through open, unblocked channels, so the current is proportional to
# $p_\mathrm{O}$.
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | drug entry into the open pore, $k_\mathrm{on}$ | {{ nmda.ketamine_kon_per_uM_per_s:g }} | 1/(µM·s) | toy; $k_\mathrm{off}/k_\mathrm{on}$ = {{ nmda.ketamine_koff_per_s / nmda.ketamine_kon_per_uM_per_s:g }} µM matches the IC₅₀ of Gerhard et al. 2020, [doi:10.1172/JCI130808](https://doi.org/10.1172/JCI130808) |
# | drug exit from the open pore, $k_\mathrm{off}$ | {{ nmda.ketamine_koff_per_s:g }} | 1/s | toy; same source |
# | escape of trapped drug from a closed channel, $k_\mathrm{esc}$ | {{ nmda.ketamine_trapped_escape_per_s:.3g }} | 1/s | calibrated to 86% block left after 120 s without agonist, Mealing et al. 1999 (PMID 9862772) |

# %%
agonist = nmda.nmda_open_rate_agonist_per_s
test_uM = 1.0  # ketamine concentration of this comparison
without_drug = steady_state(0.0, agonist, nmda)
with_drug = steady_state(test_uM, agonist, nmda)
print(f"state            no drug   {test_uM:g} µM ketamine   (with saturating glutamate)")
for i, state in enumerate(STATES):
    print(f"{state:<15}  {max(0.0, without_drug[i]):6.1%}   {max(0.0, with_drug[i]):6.1%}")
print(f"NMDA current (open channels) falls by {current_block(test_uM, agonist, nmda):.0%}")
open_i, ob_i, cb_i = (STATES.index(s) for s in ("open", "open_blocked", "closed_blocked"))
trapped_share = with_drug[cb_i] / (with_drug[ob_i] + with_drug[cb_i])

# %% [markdown]
# At {{ test_uM:g }} µM with glutamate present, the share of open, ion-conducting channels halves
# (from {{ without_drug[open_i]:.0% }} to {{ with_drug[open_i]:.0% }} in this toy).
# Of the drug-bound channels, {{ trapped_share:.0% }} have closed around the drug. No channel is
# opened by ketamine.

# %% [markdown]
# ## 3. How much block at antidepressant vs anaesthetic exposure
#
# **Question.** At the concentrations reached in the antidepressant trials, is the NMDA current
# mostly blocked, or only partly?
#
# **The model.** At equilibrium with glutamate present, the blocked fraction of the current
# follows a Hill curve
#
# $$B(c) = \frac{c^{\,n_H}}{c^{\,n_H} + \mathrm{IC}_{50}^{\,n_H}}, \qquad
#   \text{remaining ion flow} = 1 - B(c).$$
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | $\mathrm{IC}_{50}$ | {{ nmda.ketamine_nmda_ic50_uM:.1f }} | µM | Gerhard et al. 2020, [doi:10.1172/JCI130808](https://doi.org/10.1172/JCI130808); Mealing et al. 1999 (PMID 9862772) |
# | Hill coefficient $n_H$ | {{ nmda.ketamine_nmda_hill_n:.1f }} | – | one drug molecule per pore (Gerhard et al. 2020); see Exercise 1 |
# | antidepressant infusion peak (plasma) | about 0.5–1 (0.78 measured) | µM | Zarate et al. 2006, as tabulated by Zanos et al. 2018, [doi:10.1124/pr.117.015198](https://doi.org/10.1124/pr.117.015198) |
# | anaesthetic plasma range | 5–10 | µM | same table |
#
# The shaded bands are **plasma** concentrations. The model assumes the brain sees the same
# concentration, which is only a rough approximation.

# %% [markdown]
# ### Predict first
#
# At the antidepressant peak (about {{ peak_uM:.2f }} µM), will ketamine block most of the NMDA
# current, or less than half? And at anaesthetic levels (5–10 µM, Zanos et al. 2018)? Write
# down two numbers before you move the slider. The slider is in log₁₀ units: −1 is 0.1 µM, 0 is
# 1 µM, 1 is 10 µM. <!-- typed: the slider's log10 scale -->

# %%
panel(occupancy)

# %%
show_sweep(occupancy)

# %% [markdown]
# The package's own numbers: the pharmacokinetic model (notebook 01) gives the peak plasma level
# after the research-trial infusion (0.5 mg/kg IV over 40 min, Zarate et al. 2006). The Hill
# curve then gives the block at that peak and at {{ anaesthetic_uM:g }} µM, in the anaesthetic range.

# %%
run = simulate(single_infusion(), t_end_h=6.0)
peak_uM = run["ketamine_plasma_uM"].max()
block_at_peak, block_anaesthetic = hill_block([peak_uM, anaesthetic_uM],
                                              nmda.ketamine_nmda_ic50_uM, nmda.ketamine_nmda_hill_n)
for label, conc, block in [("antidepressant infusion peak", peak_uM, block_at_peak),
                           ("anaesthetic range", anaesthetic_uM, block_anaesthetic)]:
    print(f"{label:>28}: {conc:.2f} µM -> {block:.1%} blocked, {1 - block:.1%} still flowing")

# %% [markdown]
# ### What you should have seen
#
# - At the antidepressant peak (about {{ peak_uM:.2f }} µM), the model blocks **less than half**
#   of the NMDA current (about {{ block_at_peak:.0% }}); more than half still flows.
# - At anaesthetic levels (5–10 µM, Zanos et al. 2018), block is nearly complete (about {{ block_anaesthetic:.0% }}
#   at {{ anaesthetic_uM:g }} µM).
# - Because the concentration axis is logarithmic, a tenfold rise in concentration moves block
#   from "partial" to "almost all". Antidepressant use sits on the steep middle of the curve.
# - The model sits above the 80 ± 2% measured at 10 µM (Mealing et al. 1999): its curve is
#   too steep. Exercise 1 fixes this.
# - **The headline is an upper bound.** The IC₅₀ of {{ nmda.ketamine_nmda_ic50_uM:g }} µM was
#   measured in solutions *without* Mg²⁺. In the brain, Mg²⁺ (about 1 mM in the extracellular
#   fluid) sits in the same pore at resting potentials and competes with ketamine, which
#   lowers ketamine's potency (a higher IC₅₀). <!-- typed: the physiological Mg2+ level, not a model number -->
#   So at physiological Mg²⁺ the block at the infusion peak would be *smaller* than the
#   {{ block_at_peak:.0% }} computed here. We did not find a verified value of ketamine's IC₅₀
#   with physiological Mg²⁺ to compute the alternative, so this stays a limitation with a known
#   direction, not a number.

# %% [markdown]
# ## 4. Trapping: the drug stays in a closed channel
#
# **Question.** When ketamine is washed away, does the block disappear at once?
#
# **The model.** The same four-state scheme, run as a patch-clamp protocol in the style of
# Mealing et al. (1999): 30 s of ketamine with glutamate (*load*), then a drug-free *washout*
# with or without glutamate, then glutamate alone (*test*). With no drug and no glutamate
# ($c = 0$, $\alpha = 0$), the closed channels cannot open, so the only way out for a trapped
# drug is the slow escape:
#
# $$p_\mathrm{CB}(t) \approx p_\mathrm{CB}(0)\,e^{-k_\mathrm{esc}t}, \qquad
#   t_{1/2} = \frac{\ln 2}{k_\mathrm{esc}} \approx {{ trapped_half_life_min:.0f }}\ \text{min}.$$
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | escape of trapped drug, $k_\mathrm{esc}$ | {{ nmda.ketamine_trapped_escape_per_s:.3g }} | 1/s | calibrated to Mealing et al. 1999 (PMID 9862772): 86 ± 1% of block left after 120 s without agonist |
# | $k_\mathrm{on}$, $k_\mathrm{off}$ | {{ nmda.ketamine_kon_per_uM_per_s:g }}, {{ nmda.ketamine_koff_per_s:g }} | 1/(µM·s), 1/s | toy (Gerhard et al. 2020 IC₅₀) |
# | $\alpha$ with glutamate, $\beta$ | {{ rate_agonist:g }}, {{ nmda.nmda_close_rate_per_s:g }} | 1/s | toy gating |

# %% [markdown]
# ### Predict first
#
# After the drug is gone, will the block fade within seconds or stay for minutes when **no
# glutamate** is present? What changes when glutamate **is** present during the washout? Does
# the answer depend on the loading concentration?

# %%
panel(trapping)

# %%
show_sweep(trapping)

# %%
load_uM, washout_s = 1.0, 120.0  # the protocol of the static figure and of Exercise 2
left_without = block_remaining_after_washout(load_uM, washout_s, nmda)
left_with = block_remaining_after_washout(load_uM, washout_s, nmda, agonist_during_washout=1.0)
# with glutamate: the first whole second of washout after which less than 1% of the block is left
t_clear_s = next(t for t in range(1, 301)
                 if block_remaining_after_washout(load_uM, t, nmda, agonist_during_washout=1.0) < 0.01)
print(f"{washout_s:.0f} s washout: {left_without:.1%} of the block left without glutamate, "
      f"{left_with:.1%} with glutamate (below 1% after {t_clear_s} s)")

# %% [markdown]
# ### What you should have seen
#
# - **Without glutamate**, the block barely fades: about {{ left_without:.0% }} is left after 120 s. During the
#   washout, the dashed "blocked" and dotted "trapped" lines overlap, because every blocked
#   channel is closed with the drug inside.
# - **With glutamate**, the channels open, the drug leaves the open pore, and the block is gone
#   within about {{ t_clear_s }} s. *Unblocking needs opening.*
# - In the test phase, glutamate returns and the trapped drug is released within seconds.
# - The share of block that remains does not depend on the loading concentration: escape is a
#   first-order process with one rate.
# - The model matches the 86% measured by Mealing et al. (1999) by construction, because
#   $k_\mathrm{esc}$ was calibrated to that measurement. The curve *with* glutamate is a prediction of the toy rates, not a fit.

# %% [markdown]
# ## 5. Use-dependence: busy channels get blocked more
#
# **Question.** In the brain, channels open at different rates in different cells. Does that
# change how much drug they carry at the same concentration?
#
# **The model.** The same scheme at steady state, $Q(c, \alpha)\,\mathbf{p}^* = 0$, with a low
# tonic opening rate $\alpha$ instead of saturating glutamate. The *blocked fraction* is
# $p^*_\mathrm{OB} + p^*_\mathrm{CB}$ (receptors with drug in the pore). This is what
# `simulate(...)["nmda_block_interneuron"]` and `["nmda_block_pyramidal"]` report.
#
# A rough picture, valid when channels are mostly closed ($\alpha \ll \beta$) and the
# concentration is low: each opening is a chance for the drug to get in, and the trapped drug
# leaks out at $k_\mathrm{esc}$ whether the channel opens or not,
#
# $$B \approx \frac{J_\mathrm{in}}{J_\mathrm{in} + J_\mathrm{out}}, \qquad
#   J_\mathrm{in} = \alpha\,\frac{k_\mathrm{on}c}{k_\mathrm{on}c + \beta}, \qquad
#   J_\mathrm{out} = k_\mathrm{esc} + \alpha\,\frac{k_\mathrm{off}}{k_\mathrm{off} + \beta}.$$
#
# When $\alpha$ is large next to $k_\mathrm{esc}$, the leak does not matter and $B$ approaches
# the Hill curve. When $\alpha$ is small, the leak empties channels faster than openings refill
# them.
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | tonic opening rate, interneuron-like | {{ rate_interneuron:g }} | 1/s | toy; interneurons fire tonically and respond to NMDA antagonism first (Homayoun & Moghaddam 2007, [doi:10.1523/JNEUROSCI.2213-07.2007](https://doi.org/10.1523/JNEUROSCI.2213-07.2007)); rate not measured |
# | tonic opening rate, pyramidal-like | {{ rate_pyramidal:g }} | 1/s | toy; {{ rate_ratio:.0f }} times lower, not measured |
# | $k_\mathrm{esc}$ | {{ nmda.ketamine_trapped_escape_per_s:.3g }} | 1/s | calibrated to Mealing et al. 1999 (PMID 9862772) |

# %% [markdown]
# ### Predict first
#
# At {{ peak_uM:.2f }} µM, will the receptors of quiet cells (rare openings) carry **more**,
# **less** or the **same** amount of drug as those of busy cells? Guess the interneuron-like and
# pyramidal-like values. The slider is log₁₀ of the opening rate: −{{ -log(rate_interneuron, 10):.1f }} is
# {{ rate_interneuron:g }} /s (interneuron-like), −{{ -log(rate_pyramidal, 10):.1f }} is {{ rate_pyramidal:g }} /s
# (pyramidal-like), {{ log(rate_agonist, 10):.1f }} is {{ rate_agonist:g }} /s (saturating glutamate).

# %%
panel(use_dependence)

# %%
show_sweep(use_dependence)

# %%
busy_rate = 0.5  # an opening rate drawn in the static figure (1/s)
block_interneuron = blocked_fraction(peak_uM, rate_interneuron, nmda)
block_pyramidal = blocked_fraction(peak_uM, rate_pyramidal, nmda)
print(f"at {peak_uM:.2f} µM: interneuron-like {block_interneuron:.1%}, "
      f"pyramidal-like {block_pyramidal:.1%}, {busy_rate:g} /s {blocked_fraction(peak_uM, busy_rate, nmda):.1%}, "
      f"Hill curve {block_at_peak:.1%}")

# %% [markdown]
# ### What you should have seen
#
# - Busier channels carry more drug. At the {{ peak_uM:.2f }} µM infusion peak, interneuron-like
#   receptors are about {{ block_interneuron:.0% }} blocked and pyramidal-like receptors about
#   {{ block_pyramidal:.0% }}.
# - Above about {{ busy_rate:g }} openings per second, the curve hardly changes: block approaches the Hill curve
#   of section 3.
# - In this toy, interneurons are "more sensitive" to ketamine only because their channels
#   open more often. That is the starting point of the disinhibition hypothesis (notebook 03).
#
# Where does the difference come from? Remove the leak ($k_\mathrm{esc} = 0$) and compare.

# %%
no_leak = model_parameters({"ketamine_trapped_escape_per_s": 0.0}).nmda
for label, rate in [("interneuron-like", rate_interneuron), ("pyramidal-like", rate_pyramidal)]:
    print(f"{label:>16} at {peak_uM:.2f} µM: {blocked_fraction(peak_uM, rate, nmda):.1%} blocked "
          f"with the leak, {blocked_fraction(peak_uM, rate, no_leak):.1%} without it")
block_no_leak = blocked_fraction(peak_uM, rate_interneuron, no_leak)

# %% [markdown]
# Without the leak, both cell types reach the same steady-state block (the Hill value, about
# {{ block_no_leak:.0% }}). Busy channels only get there faster. So the toy's steady-state use-dependence rests
# entirely on one calibrated number, the slow escape of trapped drug. Keep that in mind when the
# chain model uses these two curves.
#
# ### The cell-type difference is an assumption: its control
#
# No study we found measured ketamine block separately on interneurons and pyramidal cells at
# antidepressant concentrations. The difference rests on the escape rate $k_\mathrm{esc}$,
# calibrated to a single 120-s washout in cultured neurons (NMDA-03), and on two invented
# opening rates. The table scales $k_\mathrm{esc}$ up and down and shows what each value
# does to the washout and to the two blocks at the infusion peak
# (`block_ratio_sensitivity` in `ketamine_moa.receptors`).

# %%
sensitivity = block_ratio_sensitivity(peak_uM, nmda)
print(f"at the {peak_uM:.2f} µM infusion peak")
print(f"{'escape x':>9} {'k_esc (1/s)':>12} {'block left after 120 s':>23} "
      f"{'interneuron':>12} {'pyramidal':>10} {'ratio':>6}")
for row in sensitivity:
    print(f"{row['escape_multiplier']:>9g} {row['escape_per_s']:>12.5f} "
          f"{row['washout_block_left']:>23.0%} {row['block_interneuron']:>12.1%} "
          f"{row['block_pyramidal']:>10.1%} {row['ratio']:>6.1f}")
by_multiplier = {row["escape_multiplier"]: row for row in sensitivity}
ratio_default = by_multiplier[1.0]["ratio"]
ratio_tenfold = by_multiplier[10.0]["ratio"]
washout_tenfold = by_multiplier[10.0]["washout_block_left"]

# %% [markdown]
# - With no escape the two cell types are blocked equally (ratio
#   {{ by_multiplier[0.0]["ratio"]:.1f }}); with the calibrated escape the ratio is
#   {{ ratio_default:.1f }}; with ten times the escape it is {{ ratio_tenfold:.1f }}.
# - The washout column is the only check on $k_\mathrm{esc}$: ten times the escape would leave
#   only {{ washout_tenfold:.0% }} of the block after 120 s, against the 86 ± 1% measured
#   (Mealing et al. 1999). The data pin the escape rate, but only for cultured neurons, one
#   washout and a toy gating scheme; the opening rates that turn it into a cell-type difference
#   are not measured at all.
# - So read "interneurons are blocked {{ ratio_default:.0f }} times more" as an assumption of the toy, not a
#   result. Notebook 03 builds disinhibition on it; the rest-block account (Autry et al. 2011;
#   Miller et al. 2014) does not need it.

# %% [markdown]
# ## Exercises

# %% [markdown]
# ### Exercise 1: fit the Hill coefficient to the data
#
# Measured block is about 50% at 1 µM and 80% at 10 µM (Gerhard et al. 2020; Mealing et al.
# 1999). Keep $\mathrm{IC}_{50} = 1$ µM and find
# the Hill coefficient $n_H$ that passes through both points. Start from the Hill curve of
# section 3, put $c = 10\,\mathrm{IC}_{50}$ and solve for $n_H$ (the check cell's hint shows the
# step if you are stuck).
#
# *Expected result:* $n_H = \log_{10} 4 \approx 0.60$. The model's $n_H = {{ nmda.ketamine_nmda_hill_n:g }}$ gives
# {{ hill_block(10.0, nmda.ketamine_nmda_ic50_uM, nmda.ketamine_nmda_hill_n):.0% }} at 10 µM,
# against the 80% of Mealing et al. (1999), so it over-predicts block at high concentration. A Hill coefficient below 1 is *not* "less than
# one molecule per pore". It often means the data mix receptors with different affinities (for
# example different GluN2 subunits or recording conditions), which a single-site model cannot
# capture.

# %% tags=["solution"] answer={"n_fit": 0.02} hint="At c = 10 x IC50 the Hill curve gives B / (1 - B) = 10**n_H; put B = 0.80 and solve for n_H with a base-10 log."
import math

n_fit = math.log10(0.80 / 0.20) / math.log10(10.0 / 1.0)
print(f"fitted Hill coefficient: n_H = {n_fit:.2f}")
for n_h in (nmda.ketamine_nmda_hill_n, n_fit):
    at_1, at_10 = hill_block([1.0, 10.0], nmda.ketamine_nmda_ic50_uM, n_h)
    print(f"n_H = {n_h:.2f}: {at_1:.0%} at 1 µM, {at_10:.0%} at 10 µM "
          f"(measured about 50% and 80 ± 2%)")

# %% [markdown]
# ### Exercise 2: unblocking needs opening
#
# Use `block_remaining_after_washout(conc_uM, washout_s, nmda, agonist_during_washout=...)` to
# find how much of the block at {{ load_uM:g }} µM remains after a {{ washout_s:.0f }} s
# drug-free washout (a) without glutamate (`agonist_during_washout=0.0`) and (b) with glutamate
# (`1.0`). The result is the share of the block still there (0–1); `help()` gives every
# argument's unit and range.
#
# *Expected result:* about {{ left_without:.0% }} without glutamate (the Mealing et al. 1999
# value the model is calibrated to), about {{ left_with:.0% }} with glutamate. The drug leaves through the open pore, so a channel
# that stays shut keeps its drug.

# %% tags=["solution"] answer={"remaining_closed": 0.03, "remaining_open": 0.03} hint="Call block_remaining_after_washout(load_uM, washout_s, nmda, agonist_during_washout=...) with 0.0 (no glutamate: channels stay shut) and 1.0 (glutamate); the result is a fraction of the block (0-1), not a percentage."
remaining_closed, remaining_open = (
    block_remaining_after_washout(load_uM, washout_s, nmda, agonist_during_washout=glutamate)
    for glutamate in (0.0, 1.0))  # no glutamate (channels shut), then saturating glutamate
for label, left in [("without glutamate", remaining_closed), ("with glutamate", remaining_open)]:
    print(f"after {washout_s:.0f} s {label:<17}: {left:.1%} of the block remains")

# %% [markdown]
# ### Exercise 3: which cell type is blocked more?
#
# Run `simulate` for the research-trial infusion (`single_infusion()`), and find the peak
# NMDA-receptor block on interneurons and on pyramidal cells. How many times larger is the
# interneuron block?
#
# *Expected result:* about {{ run["nmda_block_interneuron"].max():.0% }} vs
# {{ run["nmda_block_pyramidal"].max():.0% }} at the {{ peak_uM:.2f }} µM peak, roughly
# {{ run["nmda_block_interneuron"].max() / run["nmda_block_pyramidal"].max():.0f }} times more on
# interneurons in this toy.

# %% tags=["solution"] answer={"interneuron": 0.03, "pyramidal": 0.03} hint="Take the maximum over time of run[\"nmda_block_interneuron\"] and run[\"nmda_block_pyramidal\"], as fractions (0-1), not percentages."
course = simulate(single_infusion(), t_end_h=6.0)
interneuron = course["nmda_block_interneuron"].max()
pyramidal = course["nmda_block_pyramidal"].max()
print(f"peak plasma {course['ketamine_plasma_uM'].max():.2f} µM")
print(f"peak block: interneurons {interneuron:.1%}, pyramidal cells {pyramidal:.1%} "
      f"(ratio {interneuron / pyramidal:.1f})")

# %% [markdown]
# ### Exercise 4: explain it in a sentence: why does a shut channel keep its drug?
#
# In Exercise 2 most of the block is still there after the washout without glutamate, and much
# less with glutamate, although no drug is left outside the cell in either case. Write one
# sentence that explains the difference, then pick the option closest to it:
#
# - (a) Ketamine binds so tightly that it never leaves the pore.
# - (b) Ketamine stays in the bath during the washout.
# - (c) The drug can only leave through an open pore: glutamate opens the channels and lets it
#   out, while a shut channel traps it.
# - (d) Glutamate competes with ketamine for the same binding site.
#
# *Expected result:* one letter in `choice_02`, and a sentence that names what has to happen
# to the channel before the drug can leave.

# %% tags=["solution"] answer={"choice_02": 0.01} options={"a": "No: with glutamate most of the block goes within the washout, so the drug does leave, once the channel opens.", "b": "No: the washout is drug-free in both runs; only the glutamate differs.", "c": "Yes: this is trapping; ketamine is an open-channel blocker, so it enters and leaves only through the open pore.", "d": "No: ketamine binds inside the pore, not at the glutamate site; glutamate helps by opening the channel."} hint="Both washouts are drug-free; ask what glutamate does to the channel, and which way the drug has to go to leave."
# Trapping: the drug leaves through the open pore only.
choice_02 = "c"
print(f"left without glutamate {remaining_closed:.0%}, with glutamate {remaining_open:.0%}")

# %% [markdown]
# ## Summary
#
# - Ketamine is an **open-channel blocker**. It enters open NMDA channels and plugs them, so it
#   *reduces* Na⁺/Ca²⁺ influx. Any depolarisation of pyramidal cells is an indirect network effect.
# - At the antidepressant infusion peak (about {{ peak_uM:.2f }} µM), the model blocks less than
#   half of the NMDA current (about {{ block_at_peak:.0% }}). At anaesthetic levels (5–10 µM,
#   Zanos et al. 2018), block is nearly complete.
# - A closed channel **traps** the drug. Without agonist, {{ left_without:.0% }} of the block
#   remains after 2 minutes. With agonist, it clears in seconds: unblocking needs opening.
# - Because entry needs opening, **busy channels are blocked more** (use-dependence). In the toy,
#   interneuron-like receptors are blocked about {{ interneuron / pyramidal:.0f }} times more than
#   pyramidal-like ones at the infusion peak. That difference depends on the slow escape of
#   trapped drug (none without escape, {{ ratio_tenfold:.0f }} times with ten times the escape),
#   so it is an assumption of the toy, not a measurement.

# %% [markdown]
# ## What this model leaves out
#
# - **One binding site, one drug.** Racemic ketamine is a mix of S- and R-ketamine; S-ketamine
#   is about 4 times more potent at the NMDA receptor (Øye et al. 1992). Norketamine and
#   hydroxynorketamine (HNK) metabolites are not modelled (Zanos et al. 2018).
# - **No Mg²⁺ block and no voltage.** Real NMDA channels are blocked by Mg²⁺ at rest, and
#   ketamine block and trapping depend on membrane voltage. The IC₅₀ was measured without
#   Mg²⁺; physiological Mg²⁺ competes for the pore and lowers ketamine's potency, so the block
#   at the infusion peak (section 3) is an overestimate of unknown size here.
# - **The cell-type difference is assumed.** It comes from the invented opening rates and
#   the escape rate (section 5, table), not from measurements on identified cells.
# - **No subunit differences.** Receptors with GluN2B and GluN2A (and others) differ in gating and
#   drug sensitivity; the toy has one receptor type. The shallow measured curve (Exercise 1)
#   hints at this.
# - **Simplified gating.** Real NMDA receptors have several closed and open states. The toy
#   rates ($\alpha$, $\beta$, $k_\mathrm{on}$, $k_\mathrm{off}$) are chosen, not measured; only
#   $k_\mathrm{esc}$ is calibrated to data.
# - **The tonic opening rates are invented.** Interneurons fire more than pyramidal cells, but
#   the values {{ rate_interneuron:g }} and {{ rate_pyramidal:g }} per second are toy numbers, not measurements.
# - **Brain = plasma.** The model uses plasma concentration as the concentration at the
#   receptor. Protein binding, brain uptake and local differences are ignored.
# - **Quasi-steady state in `simulate`.** The chain model takes the steady state at each moment.
#   At pyramidal-like rates the channel needs about 10 minutes to settle, so during a 40-minute
#   infusion the real block would lag behind.
# - **Cultured neurons.** The block and trapping data come from rodent neurons in a dish or in
#   slices, not from the human brain.
#
# **Competing hypotheses.** Which NMDA receptors matter is still debated.
#
# - *Disinhibition:* ketamine blocks NMDA receptors on tonically active GABA interneurons first,
#   and the pyramidal cells they inhibit fire more (Homayoun & Moghaddam 2007; Gerhard et al.
#   2020). This notebook's use-dependence is the toy version.
# - *Direct block at rest:* blocking NMDA receptors activated by spontaneous glutamate release on
#   pyramidal cells switches off eEF2 kinase, so BDNF is translated quickly (Autry et al. 2011).
#   This needs only partial block of resting receptors; the toy cannot decide between the two.
# - *Lateral habenula trapping:* in mice, ketamine stays trapped in NMDA receptors of the lateral
#   habenula and suppresses bursting for up to 24 h after one dose (Yang et al. 2018; Ma et al.
#   2023). In our toy, trapped drug escapes with a half-life of about
#   {{ trapped_half_life_min:.0f }} minutes, so this
#   mechanism needs much slower escape than cultured cortical neurons show. Whether it explains
#   the sustained effect is contested (Zhou et al. 2021).

# %% [markdown]
# ## References
#
# - Autry et al. (2011). *Nature* 475:91–95. [doi:10.1038/nature10130](https://doi.org/10.1038/nature10130)
# - Gerhard et al. (2020). *J Clin Invest* 130:1336–1349. [doi:10.1172/JCI130808](https://doi.org/10.1172/JCI130808)
# - Homayoun & Moghaddam (2007). *J Neurosci* 27:11496–11500. [doi:10.1523/JNEUROSCI.2213-07.2007](https://doi.org/10.1523/JNEUROSCI.2213-07.2007)
# - Ma et al. (2023). *Nature* 622:802–809. [doi:10.1038/s41586-023-06624-1](https://doi.org/10.1038/s41586-023-06624-1)
# - Mealing et al. (1999). *J Pharmacol Exp Ther* 288:204–210. PMID [9862772](https://pubmed.ncbi.nlm.nih.gov/9862772/)
# - Miller et al. (2014). *eLife* 3:e03581. [doi:10.7554/eLife.03581](https://doi.org/10.7554/eLife.03581)
# - Øye et al. (1992). *J Pharmacol Exp Ther* 260:1209 (S- vs R-ketamine potency; DOI not checked).
# - Yang et al. (2018). *Nature* 554:317–322. [doi:10.1038/nature25509](https://doi.org/10.1038/nature25509)
# - Zanos et al. (2018). *Pharmacol Rev* 70:621. [doi:10.1124/pr.117.015198](https://doi.org/10.1124/pr.117.015198)
# - Zarate et al. (2006). *Arch Gen Psychiatry* 63:856 (plasma levels as tabulated by Zanos et al. 2018).
# - Zhou et al. (2021). *J Neurosci* 41:4131. [doi:10.1523/JNEUROSCI.2521-20.2021](https://doi.org/10.1523/JNEUROSCI.2521-20.2021)

# %% [markdown]
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.
