# %% [markdown]
# # Disinhibition and the glutamate surge
#
# Notebook 02 showed that ketamine *plugs* NMDA receptors, so less current flows. Yet brain
# scans and microdialysis show the opposite at the level of the tissue: after a subanaesthetic
# dose, extracellular glutamate **rises**. How can blocking a glutamate receptor raise
# glutamate? One leading answer is that ketamine takes the brakes off. Inhibitory interneurons
# depend on NMDA receptors for part of their drive, and their busy channels are blocked more
# (use-dependence, notebook 02). They fire less, the pyramidal cells they inhibit fire more,
# and pyramidal cells release glutamate. This notebook builds that idea as a two-population
# rate model, checks it against three findings, and sets it beside a competing hypothesis.

# %% [markdown]
# ## Learning objectives
#
# *Estimated time: about 50 minutes.*
#
# By the end you should be able to:
#
# 1. explain how blocking NMDA receptors can *raise* glutamate (disinhibition), and why the
#    pyramidal rise follows the interneuron fall with a lag;
# 2. read the model's glutamate surge after the research infusion and compare it with the
#    +38% Glx measured in patients (Milak et al. 2016);
# 3. explain the inverted U: why a small exposure raises pyramidal firing and a large one
#    lowers it;
# 4. predict what deleting NMDA receptors from interneurons or from pyramidal cells does to
#    the surge;
# 5. describe the rest-block hypothesis and say which experiment would separate it from
#    disinhibition.
#
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.

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
# `src/ketamine_moa/data/parameters.csv`; this notebook contains no model code of its own. The infused amounts
# are inputs of a toy model, chosen to show its behaviour; they are not recommendations.

# %% [markdown]
# ## Setup

# %%
import numpy as np

from ketamine_moa import model_parameters, simulate, single_infusion
from ketamine_moa.circuit import unadapted_pyramidal_rate_rel
from ketamine_moa.demos.circuit_demo import (clamped_pyramidal_rate, infusion_run, inverted_u,
                                             knockouts, time_course, triggers)
from ketamine_moa.plotting import use_house_style
from ketamine_moa.receptors import blocked_fraction
from ketamine_moa.widgets import panel, show_sweep

use_house_style()
params = model_parameters()
circuit = params.circuit  # the circuit parameters from src/ketamine_moa/data/parameters.csv
nmda = params.nmda
# the research infusion (0.5 mg/kg over 40 min) through the whole chain, for the calibration note
trial = infusion_run(0.5)
trial_peak = int(np.argmax(trial["glutamate_rel"]))
clamp_uM = 7.0  # a clamped concentration in the anaesthetic range (5–10 µM)

