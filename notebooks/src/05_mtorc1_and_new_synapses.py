# %% [markdown]
# # mTORC1 and new synapses
#
# Ketamine leaves the blood within hours, yet one infusion can lift mood for days. This
# notebook follows the part of the chain that can bridge that gap. A brief signal (BDNF acting
# on TrkB, which switches on the kinase complex mTORC1 for minutes to a couple of hours)
# starts the synthesis of synaptic proteins. Over the next day those proteins let new dendritic
# spines form, and spines, once built, last days. We use the toy model to run two classic
# experiments with one click: block mTORC1 (what rapamycin does), and block the formation of new
# spines. The second shows a split that matters: the first hours of the effect do not need new
# spines, but keeping the effect going does. Finally we compare the toy with a human trial
# whose result did not match the rodent story.

# %% [markdown]
# ## Learning objectives
#
# *Estimated time: about 50 minutes.*
#
# By the end you should be able to:
#
# 1. describe the chain TrkB → mTORC1 → synaptic proteins → spine formation and give the time
#    scale of each step (minutes–hours, hours, days);
# 2. predict, with the model, what blocking mTORC1 does to proteins and spines, and explain why
#    a half block removes much more than half of the spine gain;
# 3. explain why the spine gain lasts about two weeks although the drug is gone within a day;
# 4. separate the **onset** of the effect (hours, no new spines needed) from its
#    **maintenance** (days, new spines needed);
# 5. say where the toy agrees and disagrees with the human rapamycin trial, and why.

# %% [markdown]
# ## How to use this notebook
#
# - **Running it** (JupyterLab, *Run → Run All Cells*): each demo has controls. Make your
#   prediction first, then move the controls and check.
# - **Reading it without a kernel** (nbviewer, GitHub): the controls do not work there. The
#   picture under each demo shows its default setting. The **static figure below each demo**
#   shows the same model across the whole range of its main control, so you can follow
#   everything without running the code.
# - Exercises have worked solutions in cells tagged `solution`. Try them before you look.
#
# All the numbers come from the `ketamine_moa` package and its cited parameter file
# `src/ketamine_moa/data/parameters.csv`; this notebook contains no model code of its own. The infusion used
# throughout (0.5 mg/kg over 40 min) is the research-trial design, used only as a reference.

# %% [markdown]
# ## Setup

# %%
import numpy as np

from ketamine_moa import model_parameters, simulate, single_infusion
from ketamine_moa.demos.spines_demo import course, onset_maintenance, rapamycin
from ketamine_moa.readouts import fade_time_h, improvement
from ketamine_moa.plotting import use_house_style
from ketamine_moa.widgets import panel, show_sweep

use_house_style()
mp = model_parameters()
plast = mp.plasticity  # the plasticity parameters from src/ketamine_moa/data/parameters.csv
symptoms = mp.symptoms  # the score parameters
baseline_score = symptoms.baseline_score_points

