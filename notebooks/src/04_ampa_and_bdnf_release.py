# %% [markdown]
# # AMPA and BDNF release
#
# Notebook 03 ended with a glutamate surge: ketamine quiets inhibitory interneurons, pyramidal
# cells fire more, and extracellular glutamate rises for about an hour. But ketamine is still
# sitting in many NMDA receptors, so the NMDA receptors cannot carry that surge well. The
# other main glutamate receptor, the **AMPA receptor**, is not blocked by ketamine. It carries
# the surge, depolarises the cell, and the depolarisation releases the growth factor **BDNF**.
# BDNF acts on its receptor TrkB and starts the slower chain that builds new synapses. This
# notebook follows that hand-over with one-click versions of the classic rodent experiments:
# an AMPA blocker (NBQX), a BDNF antibody and a gene variant that releases less BDNF.

# %% [markdown]
# ## Learning objectives
#
# *Estimated time: about 50 minutes.*
#
# By the end you should be able to:
#
# 1. explain why, with NMDA receptors partly blocked, AMPA receptors carry the glutamate surge;
# 2. write down the toy chain from glutamate to AMPA activation, BDNF release and TrkB
#    activation, and say where each blocker acts;
# 3. predict which curves an AMPA blocker and a BDNF antibody change, and why the surge
#    survives both;
# 4. explain why halving BDNF release (Met/Met) cuts the spine gain by far more than half;
# 5. name what the toy leaves out and one competing hypothesis for the AMPA step.

# %% [markdown]
# ## How to use this notebook
#
# - **Running it** (JupyterLab, *Run → Run All Cells*): each demo has controls. Make your
#   prediction first, then move the controls and check.
# - **Reading it without a kernel** (nbviewer, GitHub): controls do not work there. The picture
#   under each demo shows its default setting. The **static figure below each demo** shows the
#   same model across the whole range of its main control, so you can follow everything without
#   running the code.
# - Exercises have worked solutions in cells tagged `solution`. Try them before you look.
#
# All the numbers come from the `ketamine_moa` package and its cited parameter file
# `src/ketamine_moa/data/parameters.csv`; this notebook contains no model code of its own. Every run uses the
# research-trial infusion (0.5 mg/kg IV over 40 min, Zarate et al. 2006) only as a fixed
# reference input; nothing here is a dosing recommendation.

# %% [markdown]
# ## Setup

# %%
import numpy as np

from ketamine_moa import model_parameters, parameter_table, simulate, single_infusion
from ketamine_moa.demos.bdnf_demo import GENOTYPES, blockers, genotype, spine_gain_pct
from ketamine_moa.plotting import use_house_style
from ketamine_moa.widgets import panel, show_sweep

use_house_style()
infusion = single_infusion()  # 0.5 mg/kg IV over 40 min, the research-trial infusion


def spine_gain_24h(interventions=None):
    """Spine density 24 h after the infusion start, in % above the pre-treatment level."""
    run = simulate(infusion, t_end_h=48.0, interventions=interventions)
    return 100 * (run.at("spine_density_rel", 24.0) - 1)


plasticity = model_parameters().plasticity  # the plasticity rows of parameters.csv
# quoted in the parameter table below: how much Met/Met shrinks the 24 h spine gain
met_met_cut = 1 - spine_gain_24h({"bdnf_val66met": 1.0}) / spine_gain_24h()