# %% [markdown]
# ## 1. The E-I circuit
#
# **Question.** What is the smallest circuit in which blocking an excitatory receptor can
# increase excitation?
#
# Two populations: fast-spiking GABA **interneurons** (I) inhibit **pyramidal** cells (E), the
# glutamate-releasing neurons of the prefrontal cortex. Both get part of their excitatory
# drive through NMDA receptors. Ketamine blocks a fraction $b_I(t)$ of the interneurons' NMDA
# receptors and a fraction $b_E(t)$ of the pyramidal cells' (from notebook 02, with
# $b_I > b_E$ because interneuron channels open more often).
#
# **The model.** All rates are relative to the untreated baseline (1). Neurons respond in
# milliseconds, so the rates follow their inputs at once; only a lag and an adaptation are
# integrated over time:
#
# $$
# \begin{aligned}
# r_I(t) &= 1 - f_I + f_I\,(1 - b_I(t)) &&\text{interneuron rate}\\
# e(t) &= 1 - f_E + f_E\,(1 - b_E(t)) &&\text{pyramidal excitatory drive}\\
# u(t) &= (1 + w)\,e(t) - w\,r_I(t) &&\text{net pyramidal input}\\
# \tau_\text{lag}\,\dot x &= u - x &&\text{input as felt, after a lag}\\
# \tau_h\,\dot h &= \max(x - 1, 0) - h &&\text{adaptation to excess input}\\
# r_E &= \min(\max(x, 0), 1) + \max(x - 1 - h,\ 0) &&\text{pyramidal rate} = \text{glutamate}
# \end{aligned}
# $$
#
# The adaptation $h$ only removes *excess* input: it can pull the pyramidal rate back to its
# set point (1) but never below it. When the input falls below the set point (heavy pyramidal
# block at anaesthetic exposure) the rate follows it down, uncompensated.
#
# Excitation $(1+w)$ and inhibition $w$ nearly cancel (a *balanced* network), so a small fall
# in $r_I$ is multiplied by $w$ into a large rise in net input. A knockout multiplies the NMDA
# term of one cell type by $(1 - \text{loss})$; the circuit is assumed to have compensated
# for it before the drug arrives, so every genotype starts at baseline.
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | NMDA share of interneuron drive, $f_I$ | {{ circuit.interneuron_nmda_drive_fraction:g }} | fraction | toy, calibrated; motivated by Homayoun & Moghaddam 2007, [doi:10.1523/JNEUROSCI.2213-07.2007](https://doi.org/10.1523/JNEUROSCI.2213-07.2007) |
# | NMDA share of pyramidal recurrent drive, $f_E$ | {{ circuit.pyramidal_nmda_drive_fraction:g }} | fraction | toy; Wang et al. 2013, [doi:10.1016/j.neuron.2012.12.032](https://doi.org/10.1016/j.neuron.2012.12.032) (NMDA receptors carry persistent firing in PFC) |
# | inhibition weight, $w$ | {{ circuit.inhibition_weight:g }} | – | toy; balanced networks, van Vreeswijk & Sompolinsky 1996 (PMID 8939866); calibrated to Milak et al. 2016 |
# | lag, $\tau_\text{lag}$ | {{ circuit.disinhibition_lag_h:.3g }} ({{ 60 * circuit.disinhibition_lag_h:.0f }} min) | h | toy; the delay reported by Homayoun & Moghaddam 2007 |
# | adaptation time constant, $\tau_h$ | {{ circuit.adaptation_tau_h:g }} | h | toy, calibrated to the transient Glx rise of Milak et al. 2016, [doi:10.1038/mp.2015.83](https://doi.org/10.1038/mp.2015.83) |
#
# $f_I$, $f_E$ and $w$ were calibrated together to two targets: a
# {{ trial["glutamate_rel"][trial_peak] - 1:+.0% }} glutamate peak at
# {{ 60 * trial.t_h[trial_peak]:.0f }} min for 0.5 mg/kg over 40 min, and no surge at a clamped
# {{ clamp_uM:g }} µM.

# %%
for name in ("interneuron_nmda_drive_fraction", "pyramidal_nmda_drive_fraction",
             "inhibition_weight", "disinhibition_lag_h", "adaptation_tau_h"):
    print(f"{name:>32} = {getattr(circuit, name):g}")
# What a 10% fall of interneuron firing does to the net pyramidal input (before the lag):
w = circuit.inhibition_weight
print(f"a 10% fall in interneuron rate alone raises the net pyramidal input by {w * 0.10:.0%}")
unit_fall = 0.01  # a 1% fall of interneuron firing, for the sentence below

# %% [markdown]
# With $w = {{ w:g }}$, every {{ unit_fall:.0% }} that the interneurons slow down becomes
# {{ w * unit_fall:.0% }} more net input to the pyramidal cells. That is the amplifier that turns a partial block into a surge.

# %% [markdown]
# ## 2. Interneurons fall first, pyramidal cells rise after a lag
#
# **Question.** During a 40-minute infusion, in what order do the two cell types change, and
# does glutamate keep rising as long as the drug is given?
#
# In awake rats, an NMDA antagonist first lowers the firing of putative GABA interneurons and
# then, after a delay, raises the firing of most pyramidal neurons in the prefrontal cortex
# (Homayoun & Moghaddam 2007, with MK-801; finding GLU-02). In depressed patients given
# 0.5 mg/kg over 40 min, mPFC Glx measured by ¹H-MRS peaked 37.8 ± 7.5% above baseline at about
# 26 min (Milak et al. 2016; finding GLU-04). The model runs the whole chain: plasma level →
# NMDA block per cell type → circuit.

# %% [markdown]
# ### Predict first
#
# The interneuron block keeps rising until the infusion stops at 40 min. Will glutamate peak at
# 40 min too, earlier, or later? After the infusion, will glutamate simply return to
# baseline, or overshoot below it? Move the amount slider: does a larger amount give a
# taller surge, an earlier one, or both?

# %%
panel(time_course)

# %%
show_sweep(time_course)

# %%
run = infusion_run(0.5)
t_min = 60 * run.t_h
i_low = int(np.argmin(run["interneuron_rate_rel"]))
i_peak = int(np.argmax(run["glutamate_rel"]))
print(f"interneuron rate: lowest {run['interneuron_rate_rel'][i_low] - 1:+.0%} at {t_min[i_low]:.0f} min")
print(f"glutamate: peak {run['glutamate_rel'][i_peak] - 1:+.0%} at {t_min[i_peak]:.0f} min "
      f"(measured Glx +38 ± 8% at ~26 min, Milak 2016)")
for hours in (1.0, 2.0, 3.0):
    print(f"glutamate at {hours:.0f} h: {run.at('glutamate_rel', hours) - 1:+.0%}")
interneuron_low = run["interneuron_rate_rel"][i_low] - 1
glutamate_peak = run["glutamate_rel"][i_peak] - 1

# %% [markdown]
# ### What you should have seen
#
# - Interneuron firing falls at once and keeps falling until the infusion ends (about
#   −{{ -interneuron_low:.0% }} at {{ t_min[i_low]:.0f }} min), following the block.
# - Pyramidal firing, and with it glutamate, rises with a delay of minutes and peaks at about
#   **{{ glutamate_peak:+.0% }} at {{ t_min[i_peak]:.0f }} min**, close to the +38% Glx at ~26 min
#   measured in patients (Milak et al. 2016). This match is by
#   construction: $w$, $f_I$, $f_E$, $\tau_\text{lag}$ and $\tau_h$ were calibrated to it.
# - Glutamate falls **while drug is still being infused**: adaptation catches up with the push.
#   After the infusion it settles at baseline and stays there
#   ({{ run.at('glutamate_rel', 2.0) - 1:+.0% }} at 2 h, {{ run.at('glutamate_rel', 3.0) - 1:+.0% }}
#   at 3 h): adaptation can pull the rate back to its set point, never below it. No study
#   cited here reports glutamate *below* baseline after a subanaesthetic dose, so the model
#   has no undershoot. (An earlier version of the toy dipped below baseline for hours after the
#   infusion; that was an artefact of its adaptation, not a finding.)
# - Larger amounts give a taller and *earlier* surge. At 2 mg/kg the surge even has two humps:
#   at the top of the exposure the pyramidal cells' own block cuts the rise, and a second
#   rise appears as the concentration falls back through the middle range (section 3).

# %% [markdown]
# ## 3. The inverted U with exposure
#
# **Question.** If more block of interneurons means more disinhibition, why does an
# anaesthetic dose not cause a huge glutamate surge?
#
# In rats, 10–30 mg/kg ketamine i.p. raised extracellular glutamate in the prefrontal cortex,
# 50 mg/kg had no effect and the anaesthetic 200 mg/kg lowered it: an inverted U (Moghaddam et
# al. 1997; finding GLU-01).
#
# **The model.** Hold the concentration $c$ fixed and ignore the lag and the adaptation. The
# steady blocks come from notebook 02's use-dependent block with each cell type's tonic opening
# rate $\alpha$, and the pyramidal rate is the net input:
#
# $$r_E^\text{unadapted}(c) = \max\bigl(0,\ (1 + w)\,e(b_E(c)) - w\,r_I(b_I(c))\bigr),
# \qquad b_X(c) = \mathtt{blocked\_fraction}(c, \alpha_X).$$
#
# At low $c$ the interneurons lose more drive than the pyramidal cells (use-dependence), so
# disinhibition wins. At high $c$ both are heavily blocked, and the pyramidal cells' own large
# NMDA share $f_E$ pulls their rate down.
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | tonic opening rate, interneuron-like, $\alpha_I$ | {{ nmda.nmda_tonic_open_rate_interneuron_per_s:g }} | 1/s | toy; Homayoun & Moghaddam 2007 (qualitative) |
# | tonic opening rate, pyramidal-like, $\alpha_E$ | {{ nmda.nmda_tonic_open_rate_pyramidal_per_s:g }} | 1/s | toy; {{ nmda.nmda_tonic_open_rate_interneuron_per_s / nmda.nmda_tonic_open_rate_pyramidal_per_s:.0f }} times lower |
# | $f_I$, $f_E$, $w$ | {{ circuit.interneuron_nmda_drive_fraction:g }}, {{ circuit.pyramidal_nmda_drive_fraction:g }}, {{ circuit.inhibition_weight:g }} | – | section 1 |
#
# The shaded bands are the **plasma** ranges of notebook 02: antidepressant infusion peak
# (about 0.5–1 µM) and anaesthesia (5–10 µM), as tabulated by Zanos et al. 2018.

# %% [markdown]
# ### Predict first
#
# Where along the concentration axis is the pyramidal rate highest: in the antidepressant band,
# in the anaesthetic band, or in between? At {{ clamp_uM:g }} µM, is the pyramidal rate above or
# below baseline?

# %%
panel(inverted_u)

# %%
show_sweep(inverted_u)

# %%
peak_plasma_uM = run["ketamine_plasma_uM"].max()  # peak of the research infusion (section 2)
for conc in (peak_plasma_uM, clamp_uM, 20.0):
    print(f"clamped {conc:5.2f} µM: unadapted pyramidal rate {float(clamped_pyramidal_rate(conc)):.0%} of baseline")
# the top of the inverted U, and where the rate is back at baseline above it
clamp_range_uM = (0.1, 20.0)
u_conc = np.geomspace(*clamp_range_uM, 2000)
u_rate = clamped_pyramidal_rate(u_conc)
u_top = int(np.argmax(u_rate))
u_back = u_top + int(np.argmax(u_rate[u_top:] < 1.0))
rate_at_clamp = float(clamped_pyramidal_rate(clamp_uM))
print(f"top {u_rate[u_top]:.0%} at {u_conc[u_top]:.2f} µM; back at baseline at {u_conc[u_back]:.1f} µM")

# %% [markdown]
# ### What you should have seen
#
# - The pyramidal rate rises with concentration, peaks at about **{{ u_rate[u_top]:.0% }} near
#   {{ u_conc[u_top]:.1f }} µM**, is back at baseline near {{ u_conc[u_back]:.0f }} µM and falls
#   well below it in the anaesthetic band ({{ rate_at_clamp:.0% }} at {{ clamp_uM:g }} µM).
# - This is the shape Moghaddam et al. (1997) saw, but only its shape: their doses were i.p.
#   in rats, and the toy's concentration axis was not mapped onto them.
# - **Be careful with "clamped".** A real dose does not hold a concentration. Even an
#   anaesthetic bolus is followed by a fall through about {{ u_conc[u_top]:.1f }} µM, where this
#   curve peaks.
#   So *when* one looks matters: the 2 mg/kg curve of section 2 shows a second glutamate hump
#   on the way down. And the adaptation ($\tau_h$ = {{ 60 * circuit.adaptation_tau_h:.0f }} min) means the real surge is smaller
#   and shorter than this unadapted curve.

# %% [markdown]
# ## 4. Cell-type knockouts
#
# **Question.** If disinhibition is the trigger, which cell type's NMDA receptors does
# ketamine need?
#
# In mice, deleting the GluN2B subunit from GABA interneurons (Sst or Pvalb) blocked
# ketamine's antidepressant-like effects; deleting it from principal (glutamate) neurons did
# not (Gerhard et al. 2020; finding GLU-03). An earlier mouse study points the other way:
# deleting GluN2B only from principal cortical neurons *mimicked* ketamine's effects on
# behaviour and excitatory synaptic transmission, and *occluded* them, so that ketamine added
# nothing (Miller et al. 2014; finding GLU-06). **Which cell type ketamine acts on is an open
# question**; the two studies used different deletions, ages and tests. The model can delete a share of each cell type's
# NMDA receptors (`interneuron_nmda_loss`, `pyramidal_nmda_loss`): the NMDA term of that
# population is multiplied by $(1 - \text{loss})$, and the circuit has compensated before
# the drug is given.
#
# | intervention | what it changes | source |
# |---|---|---|
# | `interneuron_nmda_loss` | $r_I = 1 - f_I + f_I(1-\text{loss})(1 - b_I)$ | Gerhard et al. 2020, [doi:10.1172/JCI130808](https://doi.org/10.1172/JCI130808) |
# | `pyramidal_nmda_loss` | $e = 1 - f_E + f_E(1-\text{loss})(1 - b_E)$, and the rest-block drive $g_\text{rest}\,b_E$ (section 5) becomes $g_\text{rest}\,(1-\text{loss})\,b_E$ | Gerhard et al. 2020; Miller et al. 2014, [doi:10.7554/eLife.03581](https://doi.org/10.7554/eLife.03581) |

# %% [markdown]
# ### Predict first
#
# With all interneuron NMDA receptors gone, is there still a surge? With all pyramidal NMDA
# receptors gone, is the surge smaller, the same, or larger than in the wild type?

# %%
panel(knockouts)

# %%
show_sweep(knockouts)

# %%
no_interneuron = infusion_run(0.5, {"interneuron_nmda_loss": 1.0})["glutamate_rel"]
no_pyramidal = infusion_run(0.5, {"pyramidal_nmda_loss": 1.0})["glutamate_rel"]
i_ko_low = int(np.argmin(no_interneuron))
print(f"wild type: peak {glutamate_peak:+.0%}; interneuron loss: lowest {no_interneuron[i_ko_low] - 1:+.0%} "
      f"at {t_min[i_ko_low]:.0f} min; pyramidal loss: peak {no_pyramidal.max() - 1:+.0%}")

# %% [markdown]
# ### What you should have seen
#
# - **Interneuron NMDA loss removes the surge** entirely: with no NMDA receptors on
#   interneurons, ketamine has nothing to take away from them, so there is no disinhibition.
#   Only the pyramidal cells' own block is left, and in this balanced toy it is amplified by
#   the same factor $1 + w$: glutamate falls almost to zero at {{ t_min[i_ko_low]:.0f }} min. That collapse is an
#   artefact of the toy's large gain, not a measured result.
# - **Pyramidal NMDA loss makes the surge larger** (about {{ no_pyramidal.max() - 1:+.0% }}
#   instead of {{ glutamate_peak:+.0% }}): ketamine can
#   no longer lower the pyramidal cells' own drive, so disinhibition acts unopposed.
# - Both match the direction of Gerhard et al. (2020) only loosely. They measured behaviour,
#   not glutamate, and deleted one subunit (GluN2B) in Sst or Pvalb cells; the toy removes
#   "NMDA receptors" from a single interneuron population.
# - The surge is only half of the story: Miller et al. (2014) found the opposite cell type
#   necessary. Section 5 shows how the model's second trigger, rest block, reads the same
#   knockouts.

# %% [markdown]
# ## 5. The rest-block hypothesis beside disinhibition
#
# **Question.** Does the antidepressant signal have to go through a glutamate surge at all?
#
# *Rest block* (Autry et al. 2011): at rest, spontaneous glutamate release activates NMDA
# receptors on pyramidal cells, which keeps eEF2 kinase active and BDNF translation low.
# Blocking those resting receptors switches the kinase off and BDNF is made quickly, with no
# surge needed. The chain model offers both as the trigger of BDNF release:
#
# $$D(t) = \max(A(t) - 1, 0)\ \ \text{("disinhibition": }A\text{ follows glutamate)}, \qquad
#   D(t) = g_\text{rest}\, b_E(t)\ \ \text{("rest_block")},$$
#
# and BDNF release is $1 + D$ (with no other interventions). $g_\text{rest}$ is
# `rest_block_bdnf_gain` in `src/ketamine_moa/data/parameters.csv` (Autry et al. 2011,
# [doi:10.1038/nature10130](https://doi.org/10.1038/nature10130)). The rest-block trigger is
# the model's counterpart of the *direct pyramidal* account: ketamine acts on the pyramidal
# cells' own resting NMDA receptors (Autry et al. 2011; Miller et al. 2014). With a share of
# those receptors deleted (`pyramidal_nmda_loss`), only the remaining ones can be blocked, so
# the drive is $g_\text{rest}\,(1 - \text{loss})\,b_E$.

# %% [markdown]
# ### Predict first
#
# Which trigger gives the earlier BDNF peak? Which one is abolished by the interneuron
# knockout of section 4, and which by the pyramidal knockout?

# %%
panel(triggers)

# %%
show_sweep(triggers)

# %%
bdnf = {trigger: infusion_run(0.5, trigger=trigger)["bdnf_release_rel"]
        for trigger in ("disinhibition", "rest_block")}
bdnf_peak = {trigger: int(np.argmax(series)) for trigger, series in bdnf.items()}
# back to baseline: the first time after the peak at which no release above baseline is left
i_bdnf_back = bdnf_peak["disinhibition"] + int(
    np.argmax(bdnf["disinhibition"][bdnf_peak["disinhibition"]:] <= 1.0 + 1e-6))
for trigger, series in bdnf.items():
    print(f"{trigger:>13}: BDNF release peak {series.max() - 1:+.0%} at "
          f"{t_min[bdnf_peak[trigger]]:.0f} min")
print(f"disinhibition: back to baseline at {t_min[i_bdnf_back]:.0f} min")
# GLU-06 (Miller 2014): the pyramidal knockout under each trigger, as 24 h spine gain relative
# to the wild type with the same trigger
spine_ratio = {}
for trigger in ("disinhibition", "rest_block"):
    gain_24h = [simulate(single_infusion(), t_end_h=48.0, trigger=trigger,
                         interventions={"pyramidal_nmda_loss": loss}).at("spine_density_rel", 24.0)
                - 1 for loss in (0.0, 1.0)]
    spine_ratio[trigger] = gain_24h[1] / gain_24h[0]
    print(f"{trigger:>13}: 24 h spine gain with pyramidal NMDA loss = "
          f"{spine_ratio[trigger]:.0%} of the wild type's")

# %% [markdown]
# ### What you should have seen
#
# - With the disinhibition trigger, BDNF release follows the glutamate surge:
#   {{ bdnf["disinhibition"].max() - 1:+.0% }} at {{ t_min[bdnf_peak["disinhibition"]]:.0f }} min,
#   then back to baseline within about {{ t_min[i_bdnf_back]:.0f }} min.
# - With the rest-block trigger, it follows the pyramidal NMDA block: a smaller rise
#   ({{ bdnf["rest_block"].max() - 1:+.0% }}) that peaks when the infusion ends at
#   {{ t_min[bdnf_peak["rest_block"]]:.0f }} min and fades slowly with the drug.
# - The interneuron knockout removes the disinhibition signal but leaves the rest-block signal
#   untouched; the pyramidal knockout does the reverse. With the rest-block trigger, deleting
#   the pyramidal NMDA receptors leaves
#   {{ spine_ratio["rest_block"]:.0% }} of the 24 h spine gain: ketamine has nothing left to
#   block, so the knockout *occludes* its effect, as Miller et al. (2014) found. With the
#   disinhibition trigger the same knockout does not block the effect: the spine gain is
#   {{ spine_ratio["disinhibition"]:.1f }} times the wild type's (the surge is larger, section 4),
#   in line with Gerhard et al. (2020).
# - So each knockout study fits one trigger. The model shows only the *occlusion* half of the
#   Miller result: it assumes a knockout is compensated before the drug arrives (every genotype
#   starts at baseline), so the deletion on its own does not *mimic* ketamine here.
# - **Neither hypothesis is settled**, and the cell-type question is open. The sizes of the
#   two signals depend on toy gains, so the model cannot say which mechanism is larger in
#   people.

# %% [markdown]
# ## Exercises

# %% [markdown]
# ### Exercise 1: what if the circuit adapted more slowly?
#
# The adaptation that ends the surge has a time constant $\tau$ (`adaptation_tau_h`,
# {{ circuit.adaptation_tau_h:g }} h), the least constrained parameter of the circuit. Run
# `simulate(single_infusion(), t_end_h=6.0, params={"adaptation_tau_h": ...})` with $\tau$ four
# times as long ({{ 4 * circuit.adaptation_tau_h:g }} h) and find the peak of `glutamate_rel`
# as % above baseline (`peak_pct_slow`) and the time of the peak in minutes after the start of
# the infusion (`t_peak_min_slow`). Before you run it, guess: higher or lower than the surge of section 2,
# earlier or later?
#
# *Expected result:* a higher and later peak than the surge of section 2, which the model
# matches to Milak et al. (2016) by calibration: how big the surge is hangs on a parameter that
# no measurement pins down.

# %% tags=["solution"] answer={"peak_pct_slow": 0.03, "t_peak_min_slow": 0.05} hint="Pass the slower adaptation as params={\"adaptation_tau_h\": 4 * circuit.adaptation_tau_h} (a run without params gives the calibrated surge); the rise in % is 100 * (peak of glutamate_rel - 1), and the time is 60 * t_h at the peak, in minutes."
slow = simulate(single_infusion(), t_end_h=6.0,
                params={"adaptation_tau_h": 4 * circuit.adaptation_tau_h})
k_slow = int(np.argmax(slow["glutamate_rel"]))
peak_pct_slow = 100 * (slow["glutamate_rel"][k_slow] - 1)
t_peak_min_slow = 60 * slow.t_h[k_slow]
print(f"adaptation tau {4 * circuit.adaptation_tau_h:g} h: peak {peak_pct_slow:+.1f}% at "
      f"{t_peak_min_slow:.0f} min (calibrated: {glutamate_peak:+.0%} at {t_min[i_peak]:.0f} min)")

# %% [markdown]
# ### Exercise 2: where is the top of the inverted U?
#
# Using `blocked_fraction` with the two tonic opening rates and `unadapted_pyramidal_rate_rel`,
# find the clamped concentration between {{ clamp_range_uM[0]:g }} and {{ clamp_range_uM[1]:g }} µM that maximises the unadapted pyramidal
# rate (`top_uM`, in µM), and the concentration above it where the rate is back at baseline
# (`back_uM`). Use a fine grid of concentrations (a few thousand, spaced evenly on a log scale).
#
# *Expected result:* the maximum is about {{ u_rate[u_top]:.0% }} of baseline near
# {{ u_conc[u_top]:.1f }} µM, a little above the antidepressant infusion peak; the rate is back at
# baseline near {{ u_conc[u_back]:.0f }} µM, at the bottom of the anaesthetic band.

# %% tags=["solution"] answer={"top_uM": 0.05, "back_uM": 0.05} hint="Search between the two ends of clamp_range_uM on a log-spaced grid (np.logspace), take the concentration of the largest rate, then the first concentration above it where the rate is below 1 (baseline); give both in µM."
conc = np.logspace(np.log10(clamp_range_uM[0]), np.log10(clamp_range_uM[1]), 2000)
b_i = blocked_fraction(conc, nmda.nmda_tonic_open_rate_interneuron_per_s, nmda)
b_e = blocked_fraction(conc, nmda.nmda_tonic_open_rate_pyramidal_per_s, nmda)
rate = unadapted_pyramidal_rate_rel(b_i, b_e, circuit)
top = int(np.argmax(rate))
back = top + int(np.argmax(rate[top:] < 1.0))
top_uM, back_uM = conc[top], conc[back]
print(f"maximum {rate[top]:.0%} of baseline at {top_uM:.2f} µM")
print(f"back to baseline at {back_uM:.1f} µM")

# %% [markdown]
# ### Exercise 3: what if the same dose ran in over 100 minutes?
#
# Give the same 0.5 mg/kg over 100 min instead of 40 min (`single_infusion(duration_h=...)`,
# the duration in hours; `help(single_infusion)`), run `simulate` over 6 h and find the peak
# of `glutamate_rel` as % above baseline (`peak_pct_long`) and its time in minutes
# (`t_peak_min_long`). Before you run it, guess: does the surge just stretch out, or does it shrink?
#
# *Expected result:* a much smaller surge, and a peak that comes well before the longer
# infusion ends: the plasma level rises more slowly, and the circuit adapts while it rises.
# The same amount of drug, given slowly, makes less of a surge.

# %% tags=["solution"] answer={"peak_pct_long": 0.03, "t_peak_min_long": 0.05} hint="The duration is in hours: 100 min is 100 / 60 h. The rise in % is 100 * (peak of glutamate_rel - 1); the time of the peak is 60 * t_h, in minutes from the start of the infusion."
long_infusion = simulate(single_infusion(duration_h=100 / 60), t_end_h=6.0)
k_long = int(np.argmax(long_infusion["glutamate_rel"]))
peak_pct_long = 100 * (long_infusion["glutamate_rel"][k_long] - 1)
t_peak_min_long = 60 * long_infusion.t_h[k_long]
print(f"over 100 min: plasma peak {long_infusion['ketamine_plasma_uM'].max():.2f} µM, glutamate "
      f"{peak_pct_long:+.1f}% at {t_peak_min_long:.0f} min (40 min: {glutamate_peak:+.0%})")

# %% [markdown]
# ### Exercise 4: explain it in a sentence: why does a blocker raise glutamate?
#
# Ketamine blocks a glutamate receptor, yet in section 2 the tissue's glutamate rises. Write
# one sentence that explains how, then pick the option closest to it:
#
# - (a) Ketamine opens NMDA channels and lets more ions in.
# - (b) Ketamine blocks the transporters that take glutamate back up.
# - (c) Tonically active interneurons lose more NMDA drive than pyramidal cells, so they brake
#   the pyramidal cells less, and these release more glutamate.
# - (d) Blocked receptors send a signal that makes new glutamate.
#
# *Expected result:* one letter in `choice_03`, and a sentence that names which cells slow
# down and what that does to the others.

# %% tags=["solution"] answer={"choice_03": 0.01} options={"a": "No: ketamine is an open-channel blocker; it plugs the pore and cuts the ion flow (notebook 02).", "b": "No: the model has no effect of ketamine on glutamate uptake; the rise comes from firing.", "c": "Yes: disinhibition; the interneurons' channels open more often at rest, so they are blocked more, and less inhibition lets the pyramidal cells fire faster.", "d": "No: nothing in the model makes glutamate from a blocked receptor; the extra glutamate is released by faster-firing pyramidal cells."} hint="Think about two cell types: which one is blocked more, and what does it normally do to the other?"
# Disinhibition: the interneurons' brake on the pyramidal cells is released.
choice_03 = "c"
rest = simulate(single_infusion(), t_end_h=6.0)
print(f"peak block: interneurons {rest['nmda_block_interneuron'].max():.0%}, "
      f"pyramidal cells {rest['nmda_block_pyramidal'].max():.0%}")

# %% [markdown]
# ## Summary
#
# - Ketamine blocks NMDA receptors, but the tissue's glutamate **rises**, because interneurons
#   lose more drive than pyramidal cells and inhibit them less: **disinhibition**.
# - A balanced network amplifies this: with $w = {{ w:g }}$, a {{ -interneuron_low:.0% }} fall in
#   interneuron firing becomes a {{ glutamate_peak:+.0% }} glutamate surge at
#   {{ t_min[i_peak]:.0f }} min after the research infusion, close to the +38% Glx measured in
#   patients (Milak et al. 2016; by calibration).
# - The surge is a **transient**: adaptation brings glutamate back to baseline while drug is
#   still present.
# - With exposure the effect is an **inverted U**: at a clamped concentration the push peaks
#   near {{ u_conc[u_top]:.1f }} µM and turns into a fall at anaesthetic levels; a real dose passes through the
#   peak on its way down, so timing matters.
# - Removing interneuron NMDA receptors removes the surge; removing pyramidal ones does not.
# - The **rest-block** hypothesis gives a BDNF signal with no surge, and a pyramidal knockout
#   occludes it. The two knockout studies (Gerhard et al. 2020; Miller et al. 2014) point to
#   different cell types; the model holds both triggers, and neither is settled.

# %% [markdown]
# ## What this model leaves out
#
# - **A rate model with two populations.** No spikes, no layers, no cortical areas, one
#   interneuron population. Real cortex has several interneuron types: SST and PV cells
#   differ in NMDA dependence and targets (Gerhard et al. 2020 deleted GluN2B in each), and
#   the toy does not distinguish them.
# - **No Mg²⁺ and no voltage.** The NMDA drive is a fixed share of excitation; real NMDA
#   current depends on membrane voltage and the Mg²⁺ block.
# - **Glutamate = pyramidal rate.** Release per spike, glial uptake and the Glx signal of MRS
#   (glutamate plus glutamine, mostly intracellular) are not modelled; the Milak comparison
#   treats Glx as extracellular glutamate.
# - **Adaptation is phenomenological.** Something returns firing to its set point within
#   about an hour, but which feedback does it is not identified; $\tau_h$ is fitted. It is
#   built to stop at the set point (no undershoot), an assumption rather than a measurement.
# - **The cell-type difference in block is an assumption.** Interneurons are blocked more
#   only because of the toy's tonic opening rates and the escape of trapped drug (notebook
#   02, section 5), not because of cell-type data.
# - **Toy parameters.** $f_I$, $f_E$, $w$ and the tonic opening rates are not measured; they
#   were calibrated to the Milak 2016 peak and the Moghaddam 1997 inverted U.
# - **Rodent data for human time courses.** The interneuron-then-pyramidal sequence and the
#   inverted U come from rats (with MK-801 or i.p. ketamine); the lag is then used on a human
#   infusion time course.
# - **Plasma = brain.** As in notebook 02, plasma concentration stands in for the
#   concentration at the receptor.
#
# **Competing hypotheses.**
#
# - *Disinhibition* (this notebook): interneurons lose NMDA drive, pyramidal cells fire more,
#   the glutamate surge drives AMPA receptors and BDNF release (Homayoun & Moghaddam 2007;
#   Gerhard et al. 2020).
# - *Rest block (direct pyramidal action):* blocking NMDA receptors driven by spontaneous
#   release on pyramidal cells switches off eEF2 kinase and lets BDNF be translated, without a
#   surge (Autry et al. 2011); deleting GluN2B from principal neurons mimics and occludes
#   ketamine's effects (Miller et al. 2014).
# - *Other targets:* metabolites such as hydroxynorketamine, and NMDA receptors in the lateral
#   habenula (Yang et al. 2018), are proposed to matter too (Zanos et al. 2018). These
#   accounts are not mutually exclusive, and none is settled.

# %% [markdown]
# ## References
#
# - Autry et al. (2011). *Nature* 475:91–95. [doi:10.1038/nature10130](https://doi.org/10.1038/nature10130)
# - Gerhard et al. (2020). *J Clin Invest* 130:1336–1349. [doi:10.1172/JCI130808](https://doi.org/10.1172/JCI130808)
# - Homayoun & Moghaddam (2007). *J Neurosci* 27:11496–11500. [doi:10.1523/JNEUROSCI.2213-07.2007](https://doi.org/10.1523/JNEUROSCI.2213-07.2007)
# - Milak et al. (2016). *Mol Psychiatry* 21:320–327. [doi:10.1038/mp.2015.83](https://doi.org/10.1038/mp.2015.83)
# - Miller et al. (2014). *eLife* 3:e03581. [doi:10.7554/eLife.03581](https://doi.org/10.7554/eLife.03581)
# - Moghaddam et al. (1997). *J Neurosci* 17:2921–2927. [doi:10.1523/JNEUROSCI.17-08-02921.1997](https://doi.org/10.1523/JNEUROSCI.17-08-02921.1997)
# - van Vreeswijk & Sompolinsky (1996). *Science* 274:1724–1726. PMID [8939866](https://pubmed.ncbi.nlm.nih.gov/8939866/)
# - Wang et al. (2013). *Neuron* 77:736–749. [doi:10.1016/j.neuron.2012.12.032](https://doi.org/10.1016/j.neuron.2012.12.032)
# - Yang et al. (2018). *Nature* 554:317–322. [doi:10.1038/nature25509](https://doi.org/10.1038/nature25509)
# - Zanos et al. (2018). *Pharmacol Rev* 70:621. [doi:10.1124/pr.117.015198](https://doi.org/10.1124/pr.117.015198)

# %% [markdown]
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.