# %% [markdown]
# ## 1. mTORC1 and protein synthesis
#
# **Question.** How can a signal that lasts an hour or two change the brain for days?
#
# By building something. In rat prefrontal cortex, ketamine switches on mTORC1 within about an
# hour; mTORC1 turns up the translation of synaptic proteins (GluA1, PSD-95, synapsin), and a
# day later there are more spine synapses. Rapamycin, an mTORC1 inhibitor given into the
# brain, blocks both the new synapses and the antidepressant-like behaviour (Li et al. 2010,
# MTOR-01).
#
# **The model.** Upstream stages (notebooks 02–04) deliver the TrkB activation above baseline,
# $T(t) - 1$. With $b_\mathrm{mTOR}$ the mTORC1 block and $b_\mathrm{spine}$ the block of spine
# formation (fractions 0..1, applied for the whole run):
#
# $$
# \begin{aligned}
# \frac{dM}{dt} &= \frac{(1 - b_\mathrm{mTOR})\,(T - 1) - M}{\tau_\mathrm{mTOR}}
#   && \text{mTORC1 activity} = 1 + M\\
# \frac{dP}{dt} &= k_\mathrm{protein}\,M - \frac{P}{\tau_\mathrm{protein}}
#   && \text{synaptic proteins} = 1 + P\\
# \frac{dF}{dt} &= \frac{k_\mathrm{spine}\,(1 - b_\mathrm{spine})\,\max(P - \theta, 0) - F}{\tau_\mathrm{mat}}
#   && \text{extra spine formation rate}\\
# \frac{dS}{dt} &= \frac{1 - S}{\tau_\mathrm{spine}} + F\,\frac{S_\mathrm{max} - S}{S_\mathrm{max} - 1}
#   && \text{spine density (1 = stressed baseline)}
# \end{aligned}
# $$
#
# In parallel, TrkB potentiates existing synapses within hours, $\dot{\mathrm{Pot}} =
# k_\mathrm{pot}(T - 1) - \mathrm{Pot}/\tau_\mathrm{pot}$; this does **not** pass through mTORC1
# in the toy. New spines raise only the *formation* rate; elimination ($1/\tau_\mathrm{spine}$)
# is unchanged.
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | mTORC1 time constant, $\tau_\mathrm{mTOR}$ | {{ plast.mtorc1_tau_h:g }} | h | toy; Li et al. 2010, [doi:10.1126/science.1190287](https://doi.org/10.1126/science.1190287) (timing not verified) |
# | protein synthesis rate, $k_\mathrm{protein}$ | {{ plast.protein_synthesis_rate_per_h:g }} | 1/h | toy scale; Li et al. 2010 |
# | lifetime of extra proteins, $\tau_\mathrm{protein}$ | {{ plast.protein_tau_h:g }} | h | toy; Li et al. 2010 (time course not verified) |
# | spine formation per unit protein, $k_\mathrm{spine}$ | {{ plast.spine_formation_rate_per_h:g }} | 1/h | toy scale; Phoumthipphavong et al. 2016, [doi:10.1523/ENEURO.0133-15.2016](https://doi.org/10.1523/ENEURO.0133-15.2016) |
# | protein threshold for formation, $\theta$ | {{ plast.spine_protein_threshold:g }} | fraction | toy; Liu et al. 2012 (pmid:22036038) |
# | spine maturation time, $\tau_\mathrm{mat}$ | {{ plast.spine_maturation_tau_h:g }} | h | toy; Moda-Sava et al. 2019, [doi:10.1126/science.aat8078](https://doi.org/10.1126/science.aat8078) |
# | spine elimination time, $\tau_\mathrm{spine}$ | {{ plast.spine_decay_tau_h:g }} | h | toy ({{ plast.spine_decay_tau_h / 24:g }} days); Phoumthipphavong et al. 2016 |
# | healthy (pre-stress) density, $S_\mathrm{max}$ | {{ plast.healthy_spine_density_rel:g }} | relative | toy; Moda-Sava et al. 2019; Li et al. 2011 (PMC3068225) |
# | potentiation rate, $k_\mathrm{pot}$ | {{ plast.potentiation_rate_per_h:g }} | 1/h | toy; Autry et al. 2011, [doi:10.1038/nature10130](https://doi.org/10.1038/nature10130) |
# | potentiation decay, $\tau_\mathrm{pot}$ | {{ plast.potentiation_tau_h:g }} | h | toy; Moda-Sava et al. 2019 |

# %%
run = course()  # one research-trial infusion, two weeks, no blocks
peaks = {}  # output -> (peak change, its time in h)
for label, key in [("mTORC1 activity", "mtorc1_activity_rel"),
                   ("synaptic proteins", "synaptic_protein_rel"),
                   ("spine density", "spine_density_rel")]:
    i = int(np.argmax(run[key]))
    peaks[key] = (run[key][i] - 1, run.t_h[i])
    print(f"{label:>18}: peak +{100 * (run[key][i] - 1):4.1f}% at {run.t_h[i]:5.1f} h")
print(f"parameters used: tau_mTOR = {plast.mtorc1_tau_h} h, tau_protein = {plast.protein_tau_h} h, "
      f"tau_spine = {plast.spine_decay_tau_h} h")

# %% [markdown]
# Each step is slower than the one before: mTORC1 peaks within the hour, proteins a few
# hours later, spines after about {{ peaks['spine_density_rel'][1] / 24:.1f }} days. The slow
# steps integrate the brief signal.

# %% [markdown]
# ## 2. Rapamycin as a one-click experiment
#
# **Question.** If mTORC1 cannot be switched on, do the proteins and spines still rise?
#
# **The model.** The slider sets $b_\mathrm{mTOR}$ in the equations above: 0 is ketamine alone,
# 1 is a full block (the toy version of rapamycin given into the brain, as in Li et al. 2010).
# The dashed grey lines show ketamine alone.

# %% [markdown]
# ### Predict first
#
# With mTORC1 fully blocked, what happens to the synaptic proteins and the spines? With a
# **half** block, will the spine gain at 24 h be half as big, more than half, or less than
# half? Write your guess down.

# %%
panel(rapamycin)

# %%
show_sweep(rapamycin)

# %% [markdown]
# The numbers behind the figure:

# %%
half_block = 0.5
spine_gain_24h = {block: course(block).at("spine_density_rel", 24.0) - 1
                  for block in (0.0, half_block)}
protein_peak = {block: course(block)["synaptic_protein_rel"].max() - 1 for block in (0.0, half_block)}
for block in (0.0, half_block, 1.0):
    r = course(block)
    print(f"mTORC1 block {block:4.0%}: peaks mTORC1 +{r['mtorc1_activity_rel'].max() - 1:5.1%}, "
          f"proteins +{r['synaptic_protein_rel'].max() - 1:5.1%}; spines at 24 h "
          f"+{r.at('spine_density_rel', 24.0) - 1:5.1%}")
half_share = spine_gain_24h[half_block] / spine_gain_24h[0.0]
protein_share = protein_peak[half_block] / protein_peak[0.0]

# %% [markdown]
# ### What you should have seen
#
# - A full block leaves mTORC1, proteins and spines flat at baseline: the toy reproduces the
#   rodent result that rapamycin prevents the new synapses (Li et al. 2010).
# - mTORC1 and proteins shrink in proportion to the block, but the spines shrink **more**. A
#   half block leaves only about {{ half_share:.0% }} of the spine gain (Exercise 1 moves the threshold). The reason is the
#   threshold $\theta$: only protein above it drives new spines.
# - The upstream signal (glutamate, BDNF, TrkB) is untouched by the block; only the steps after
#   mTORC1 change.

# %% [markdown]
# ## 3. Spines over two weeks from a stress-lowered baseline
#
# **Question.** Why does the spine gain last so long after the drug and the protein signal are
# gone?
#
# Chronic stress removes spines in rodent prefrontal cortex, and one dose of ketamine restores
# them (Li et al. 2011, PMC3068225, not a scored finding; Moda-Sava et al. 2019). In the toy, spine density starts at the
# stressed level $S = 1$, and new spines can restore at most what stress removed
# ($S_\mathrm{max}$ = {{ plast.healthy_spine_density_rel:g }}). In mouse frontal cortex imaged in vivo, spine density stays higher
# for up to about two weeks after one injection, through **more formation**, with elimination
# unchanged (Phoumthipphavong et al. 2016, SYN-02). The toy builds that in: extra formation
# ends within a few days, and the extra spines are removed only at the normal elimination
# rate, $1/\tau_\mathrm{spine}$ = 1/({{ plast.spine_decay_tau_h / 24:g }} days).

# %%
for day in (1, 2, 3, 7, 14):
    print(f"day {day:>2}: spine density +{100 * (run.at('spine_density_rel', 24.0 * day) - 1):4.1f}% "
          f"above the stressed baseline, synaptic proteins "
          f"+{100 * (run.at('synaptic_protein_rel', 24.0 * day) - 1):4.1f}%")
peak_gain = run["spine_density_rel"].max() - 1
left = (run.at("spine_density_rel", 336.0) - 1) / peak_gain
print(f"at day 14, {left:.0%} of the peak spine gain is still there")

# %% [markdown]
# The proteins are back at baseline by about day 3, but the spines they helped build are still
# raised at day 14 (about {{ left:.0% }} of the peak gain), because they disappear only at the slow,
# normal elimination rate. That is the model's memory of a signal that lasted hours.

# %% [markdown]
# ## 4. Onset vs maintenance
#
# **Question.** Are new spines needed for the antidepressant effect to start, or to last?
#
# In stressed mice, Moda-Sava et al. (2019, SYN-01) removed the new spines after ketamine with
# light. The behavioural effect still started, but it did not last. In the toy, the score
# (MADRS-like points, lower is better) has a fast part carried by potentiation and a slow part
# carried by spines:
#
# $$\text{score}(t) = \text{baseline} - g_\mathrm{fast}\,\mathrm{Pot}(t)
#   - g_\mathrm{slow}\,(S(t) - 1), \qquad \text{improvement} = \text{baseline} - \text{score}.$$
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | baseline score | {{ symptoms.baseline_score_points:g }} | points | toy, typical treatment-resistant trial entry; Kishimoto et al. 2016, [doi:10.1017/S0033291716000064](https://doi.org/10.1017/S0033291716000064) |
# | fast gain, $g_\mathrm{fast}$ | {{ symptoms.fast_gain_points:g }} | points | toy; Kishimoto et al. 2016 |
# | slow gain, $g_\mathrm{slow}$ | {{ symptoms.slow_gain_points:g }} | points | toy; Moda-Sava et al. 2019 |
#
# Clinically, in a meta-analysis of single-infusion trials, ketamine beats placebo from
# 40 minutes, peaks at about day 1 and loses its advantage by days 10–12 (Kishimoto et al.
# 2016, CLIN-03). The choice below sets $b_\mathrm{spine}$ to 0 or 1.

# %% [markdown]
# ### Predict first
#
# With no new spines allowed, will the improvement at **2 hours** be smaller, the same or
# larger than with spines? At **1 day**? At **1 week**?

# %%
panel(onset_maintenance)

# %%
show_sweep(onset_maintenance)

# %% [markdown]
# The numbers behind the figure, including how much drug is left in the blood at day 1:

# %%
intact, blocked = course(0.0, 0.0), course(0.0, 1.0)
improvement_at = {}  # hours -> (spines intact, spines blocked), points
print("time     improvement (points): spines intact   spines blocked")
for label, hours in [("2 h", 2.0), ("6 h", 6.0), ("1 day", 24.0), ("2 days", 48.0),
                     ("1 week", 168.0), ("2 weeks", 336.0)]:
    improvement_at[hours] = (float(np.interp(hours, intact.t_h, improvement(intact))),
                             float(np.interp(hours, blocked.t_h, improvement(blocked))))
    print(f"{label:<8} {improvement_at[hours][0]:27.1f} {improvement_at[hours][1]:16.1f}")
gain = improvement(intact)
print(f"peak improvement {gain.max():.1f} points at {intact.t_h[np.argmax(gain)] / 24:.1f} days")
days_10_12 = (intact.t_h >= 10 * 24.0) & (intact.t_h <= 12 * 24.0)
tail_points = gain[days_10_12].mean()
print(f"mean improvement over days 10-12: {tail_points:.1f} points")
plasma_peak = intact["ketamine_plasma_uM"].max()
plasma_left_24h = intact.at("ketamine_plasma_uM", 24.0) / plasma_peak
print(f"plasma ketamine at 24 h: {intact.at('ketamine_plasma_uM', 24.0):.4f} µM = "
      f"{plasma_left_24h:.2%} of its {plasma_peak:.2f} µM peak")

# %% [markdown]
# ### What you should have seen
#
# - For the first few hours the two curves lie on top of each other: the **onset** needs no new
#   spines (the fast potentiation carries it).
# - With spines blocked, the improvement fades from about 6 h and is mostly gone by day 2.
#   With spines, it rises again to a peak near day 1 and fades over about two weeks: new spines
#   carry the **maintenance** (Moda-Sava et al. 2019).
# - The intact curve peaks near day 1, as in the trials. It is still about {{ tail_points:.0f }} points above
#   baseline at days 10–12, where the trials no longer show a difference from placebo; the toy
#   fades a little too slowly (or a {{ tail_points:.0f }}-point difference is too small to detect).
# - At 24 h, plasma ketamine is only {{ plasma_left_24h:.2% }} of its peak while the improvement is near its
#   maximum. The effect outlasts the drug by far (Ma et al. 2023, PK-03): something the drug
#   left behind, not the drug itself, carries it.

# %% [markdown]
# ## 5. The human rapamycin trial
#
# **Question.** Does blocking mTORC1 in people stop ketamine's effect?
#
# Abdallah et al. (2020) tested this in 20 people with depression (crossover): oral rapamycin
# 2 h before ketamine 0.5 mg/kg. Rapamycin did **not** block the effect at 24 h. Instead it
# *prolonged* the benefit: at 2 weeks, response was 41% with rapamycin vs 13% with placebo, and
# remission 29% vs 7% (Abdallah et al. 2020). What does our toy predict for a full mTORC1 block?

# %%
alone, with_rapamycin = course(0.0), course(1.0)
for label, r in [("ketamine alone", alone), ("with full mTORC1 block", with_rapamycin)]:
    at_24 = float(np.interp(24.0, r.t_h, improvement(r)))
    at_336 = float(np.interp(336.0, r.t_h, improvement(r)))
    spines_24 = 100 * (r.at("spine_density_rel", 24.0) - 1)
    print(f"{label:>24}: improvement {at_24:4.1f} points at 24 h, {at_336:4.1f} at 2 weeks; "
          f"spines +{spines_24:.1f}% at 24 h")
kept = (float(np.interp(24.0, with_rapamycin.t_h, improvement(with_rapamycin)))
        / float(np.interp(24.0, alone.t_h, improvement(alone))))
print(f"the toy keeps {kept:.0%} of the 24 h improvement under a full mTORC1 block")
# read in the exercises' expected results below: when the improvement halves after its peak
fade_days = {"intact": fade_time_h(intact) / 24, "blocked": fade_time_h(blocked) / 24}

# %% [markdown]
# **Where the toy agrees and where it does not.**
#
# - *Agrees with rodents:* a full mTORC1 block removes the spine gain and most of the 24 h
#   effect, as rapamycin given into the brain (i.c.v.) does in rats (Li et al. 2010).
# - *Disagrees with the human trial:* the toy loses about {{ 1 - kept:.0% }} of the 24 h improvement,
#   and predicts **less** benefit at 2 weeks, not more. The human trial found no loss at 24 h
#   and a *longer* benefit.
# - *Why the mismatch is not surprising:* the toy's "block" is a full, brain-wide mTORC1 block.
#   An oral 6 mg dose of rapamycin acts mostly outside the brain, and how much reaches the
#   prefrontal cortex is unknown; the rodent data used direct brain infusion. Systemic
#   rapamycin also acts on many tissues outside the brain. Why it prolonged the benefit is not
#   settled; the toy has no body outside the brain and no partial, body-wide block, so it
#   cannot produce a prolonged effect.
#
# The honest reading: the toy encodes the rodent mTORC1 story. The human trial says that story
# is at least incomplete in people.

# %% [markdown]
# ## Exercises

# %% [markdown]
# ### Exercise 1: what if the threshold were half as high?
#
# Section 2 shows that a half block of mTORC1 removes most of the spine gain because only
# protein above the threshold $\theta$ ({{ plast.spine_protein_threshold:g }}) makes new spines.
# Halve the threshold (`params={"spine_protein_threshold": ...}` in `simulate`) and give the
# 24 h spine gain with a half block (`interventions={"mtorc1_block": 0.5}`) as a share of the
# gain with ketamine alone **at the same lower threshold** (`share_low_threshold`, a fraction
# 0–1). Before you run it, guess: does the half block hurt more or less?
#
# *Expected result:* a much larger share than the one of section 2, though still below one
# half: the lower the threshold, the closer the spines follow the protein signal. How strongly
# the spines hang on mTORC1 is set by a toy parameter, not by a measurement.

# %% tags=["solution"] answer={"share_low_threshold": 0.03} hint="Both runs (half block and ketamine alone) need the same params={\"spine_protein_threshold\": plast.spine_protein_threshold / 2}; the spine gain is spine_density_rel at 24 h minus 1, and the share is a fraction (0-1)."
def spine_gain_at(threshold, block):
    r = simulate(single_infusion(), t_end_h=48.0, interventions={"mtorc1_block": block},
                 params={"spine_protein_threshold": threshold})
    return r.at("spine_density_rel", 24.0) - 1


low = plast.spine_protein_threshold / 2
share_low_threshold = spine_gain_at(low, 0.5) / spine_gain_at(low, 0.0)
print(f"threshold {low:g}: a half block leaves {share_low_threshold:.0%} of the spine gain "
      f"(threshold {plast.spine_protein_threshold:g}: {half_share:.0%})")

# %% [markdown]
# ### Exercise 2: how fast does the effect fade?
#
# For one infusion over 14 days, find the day on which the improvement (baseline score minus
# score) first falls below half of its peak, after the peak, with spine formation intact
# (`fade_day_intact`, in days after the start of the infusion) and with it blocked
# (`spine_formation_block` = 1; `fade_day_blocked`).
#
# *Expected result:* about day {{ fade_days['intact']:.0f }} with spines intact, and within the first day (about {{ fade_days['blocked']:.2f }}
# days, {{ 24 * fade_days['blocked']:.0f }} h) with spines blocked: without new spines the effect halves about
# {{ fade_days['intact'] / fade_days['blocked']:.0f }} times sooner.

# %% tags=["solution"] answer={"fade_day_intact": 0.03, "fade_day_blocked": 0.05} hint="Look only after the peak of the improvement (t_h greater than the time of the maximum), take the first time it is below half of the peak, and give it in days (t_h / 24), for spine_formation_block = 0 and 1."
fade_day = {}
for label, block in [("spines intact", 0.0), ("spines blocked", 1.0)]:
    r = simulate(single_infusion(), t_end_h=14 * 24.0,
                 interventions={"spine_formation_block": block})
    gain = baseline_score - r["symptom_score"]
    i_peak = int(np.argmax(gain))
    below = np.nonzero((r.t_h > r.t_h[i_peak]) & (gain < gain[i_peak] / 2))[0]
    fade_day[label] = r.t_h[below[0]] / 24
    print(f"{label:>14}: peak {gain[i_peak]:.1f} points at {r.t_h[i_peak]:.1f} h; "
          f"below half from day {fade_day[label]:.2f}")
fade_day_intact, fade_day_blocked = fade_day["spines intact"], fade_day["spines blocked"]

# %% [markdown]
# ### Exercise 3: explain it in a sentence: why does a half block remove most of the spines?
#
# In section 2 a half block of mTORC1 halves the synaptic-protein peak but removes far more
# than half of the 24 h spine gain. Write one sentence that explains why, then pick the option
# closest to it:
#
# - (a) Rapamycin also removes spines that already exist.
# - (b) Only protein above the threshold makes new spines, so halving the protein removes
#   most of the part above the threshold.
# - (c) The half block also halves the glutamate surge, and the two cuts multiply.
# - (d) Spines need a whole day to form, and the block lasts longer than the drug.
#
# *Expected result:* one letter in `choice_05`, and a sentence that uses the word threshold.

# %% tags=["solution"] answer={"choice_05": 0.01} options={"a": "No: in the model the block lowers spine formation only; spines are removed at the normal elimination rate.", "b": "Yes: formation is driven by protein minus the threshold, so a signal that only just clears the threshold loses most of its effect when it is halved.", "c": "No: the block acts after TrkB; glutamate, BDNF and TrkB are untouched (section 2).", "d": "No: the block is held constant in both runs; the time spines take to form is the same with and without it."} hint="Compare the protein peak with the threshold: how much of the protein signal lies above the threshold before and after the half block?"
# A threshold turns a halved signal into a much smaller effect.
choice_05 = "b"
print(f"half block: protein peak {protein_share:.0%}, 24 h spine gain {half_share:.0%} "
      f"of ketamine alone; threshold {plast.spine_protein_threshold:g}")

# %% [markdown]
# ## Summary
#
# - A short TrkB → mTORC1 signal (under 3 h) drives synaptic protein synthesis (hours), which
#   raises the spine **formation** rate (about a day). Each step is slower than the last.
# - Spines, once formed, are removed only at the normal elimination rate, so the gain lasts
#   about two weeks: the model's memory of a brief signal, long after the drug has gone
#   ({{ plasma_left_24h:.2% }} of the peak plasma level at 24 h).
# - Blocking mTORC1 removes the proteins and spines; a half block removes most of the spine
#   gain because formation needs protein above a threshold.
# - The **onset** of the improvement does not need new spines; its **maintenance** does
#   (Moda-Sava et al. 2019).
# - The toy follows the rodent rapamycin data, but not the human trial, where oral rapamycin
#   did not block the 24 h effect and prolonged the benefit (Abdallah et al. 2020).

# %% [markdown]
# ## What this model leaves out
#
# - **One spine population.** Real spines differ by cell type, dendritic branch and projection
#   target; Moda-Sava et al. (2019) found the restored spines on specific branches. The toy has
#   one number for the whole prefrontal cortex.
# - **No region differences.** In mouse somatosensory cortex, repeated ketamine raised spine
#   formation only at 72–132 h and not at 6–24 h (Pryazhnikov et al. 2018,
#   [doi:10.1038/s41598-018-24933-8](https://doi.org/10.1038/s41598-018-24933-8)). The toy's
#   timing is the prefrontal one and is itself partly unverified.
# - **No homeostatic pruning.** Elimination never speeds up to compensate for new spines; the
#   only ceiling is the pre-stress density $S_\mathrm{max}$.
# - **The score is a population toy.** The gains are chosen so that the average curve peaks near
#   day 1; it says nothing about any one person, and placebo response is not modelled.
# - **mTORC1 as a switch.** Real mTORC1 has many targets (4E-BP1, S6K, autophagy), and
#   rapamycin blocks some outputs better than others. The toy has one output, protein synthesis,
#   and the fast potentiation bypasses mTORC1 entirely.
# - **Rodent parameters.** All time constants are toy values motivated by rat and mouse data;
#   several time courses are remembered, not checked (see `src/ketamine_moa/data/parameters.csv`).
#
# **Competing hypotheses.** That new spines carry the maintenance is well supported in rodents;
# whether mTORC1 is *necessary* is less clear. The human rapamycin trial argues against a simple
# mTORC1-only account (Abdallah et al. 2020). Other accounts place the sustained effect
# elsewhere: in NMDA receptors of the lateral habenula where the drug stays trapped (Ma et al.
# 2023), or in the direct block of resting NMDA receptors on pyramidal cells, which raises
# BDNF translation through eEF2 kinase (Autry et al. 2011). These are not mutually exclusive.

# %% [markdown]
# ## References
#
# - Abdallah et al. (2020). *Neuropsychopharmacology* 45:990–997. [doi:10.1038/s41386-020-0644-9](https://doi.org/10.1038/s41386-020-0644-9)
# - Autry et al. (2011). *Nature* 475:91–95. [doi:10.1038/nature10130](https://doi.org/10.1038/nature10130)
# - Kishimoto et al. (2016). *Psychol Med* 46:1459–1472. [doi:10.1017/S0033291716000064](https://doi.org/10.1017/S0033291716000064)
# - Li et al. (2010). *Science* 329:959–964. [doi:10.1126/science.1190287](https://doi.org/10.1126/science.1190287)
# - Li et al. (2011). *Biol Psychiatry* 69:754–761 (PMC3068225; DOI not verified).
# - Liu et al. (2012). *Biol Psychiatry* 71:996–1005 (pmid:22036038).
# - Ma et al. (2023). *Nature* 622:802–809. [doi:10.1038/s41586-023-06624-1](https://doi.org/10.1038/s41586-023-06624-1)
# - Moda-Sava et al. (2019). *Science* 364:eaat8078. [doi:10.1126/science.aat8078](https://doi.org/10.1126/science.aat8078)
# - Phoumthipphavong et al. (2016). *eNeuro* 3:ENEURO.0133-15.2016. [doi:10.1523/ENEURO.0133-15.2016](https://doi.org/10.1523/ENEURO.0133-15.2016)
# - Pryazhnikov et al. (2018). *Sci Rep* 8:6464. [doi:10.1038/s41598-018-24933-8](https://doi.org/10.1038/s41598-018-24933-8)

# %% [markdown]
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.