# %% [markdown]
# ## 1. Why AMPA, not NMDA, carries the surge
#
# **Question.** During the glutamate surge, which receptor turns the extra glutamate into
# depolarisation of the pyramidal cell?
#
# Glutamate opens two kinds of ion channel side by side in the same synapse. NMDA receptors
# need glutamate *and* a depolarised membrane (to expel Mg²⁺), and at the peak of the infusion
# ketamine plugs a share of them (notebook 02). AMPA receptors open with glutamate alone, let
# Na⁺ in quickly, and ketamine does not block them. So the extra glutamate acts mainly through
# AMPA receptors. The depolarisation they cause opens voltage-gated Ca²⁺ channels, and the Ca²⁺
# triggers the release of BDNF from the cell (Lepack et al. 2015). In mice, pre-treatment with
# the AMPA antagonist NBQX weakens ketamine's antidepressant-like behaviour (Maeng et al. 2008).
#
# **The model.** `ketamine_moa.plasticity` takes the glutamate level $G(t)$ from the circuit
# stage (1 = baseline) and passes it down four steps. Each intervention is a fraction from 0
# to 1, applied for the whole run:
#
# $$
# \begin{aligned}
# A(t) &= 1 + (1 - x_\mathrm{AMPA})\,\bigl(G(t) - 1\bigr) && \text{AMPA activation}\\
# D(t) &= \max\bigl(A(t) - 1,\ 0\bigr) && \text{drive for release (disinhibition trigger)}\\
# R(t) &= 1 + (1 - c_\mathrm{Met}\,v)\,D(t) && \text{BDNF release}\\
# T(t) &= 1 + (1 - x_\mathrm{BDNF})(1 - x_\mathrm{TrkB})\,\bigl(R(t) - 1\bigr) && \text{TrkB activation}
# \end{aligned}
# $$
#
# Here $x_\mathrm{AMPA}$ is `ampa_block` (NBQX), $x_\mathrm{BDNF}$ is `bdnf_block` (antibody),
# $x_\mathrm{TrkB}$ is `trkb_block`, $v$ is `bdnf_val66met` (`0` Val/Val, `0.5` Val/Met, `1` Met/Met)
# and $c_\mathrm{Met}$ is the share of activity-dependent release lost with two Met alleles.
# $T$ then drives mTORC1, synaptic proteins and new spines (later notebooks); spine formation
# starts only when the synaptic protein rise passes a threshold $\theta$.
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | release cut with two Met alleles, $c_\mathrm{Met}$ | {{ plasticity.val66met_release_cut_fraction:g }} | fraction | toy, upper end; Egan et al. 2003, [doi:10.1016/S0092-8674(03)00035-7](https://doi.org/10.1016/S0092-8674(03)00035-7) (less depolarisation-induced secretion of Met-BDNF); Liu et al. 2012 (PMID 22036038) |
# | protein threshold for spine formation, $\theta$ | {{ plasticity.spine_protein_threshold:g }} | fraction above baseline | toy; set so Met/Met shrinks the 24 h spine gain by about {{ met_met_cut:.0% }} ("markedly impaired", Liu et al. 2012, PMID 22036038) |
# | mTORC1 time constant | {{ plasticity.mtorc1_tau_h:g }} | h | toy; Li et al. 2010, [doi:10.1126/science.1190287](https://doi.org/10.1126/science.1190287) |
# | synaptic protein synthesis rate, $k_\mathrm{protein}$ | {{ plasticity.protein_synthesis_rate_per_h:g }} | 1/h | toy scale; Li et al. 2010 |
# | synaptic protein lifetime | {{ plasticity.protein_tau_h:g }} | h | toy; Li et al. 2010 (time course not verified) |
# | spine formation rate, $k_\mathrm{spine}$ | {{ plasticity.spine_formation_rate_per_h:g }} | 1/h | toy scale; Phoumthipphavong et al. 2016, [doi:10.1523/ENEURO.0133-15.2016](https://doi.org/10.1523/ENEURO.0133-15.2016) |
#
# The AMPA, release and TrkB steps themselves have no parameters: in this toy each passes on
# the signal above baseline one to one, so only the interventions scale it. The full
# plasticity rows of `src/ketamine_moa/data/parameters.csv` (value, unit, source):

# %%
for row in parameter_table().values():
    if row.stage == "plasticity":
        print(f"{row.name:<30} {row.value:>6g} {row.unit:<14} {row.doi}")

# %% [markdown]
# The drug-alone run: how far does each step rise above baseline at its peak?

# %%
run = simulate(infusion, t_end_h=48.0)
step_peak, step_peak_min = {}, {}  # rise above baseline at the peak, and its time (min)
for key, label in [("glutamate_rel", "glutamate"), ("ampa_activation_rel", "AMPA activation"),
                   ("bdnf_release_rel", "BDNF release"), ("trkb_activation_rel", "TrkB activation")]:
    peak = run[key].argmax()
    step_peak[key], step_peak_min[key] = run[key][peak] - 1, 60 * run.t_h[peak]
    print(f"{label:>16}: peak +{100 * step_peak[key]:.0f}% at {step_peak_min[key]:.0f} min")
alone_gain = spine_gain_24h()
print(f"24 h spine gain: +{alone_gain:.1f}% above the pre-treatment density")
protein_rise = run["synaptic_protein_rel"].max() - 1
print(f"synaptic protein: peak rise {protein_rise:.2f} above baseline "
      f"(spine-formation threshold {plasticity.spine_protein_threshold:g})")
# quoted in section 3: each genotype's peak BDNF release and synaptic protein rise
release_peak, protein_peak = {}, {}
for name, value in GENOTYPES:
    r = simulate(infusion, t_end_h=48.0, interventions={"bdnf_val66met": value})
    release_peak[name] = r["bdnf_release_rel"].max() - 1
    protein_peak[name] = r["synaptic_protein_rel"].max() - 1
release_share = {name: release_peak[name] / release_peak["Val/Val"] for name in release_peak}

# %% [markdown]
# Without any blocker, each step copies the one before it: a
# +{{ step_peak['glutamate_rel']:.0% }} glutamate peak at about
# {{ step_peak_min['glutamate_rel']:.0f }} min becomes a +{{ step_peak['trkb_activation_rel']:.0% }}
# peak of AMPA activation, BDNF release and TrkB activation. A day later spine density is about
# {{ alone_gain:.0f }}% higher. That one-to-one copying is a simplification, not a
# measurement; what the model is built to show is *where* each experiment cuts the chain.

# %% [markdown]
# ## 2. NBQX as a one-click experiment
#
# **Question.** If AMPA receptors are blocked, or if the released BDNF is caught by an
# antibody, what is left of ketamine's effect?
#
# Two rodent experiments asked this. In mice, NBQX given before ketamine weakened its
# antidepressant-like effect (Maeng et al. 2008). In rats, an anti-BDNF antibody infused into
# the medial prefrontal cortex before ketamine completely blocked the 24 h effect, and in
# cultured neurons ketamine-evoked BDNF release needed AMPA receptors (Lepack et al. 2015).
#
# **The model.** The equations of section 1. NBQX sets $x_\mathrm{AMPA}$, the antibody
# $x_\mathrm{BDNF}$ and a TrkB blocker $x_\mathrm{TrkB}$. The slider is the blocked share.

# %% [markdown]
# ### Predict first
#
# Choose NBQX, then the anti-BDNF antibody, each at full block. For each, which of the four
# panels will change: the glutamate surge, AMPA activation, BDNF release, the spines? Then
# set the slider to 0.5: will half a block leave about half of the spine gain?
# <!-- typed: the slider setting the prompt asks for -->

# %%
panel(blockers)

# %%
show_sweep(blockers)

# %%
full_block = {}  # peak rise above baseline with each blocker at full block
for name in ("ampa_block", "bdnf_block", "trkb_block"):
    r = simulate(infusion, t_end_h=48.0, interventions={name: 1.0})
    full_block[name] = {key: r[key].max() - 1
                        for key in ("glutamate_rel", "bdnf_release_rel", "trkb_activation_rel")}
    print(f"{name:>10} at 100%: glutamate +{full_block[name]['glutamate_rel']:.0%}, BDNF release "
          f"+{full_block[name]['bdnf_release_rel']:.0%}, TrkB +{full_block[name]['trkb_activation_rel']:.0%}")
fractions = np.linspace(0.0, 1.0, 101)
share_of_alone = np.array([spine_gain_pct("ampa_block", f) for f in fractions]) / alone_gain
half_block = 0.5
half_gain = spine_gain_pct("ampa_block", half_block)  # 24 h spine gain (%) at half block
none_left_from = fractions[np.argmax(share_of_alone < 1e-6)]  # first block leaving no gain
print(f"24 h spine gain at {half_block:.0%} block: {half_gain / alone_gain:.0%} of drug alone; "
      f"none left from {none_left_from:.0%} block")

# %% [markdown]
# ### What you should have seen
#
# - **The surge is intact under every blocker.** The glutamate peak stays at
#   +{{ min(b['glutamate_rel'] for b in full_block.values()):.0% }}: the blockers act downstream
#   of the circuit.
# - **NBQX** flattens AMPA activation and BDNF release, so nothing reaches TrkB.
# - **The antibody** leaves glutamate, AMPA activation and BDNF release untouched; the released
#   BDNF is simply caught before it reaches TrkB. The downstream is gone all the same: no extra
#   spines. The TrkB blocker gives the same result one step later.
# - **Half a block removes most of the spine gain.** At {{ half_block:.0% }} block, only about
#   {{ half_gain / alone_gain:.0% }} of the drug-alone gain is left, and above about
#   {{ none_left_from:.0% }} block none. The spine step needs the signal to
#   pass a threshold (section 3 explains it).
# - In this toy NBQX and the antibody give identical spine curves, because both scale the same
#   signal. Real experiments differ in timing, dose and the brain region reached.

# %% [markdown]
# ## 3. Val66Met: less release, far fewer new spines
#
# **Question.** A common variant of the BDNF gene swaps one amino acid (Val66Met). Met-BDNF is packaged and secreted less well when neurons are depolarised
# (Egan et al. 2003). In Met/Met knock-in mice, ketamine's synaptogenic effect in prefrontal
# cortex is markedly impaired and its forced-swim effect is blocked (Liu et al. 2012). Why
# would halving BDNF release remove *most* of the effect?
#
# **The model.** The genotype scales only the release step: $R - 1 = (1 - c_\mathrm{Met}v)\,D$,
# so Val/Met releases {{ release_share['Val/Met']:.0% }} and Met/Met
# {{ release_share['Met/Met']:.0% }} of the Val/Val amount. Downstream, new spines form only while synaptic proteins are more than
# $\theta = {{ plasticity.spine_protein_threshold:g }}$ ({{ plasticity.spine_protein_threshold:.0% }})
# above baseline:
#
# $$\text{formation drive} \propto \max(P - \theta,\ 0).$$
#
# The Met allele has a second effect: Met-BDNF is poorly sorted to secretory granules and
# synapses (Egan et al. 2003), so in the toy Met/Met also loses
# {{ plasticity.val66met_spine_cut_fraction:.0% }} of the activity-driven spine formation
# (Val/Met half of that).

# %% [markdown]
# ### Predict first
#
# Met/Met releases half as much BDNF as Val/Val in this toy. Will its 24 h spine gain be
# about half the Val/Val gain, more than half, or much less? Guess a number for Val/Met too.

# %%
panel(genotype)

# %%
show_sweep(genotype)

# %%
genotype_gain = {name: spine_gain_24h({"bdnf_val66met": value})  # 24 h spine gain (%)
                 for name, value in GENOTYPES}
gain_share = {name: genotype_gain[name] / genotype_gain["Val/Val"] for name in genotype_gain}
for name, _ in GENOTYPES:
    print(f"{name}: BDNF release {release_share[name]:.0%}, 24 h spine gain "
          f"{gain_share[name]:.0%} of Val/Val")

# %% [markdown]
# ### What you should have seen
#
# - BDNF release falls in step with the genotype: {{ release_share['Val/Val']:.0% }},
#   {{ release_share['Val/Met']:.0% }} and {{ release_share['Met/Met']:.0% }} of Val/Val.
# - The 24 h spine gain falls much faster: about {{ gain_share['Val/Val']:.0% }},
#   {{ gain_share['Val/Met']:.0% }} and {{ gain_share['Met/Met']:.0% }} of Val/Val. Halving the
#   release removes about {{ 1 - gain_share['Met/Met']:.0% }} of the new spines.
# - Why: only the part of the protein rise *above* the threshold counts. With Val/Val the peak
#   rise is about {{ protein_rise:.2f }}, so {{ protein_rise - plasticity.spine_protein_threshold:.2f }}
#   lies above $\theta$; with Met/Met the peak is about {{ protein_peak['Met/Met']:.2f }}, so
#   {{ max(protein_peak['Met/Met'] - plasticity.spine_protein_threshold, 0):.2f }} is left above
#   it, for a shorter time, and the spines that do form are cut by the sorting defect as well.
# - The curves of release have the same shape and timing; only their height differs. The
#   difference appears a day later, in the spines.
# - The size of the cut ({{ plasticity.val66met_release_cut_fraction:.0% }}) and the threshold are toy values chosen to give a "markedly
#   impaired" response; Liu et al. (2012) report it qualitatively, not as a number. In
#   patients, Met carriers responded less to ketamine in one small study (Laje et al. 2012,
#   only two Met/Met patients), so the human evidence is weak.

# %% [markdown]
# ## Exercises

# %% [markdown]
# ### Exercise 1: how much spine gain survives NBQX?
#
# Use `simulate` with `interventions={"ampa_block": 1.0}` (or `spine_gain_24h`, defined in the
# setup) and compute the 24 h spine gain as a share of the drug-alone gain (`share_full`, a
# fraction 0–1). Then do the same with `ampa_block` at `0.5` (`share_half`).
#
# *Expected result:* with full NBQX the gain is {{ share_of_alone[-1]:.0% }} of drug alone, well
# below the 20% bound that the model's check of the rodent finding AMPA-01 (Maeng et al. 2008)
# allows; with half block it is about {{ half_gain / alone_gain:.0% }}, not
# {{ 1 - half_block:.0% }}.

# %% tags=["solution"] answer={"share_full": 0.03, "share_half": 0.03} hint="Divide the 24 h spine gain with ampa_block by the gain with no intervention (spine_gain_24h() and spine_gain_24h({\"ampa_block\": ...})), and give the shares as fractions (0-1), not percentages."
alone = spine_gain_24h()
share = {}
for fraction in (1.0, 0.5):
    with_nbqx = spine_gain_24h({"ampa_block": fraction})
    share[fraction] = with_nbqx / alone
    print(f"ampa_block = {fraction:.1f}: 24 h spine gain +{with_nbqx:.2f}% "
          f"= {100 * share[fraction]:.0f}% of drug alone (+{alone:.2f}%)")
share_full, share_half = share[1.0], share[0.5]

# %% [markdown]
# ### Exercise 2: what if Met-BDNF only left the cell less often?
#
# The model cuts two things in Met carriers: the release of BDNF
# (`val66met_release_cut_fraction`) and how well the released BDNF reaches synapses
# (`val66met_spine_cut_fraction`). Suppose the second is wrong and Met-BDNF reaches synapses
# normally: run `simulate` over 48 h with `interventions={"bdnf_val66met": 1.0}` and
# `params={"val66met_spine_cut_fraction": 0.0}`, and give the 24 h spine gain of Met/Met under
# this hypothesis as a share of the Val/Val gain (`share_release_only`, a fraction 0–1).
# Before you run it, guess: closer to the Met/Met share of section 3, or to one half?
#
# *Expected result:* more than twice the Met/Met share of section 3, and the same share as half
# NBQX in Exercise 1 (both halve the signal that releases BDNF): in the toy, most of the
# Met/Met loss comes from the second cut. A measurement of Met-BDNF at synapses would tell the
# two versions apart.

# %% tags=["solution"] answer={"share_release_only": 0.03} hint="Keep bdnf_val66met = 1 and set only val66met_spine_cut_fraction to 0 through params; divide by the Val/Val run (no intervention, no params), both at 24 h, as a fraction."
release_only = simulate(infusion, t_end_h=48.0, interventions={"bdnf_val66met": 1.0},
                        params={"val66met_spine_cut_fraction": 0.0})
share_release_only = (release_only.at("spine_density_rel", 24.0) - 1) / (spine_gain_24h() / 100)
print(f"Met/Met, release cut only: {share_release_only:.0%} of the Val/Val gain "
      f"(both cuts: {1 - met_met_cut:.0%})")

# %% [markdown]
# ### Exercise 3: does NBQX still work under the other hypothesis?
#
# Notebook 03 (section 5) sets a second hypothesis beside disinhibition: the block of resting
# NMDA receptors on pyramidal cells starts BDNF signalling directly (`trigger="rest_block"` in
# `simulate`). Under that hypothesis, what is the 24 h spine gain in % (`gain_rest_block_pct`),
# and what share of it is left with NBQX (`interventions={"ampa_block": 1.0}`;
# `share_rest_block_nbqx`, a fraction 0–1)?
#
# *Expected result:* about the same spine gain as under disinhibition (the two triggers are
# calibrated to the same spines), but NBQX no longer removes it: under rest block the trigger
# does not pass through AMPA receptors. The NBQX experiment (Maeng et al. 2008) is one that
# tells the two hypotheses apart.

# %% tags=["solution"] answer={"gain_rest_block_pct": 0.03, "share_rest_block_nbqx": 0.03} hint="Pass trigger=\"rest_block\" to simulate in both runs (with and without ampa_block); the gain in % is 100 * (spine_density_rel at 24 h - 1), and the share is a fraction (0-1)."
def rest_block_gain(interventions=None):
    r = simulate(infusion, t_end_h=48.0, interventions=interventions, trigger="rest_block")
    return r.at("spine_density_rel", 24.0) - 1


gain_rest_block_pct = 100 * rest_block_gain()
share_rest_block_nbqx = rest_block_gain({"ampa_block": 1.0}) / rest_block_gain()
print(f"rest block: 24 h spine gain +{gain_rest_block_pct:.2f}% (disinhibition "
      f"+{spine_gain_24h():.2f}%); with NBQX {share_rest_block_nbqx:.0%} of it is left")

# %% [markdown]
# ### Exercise 4: explain it in a sentence: why does NBQX spare the surge?
#
# In section 2 NBQX leaves the glutamate surge as large as without it, yet it removes the new
# spines. Write one sentence that explains both, then pick the option closest to it:
#
# - (a) NBQX blocks the AMPA receptors that respond to glutamate, which comes before them in
#   the chain: the surge is untouched, but it no longer reaches BDNF release.
# - (b) NBQX blocks NMDA receptors as well, so the trigger is lost.
# - (c) NBQX speeds up the clearance of glutamate, so it acts too briefly.
# - (d) NBQX kills the spines that ketamine makes.
#
# *Expected result:* one letter in `choice_04`, and a sentence that places NBQX in the chain
# between the surge and the spines.

# %% tags=["solution"] answer={"choice_04": 0.01} options={"a": "Yes: a block downstream of a signal leaves the signal and removes what follows it; a glutamate probe could not see NBQX work.", "b": "No: in the model and in Maeng et al. (2008) NBQX acts on AMPA receptors only; the NMDA block by ketamine is unchanged.", "c": "No: the surge is as large and as long with NBQX; nothing in the model changes glutamate clearance.", "d": "No: NBQX stops spines forming (no BDNF signal); it does not remove spines that exist."} hint="Place NBQX in the chain: plasma -> NMDA block -> glutamate surge -> AMPA -> BDNF -> spines. What comes before it, and what after?"
# NBQX acts after the surge in the chain.
choice_04 = "a"
with_nbqx = simulate(infusion, t_end_h=48.0, interventions={"ampa_block": 1.0})
print(f"with NBQX: glutamate peak +{with_nbqx['glutamate_rel'].max() - 1:.0%}, "
      f"BDNF release peak +{with_nbqx['bdnf_release_rel'].max() - 1:.0%}")

# %% [markdown]
# ## Summary
#
# - Ketamine partly blocks NMDA receptors, so the glutamate surge acts mainly through AMPA
#   receptors, which ketamine does not block.
# - AMPA-driven depolarisation releases BDNF; BDNF activates TrkB, which starts the slower
#   mTORC1 and spine chain.
# - Blocking AMPA receptors (NBQX) or catching BDNF (antibody) leaves the surge intact but
#   removes the downstream effect, as in the rodent experiments of Maeng et al. (2008) and
#   Lepack et al. (2015).
# - Spine formation needs the signal to pass a threshold, and Met-BDNF also reaches synapses
#   poorly, so partial losses hit hard: half the BDNF release (Met/Met) leaves only about
#   {{ gain_share['Met/Met']:.0% }} of the 24 h spine gain.

# %% [markdown]
# ## What this model leaves out
#
# - **BDNF as one number.** Real BDNF is made as pro-BDNF, stored in vesicles, released at
#   synapses and dendrites, and partly cleaved; pro-BDNF acts on other receptors. The toy has one
#   relative release level.
# - **No voltage-gated Ca²⁺ step.** Lepack et al. (2015) found that L-type voltage-gated Ca²⁺
#   channel blockers also block the effect; the toy goes straight from AMPA activation to
#   release.
# - **No TrkB trafficking or internalisation.** TrkB activation simply copies the BDNF signal
#   that reaches it.
# - **One-to-one steps.** AMPA activation, release and TrkB activation copy the glutamate rise
#   above baseline; none of these gains was measured.
# - **Rodent mechanisms.** NBQX, antibody and knock-in experiments were done in mice and rats
#   with rodent doses and behavioural tests (forced swim), which are models, not depression.
# - **The other trigger bypasses AMPA.** With `simulate(..., trigger="rest_block")`, BDNF comes
#   from blocking resting NMDA receptors on pyramidal cells (Autry et al. 2011), and in this toy
#   `ampa_block` then has no effect. In that account AMPA receptors act later, in expressing the
#   potentiation (Nosyreva et al. 2013), which the toy does not model.
#
# **Competing hypotheses.**
#
# - *Metabolite acting on AMPA receptors:* Zanos et al. (2016) proposed that the metabolite
#   (2R,6R)-hydroxynorketamine (HNK) drives the effect through AMPA receptor activation without
#   NMDA block. This is contested: (2R,6R)-HNK had no antidepressant effect in rat learned
#   helplessness (Shirayama & Hashimoto 2018), no direct binding target was found (Bonaventura et al.
#   2022), and other work reports that HNK does block NMDA receptors (Suzuki et al. 2017). The
#   toy has no metabolite branch.
# - *Direct block at rest:* see the `rest_block` trigger above; no glutamate surge is needed
#   (Autry et al. 2011). How the two branches combine is unclear.

# %% [markdown]
# ## References
#
# - Autry et al. (2011). *Nature* 475:91–95. [doi:10.1038/nature10130](https://doi.org/10.1038/nature10130)
# - Bonaventura et al. (2022). *Mol Psychiatry* 27:4144. [doi:10.1038/s41380-022-01673-w](https://doi.org/10.1038/s41380-022-01673-w)
# - Egan et al. (2003). *Cell* 112:257–269. [doi:10.1016/S0092-8674(03)00035-7](https://doi.org/10.1016/S0092-8674(03)00035-7)
# - Laje et al. (2012). *Biol Psychiatry* 72:e27–e28 (DOI not checked).
# - Lepack et al. (2015). *Int J Neuropsychopharmacol* 18:pyu033. [doi:10.1093/ijnp/pyu033](https://doi.org/10.1093/ijnp/pyu033)
# - Li et al. (2010). *Science* 329:959–964. [doi:10.1126/science.1190287](https://doi.org/10.1126/science.1190287)
# - Liu et al. (2012). *Biol Psychiatry* 71:996–1005. PMID [22036038](https://pubmed.ncbi.nlm.nih.gov/22036038/)
# - Maeng et al. (2008). *Biol Psychiatry* 63:349–352. [doi:10.1016/j.biopsych.2007.05.028](https://doi.org/10.1016/j.biopsych.2007.05.028)
# - Nosyreva et al. (2013). *J Neurosci* 33:6990–7002. [doi:10.1523/JNEUROSCI.4998-12.2013](https://doi.org/10.1523/JNEUROSCI.4998-12.2013)
# - Phoumthipphavong et al. (2016). *eNeuro* 3:ENEURO.0133-15.2016. [doi:10.1523/ENEURO.0133-15.2016](https://doi.org/10.1523/ENEURO.0133-15.2016)
# - Shirayama & Hashimoto (2018). Lack of antidepressant effects of (2R,6R)-hydroxynorketamine in a rat learned helplessness model: comparison with (R)-ketamine. *Int J Neuropsychopharmacol* 21:84–88. [doi:10.1093/ijnp/pyx108](https://doi.org/10.1093/ijnp/pyx108)
# - Suzuki et al. (2017). *Nature* 546:E1 (DOI not checked).
# - Zanos et al. (2016). *Nature* 533:481 (DOI 10.1038/nature17998 not verified).
# - Zarate et al. (2006). *Arch Gen Psychiatry* 63:856–864. [doi:10.1001/archpsyc.63.8.856](https://doi.org/10.1001/archpsyc.63.8.856)

# %% [markdown]
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.
