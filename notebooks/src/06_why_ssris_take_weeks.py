# %% [markdown]
# # Why SSRIs take weeks
#
# An SSRI such as citalopram blocks the serotonin transporter (SERT). Brain imaging shows that
# most transporters are occupied within the first days of treatment. The popular story says
# that nothing then happens for four to six weeks. The pooled placebo-controlled trials say
# otherwise: SSRIs already beat placebo by the end of the first week, and the improvement
# keeps growing, at a decreasing rate, for weeks (Taylor et al. 2006). So the real question is
# why the *full* benefit takes weeks when the target is occupied in days. This notebook
# follows the SSRI branch of the toy model link by link. The drug finds its target quickly; a
# brake in the brainstem (5-HT1A autoreceptors on the serotonin neurons of the raphe) first
# holds serotonin release down and gives way over days to weeks; and the serotonin that gets
# through raises BDNF by slow gene expression rather than by the fast release that ketamine
# triggers. We test the textbook remedy for the brake (pindolol, at the receptor occupancy
# PET measured) against the pooled trials, and set beside the textbook account a competing
# one that fits the same time course but predicts a different result for that test.

# %% [markdown]
# ## Learning objectives
#
# *Estimated time: about 50 minutes.*
#
# By the end you should be able to:
#
# 1. describe the time course with numbers from the model: SERT occupied within days, a first
#    benefit within the first week, most of the benefit over the following weeks;
# 2. explain raphe 5-HT1A feedback and its desensitisation, and how the desensitisation time
#    constant sets the delay in the autoreceptor account;
# 3. predict what a pindolol-like autoreceptor block does under two hypotheses, compare the
#    toy at pindolol's measured occupancy with the pooled trials, and say which observation
#    would tell the hypotheses apart;
# 4. contrast the SSRI's slow BDNF expression and neurogenesis (weeks) with ketamine's BDNF
#    release (within the hour);
# 5. name what the toy leaves out, and why its score is not a forecast for any person.
#
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is
# > not medical advice and gives no dosing recommendations. Citalopram 20 mg once a day is
# > used throughout only because it is the regimen studied in the cited PET work (Meyer et al.
# > 2001).

# %% [markdown]
# ## How to use this notebook
#
# - **Running it** (JupyterLab, *Run → Run All Cells*): each demo has controls. Make your
#   prediction first, then move the controls and check.
# - **Reading it without a kernel** (nbviewer, GitHub): the controls do not work there. The
#   picture under each demo shows its default setting. The **static figure below each demo**
#   shows the same model across the range of its main control, so you can follow everything
#   without running the code.
# - Exercises have worked solutions in cells tagged `solution`. Try them before you look.
#
# All the numbers come from the `ketamine_moa` package and its cited parameter file
# `src/ketamine_moa/data/parameters.csv`; this notebook contains no model code of its own. "Day $N$" means
# $N \times 24$ hours after the first tablet; values read at day $N$ are taken just before that
# day's tablet.

# %% [markdown]
# ## Setup

# %%
import re

import numpy as np
from IPython.display import Markdown, display

from ketamine_moa import model_parameters, parameter_table
from ketamine_moa.readouts import (day_mean, format_time, half_peak_day, half_peak_time_h,
                                   improvement)
from ketamine_moa.demos.ssri_demo import (DAY_H, PARADOX_FILE, daily_means, half_change_time_h,
                                          ketamine_course, paradox_alt_text,
                                          paradox_figure, pindolol_what_if, raphe_feedback,
                                          slow_bdnf_branch, ssri_course)
from ketamine_moa.monoamine import serotonin_amplification
from ketamine_moa.plotting import use_house_style
from ketamine_moa.widgets import panel, show_figure, show_sweep

use_house_style()
#: Pindolol's 5-HT1A occupancy at a clinical dose: 7-21% by PET (Andree et al. 1999).
PINDOLOL_OCCUPANCY = 0.2
mp = model_parameters()
mono = mp.monoamine  # the SSRI-branch parameters from src/ketamine_moa/data/parameters.csv
run = ssri_course()  # citalopram 20 mg once a day for 12 weeks, no interventions


def improvement_on(r, day):
    """The score improvement (points) of run ``r`` at ``day`` (interpolated)."""
    return float(np.interp(day * DAY_H, r.t_h, improvement(r)))


def first_day_mean_at_least(r, key, level):
    """The first day (0 = the first tablet) whose daily mean of output ``key`` reaches ``level``."""
    return next(day for day in range(round(r.t_h[-1] / DAY_H)) if day_mean(r, key, day) >= level)


def lowest_firing(r):
    """The lowest daily mean of raphe firing (fraction of baseline), as the figures draw it."""
    return daily_means(r, r["raphe_firing_rel"])[1].min()


SYMBOLS = {
    "citalopram_bioavailability_oral": "$F$", "citalopram_ka_per_h": "$k_a$",
    "citalopram_half_life_h": "$t_{1/2}$", "citalopram_volume_L_per_kg": "$V$",
    "sert_occupancy_max": r"$\mathrm{occ}_\mathrm{max}$",
    "citalopram_sert_ec50_uM": r"$EC_{50}$", "serotonin_non_sert_clearance_fraction": "$q$",
    "autoreceptor_feedback_max": "$w$", "autoreceptor_desensitisation_max": r"$D_\mathrm{max}$",
    "autoreceptor_desensitisation_tau_h": r"$\tau_\mathrm{des}$",
    "slow_adaptation_tau_h": r"$\tau_\mathrm{adapt}$",
    "bdnf_transcription_gain": r"$g_\mathrm{BDNF}$",
    "bdnf_transcription_tau_h": r"$\tau_\mathrm{BDNF}$", "trkb_coupling": r"$k_\mathrm{TrkB}$",
    "trkb_expression_saturation": "$K_E$",
    "neurogenesis_gain": r"$g_\mathrm{prolif}$", "proliferation_tau_h": r"$\tau_\mathrm{prolif}$",
    "neuron_maturation_tau_h": r"$\tau_\mathrm{neuron}$",
}


def parameter_rows(names):
    """A Markdown table of rows of src/ketamine_moa/data/parameters.csv: symbol, value, unit, species, source."""
    rows = parameter_table()
    lines = ["| parameter | symbol | value | unit | species | source |", "|---|---|---|---|---|---|"]
    for name in names:
        row = rows[name]
        first = re.match(r"(.+?\d{4})", row.reference).group(1)  # first author and year
        source = (row.doi if row.doi.startswith("pmid")
                  else f"[doi:{row.doi}](https://doi.org/{row.doi})")
        lines.append(f"| {row.description} | {SYMBOLS[name]} | {row.value:g} | {row.unit} | "
                     f"{row.species} | {first}, {source} |")
    display(Markdown("\n".join(lines)))


# %% [markdown]
# ## 1. Target occupied in days, first benefit in a week, full benefit in weeks
#
# **Question.** If the drug reaches its target within days, why does the full benefit take
# weeks?
#
# Meyer et al. (2001) measured SERT occupancy with PET: after four weeks of citalopram 20 mg a
# day it was about 77%, and occupancy levels off near 85% however high the plasma level
# (SSRI-01, SSRI-02). The benefit is *not* a delayed switch. Pooling 28 placebo-controlled
# trials (5872 patients), Taylor et al. (2006, SSRI-05) found that an early-onset model fitted
# best: SSRIs separated from placebo by the end of week 1 and the improvement continued at a
# decreasing rate through week 6. Full recovery still takes long: in the STAR\*D trial,
# remission on citalopram was 28–33%, and 40% of those who remitted needed 8 weeks or more
# (Trivedi et al. 2006, SSRI-03).
#
# **The model.** Plasma citalopram $c(t)$ comes from a one-compartment model with first-order
# absorption (notebook 01). Occupancy is a saturating function of it:
#
# $$\mathrm{occ}(t) = \frac{\mathrm{occ}_\mathrm{max}\; c(t)}{c(t) + EC_{50 }}.$$
#
# The improvement is the toy score (MADRS-like points) below its pre-treatment value; the SSRI
# reaches the score through the same TrkB → mTORC1 → spines chain as ketamine (notebook 05).
# The parameters, read from `src/ketamine_moa/data/parameters.csv`:

# %%
parameter_rows(["citalopram_bioavailability_oral", "citalopram_ka_per_h",
                "citalopram_half_life_h", "citalopram_volume_L_per_kg", "sert_occupancy_max",
                "citalopram_sert_ec50_uM"])

# %% [markdown]
# The $EC_{50}$ was **fitted** so that the mean occupancy at four weeks is 77% (SSRI-01): the
# match with the PET value is by construction, not a test. What the model adds is the *time course*:

# %%
print("day   SERT occupancy   improvement (points)")
for day in (1, 3, 7, 14, 21, 28, 42, 84):
    print(f"{day:>3} {100 * run.at('sert_occupancy', day * DAY_H):12.0f}% "
          f"{improvement_on(run, day):17.1f}")
print(f"mean occupancy over the 24 h after the 28th tablet (day 27): "
      f"{day_mean(run, 'sert_occupancy', 27):.0%}")

# %% [markdown]
# ### Predict first
#
# Occupancy is close to its final level within a few days. On which day will the score
# improvement reach **half** of its final size: about day 3, 10, 25 or 60? What share of the
# week-6 improvement will be there after one week? And which of the
# links in between (terminal serotonin, BDNF expression, spines, new neurons) do you expect to
# be slowest? Write your guesses down, then look at the figure: every link on one time axis,
# each as a share of its change by week 12 (daily means, to smooth the swing of a daily
# tablet).

# %%
show_figure(paradox_figure(), paradox_alt_text(), PARADOX_FILE,
            caption="Each link of the SSRI chain as a share of its week-12 change: "
                    "occupied in a day, each later link slower.")

# %% [markdown]
# The day on which each link reaches half of its week-12 change (the same numbers as in the
# legend above):

# %%
for key, name in [("sert_occupancy", "SERT occupancy"), ("serotonin_rel", "terminal serotonin"),
                  ("bdnf_expression_rel", "BDNF expression"), ("spine_density_rel", "spine density"),
                  ("improvement", "score improvement"), ("new_neurons_rel", "new neurons")]:
    print(f"{name:>18}: half of its week-12 change by {format_time(half_change_time_h(run, key))}")
print(f"improvement at day 7: {improvement_on(run, 7):.1f} points; "
      f"maximum {improvement(run).max():.1f} points")
weekly_gains = np.diff([0.0] + [improvement_on(run, 7 * week) for week in range(1, 7)])
weekly_gain_text = ", ".join(f"{gain:.1f}" for gain in weekly_gains)
print("gain in each of weeks 1-6 (points):", weekly_gain_text)

# %% [markdown]
# ### What you should have seen
#
# - Occupancy is above half of its final level within hours of the first tablet and close to
#   its plateau within days; after that it only swings a little with each tablet.
# - The first benefit comes within the first week: {{ improvement_on(run, 7):.1f }} points at
#   day 7, {{ improvement_on(run, 7) / improvement_on(run, 42):.0% }} of the week-6 improvement
#   (the pooled trials separate from placebo by the end of week 1). Half the maximum comes around day
#   {{ half_peak_day(run):.0f }}, and the weekly gains shrink after week 2:
#   {{ weekly_gain_text }} points in weeks 1 to 6. The course is gradual, not a delayed step;
#   what takes weeks lies **after** the target.
# - Each later link is slower than the one before: terminal serotonin (days), BDNF expression
#   and the score (one to two weeks to half), new neurons (months). The next three sections
#   take these links one at a time.

# %% [markdown]
# ## 2. Raphe feedback and its desensitisation
#
# **Question.** If SERT is blocked from day 1, why does serotonin at the nerve terminals not
# rise fully from day 1?
#
# The serotonin neurons sit in the raphe nuclei of the brainstem and send axons throughout the
# forebrain. Their cell bodies carry **5-HT1A autoreceptors**: when serotonin around the cell
# bodies rises, these receptors slow the neurons' firing. An SSRI raises serotonin there too,
# so at first the neurons fire less, and the extra serotonin at the terminals is partly
# cancelled. In rats, over days to weeks of treatment the autoreceptors desensitise, firing
# recovers, and terminal serotonin climbs (Blier et al. 1998; Le Poul et al. 1995; SSRI-06).
#
# **The model.** With $x$ the excess serotonin that SERT block alone would give, $D$ the
# desensitised share of the autoreceptors, and $b$ a pindolol-like block of them (section 3):
#
# $$
# \begin{aligned}
# \mathrm{amp} &= \frac{1}{(1-q)(1-\mathrm{occ}) + q}, \qquad x = \mathrm{amp} - 1
#   && \text{serotonin with SERT blocked, before feedback}\\
# a(t) &= \bigl(1 - D(t)\bigr)(1 - b) && \text{autoreceptor sensitivity}\\
# F(t) &= 1 - w\,a(t)\,\frac{x}{1 + x} && \text{raphe firing (1 = baseline)}\\
# s(t) &= F(t)\,\mathrm{amp} && \text{terminal serotonin (1 = baseline)}\\
# \frac{dD}{dt} &= \frac{D_\mathrm{max}\,\mathrm{occ}/\mathrm{occ}_\mathrm{max} - D}{\tau_\mathrm{des }}
#   && \text{desensitisation}
# \end{aligned}
# $$
#
# Terminal serotonin is release (proportional to firing) times slower clearance. Note that in
# the toy the desensitisation is driven by occupancy directly, not by the serotonin the
# receptors see.

# %%
parameter_rows(["serotonin_non_sert_clearance_fraction", "autoreceptor_feedback_max",
                "autoreceptor_desensitisation_max", "autoreceptor_desensitisation_tau_h"])

# %% [markdown]
# All four are toy values. $D_\mathrm{max}$ and $\tau_\mathrm{des}$ were chosen to match the
# rat slice data at days 3 and 21, so that match is again by construction. The rat data count
# the share of *neurons* that are desensitised; the model's $D$ is a share of *sensitivity*.
# How much the feedback costs in the first days:

# %%
steady_occ = day_mean(run, "sert_occupancy", 28)
no_feedback = float(serotonin_amplification(steady_occ, mono))
print(f"at {steady_occ:.0%} occupancy, SERT block alone would raise serotonin {no_feedback:.1f}-fold")
for day in (1, 3, 7, 21):
    print(f"day {day:>2}: raphe firing {100 * run.at('raphe_firing_rel', day * DAY_H):3.0f}% of "
          f"baseline, desensitised {100 * run.at('autoreceptor_desensitisation', day * DAY_H):3.0f}%, "
          f"terminal serotonin x{run.at('serotonin_rel', day * DAY_H):.2f}")

# %% [markdown]
# ### Predict first
#
# Move the *autoreceptor desensitisation time* $\tau_\mathrm{des}$ from {{ mono.autoreceptor_desensitisation_tau_h / DAY_H:g }} to 20 days. What happens to raphe firing in the first two
# weeks, to terminal serotonin, and to the day on which the improvement reaches half its
# maximum? Then set the feedback strength $w$ to 0: what do you expect?

# %%
panel(raphe_feedback)

# %%
show_sweep(raphe_feedback)

# %% [markdown]
# The numbers behind the figure: the day on which the improvement reaches half its maximum,
# for several desensitisation time constants and for no feedback at all ($w = 0$):

# %%
default_tau_days = mono.autoreceptor_desensitisation_tau_h / DAY_H
half_by_tau_des = {}  # day of half the maximum improvement, by tau_des (days)
for tau_days in (2, default_tau_days, 10, 20):
    r = ssri_course(autoreceptor_desensitisation_tau_h=tau_days * DAY_H)
    half_by_tau_des[tau_days] = half_peak_day(r)
    print(f"tau_des = {tau_days:2.0f} d: firing lowest {lowest_firing(r):4.0%} (daily mean), "
          f"half the maximum improvement on day {half_by_tau_des[tau_days]:4.1f}")
no_feedback_half = half_peak_day(ssri_course(autoreceptor_feedback_max=0.0))
print(f"no feedback (w = 0): half the maximum improvement on day {no_feedback_half:4.1f}")

# %% [markdown]
# ### What you should have seen
#
# - In the first days raphe firing drops to about {{ lowest_firing(run):.0% }} of baseline
#   (daily mean), and terminal serotonin rises much less than SERT block alone would allow.
# - As the autoreceptors desensitise, firing recovers towards baseline and terminal serotonin
#   climbs over two to three weeks.
# - The slower the desensitisation, the later the improvement: with $\tau_\mathrm{des}$ = 20
#   days, half the maximum comes about
#   {{ half_by_tau_des[20] - half_by_tau_des[default_tau_days]:.0f }} days later than with
#   the default.
# - Even with no feedback at all ($w = 0$) the improvement still needs about
#   {{ no_feedback_half:.0f }} days to reach half its maximum. In the toy the brake explains part of the slow build-up, not all of it: the
#   rest lies in the slow stages after serotonin (section 4).

# %% [markdown]
# ## 3. The pindolol what-if, and a competing hypothesis
#
# **Question.** If the autoreceptors are the brake, would blocking them speed the benefit?
#
# Pindolol, a beta-blocker that also acts on 5-HT1A receptors, was added to SSRIs to test
# exactly this; early open and controlled trials reported a faster response (reviewed by
# Blier et al. 1998; SSRI-06). A systematic review of 11 randomised trials (Whale et al. 2010,
# SSRI-10) found response odds ratios of 2.39 in weeks 1 and 2, 1.94 in week 3 and 1.59 in
# week 4, and no significant benefit in weeks 5 and 6 (1.42 and 1.28): faster, not higher.
# PET showed why the effect may be modest: at a clinical dose pindolol occupied only 7–21% of
# 5-HT1A receptors (Andrée et al. 1999). In the model, `autoreceptor_block` $b$ is the
# fraction of autoreceptors blocked (the equations above), so a pindolol-like block at its
# measured occupancy is $b$ = {{ PINDOLOL_OCCUPANCY }}; a full block ($b$ = 1) is a thought
# experiment.
#
# **A competing account.** The link between autoreceptor desensitisation and the delayed
# benefit is mostly circumstantial; other slow adaptations downstream, for example in
# glutamatergic plasticity, may matter more (Commons & Linnros 2019, SSRI-07). The model can
# run either hypothesis. They differ only in what drives BDNF transcription, $u(t)$:
#
# $$
# \begin{aligned}
# \text{autoreceptor:}\quad & u(t) = s(t) - 1 && \text{terminal serotonin excess}\\
# \text{slow plasticity only:}\quad & u(t) = L(t), \quad
#   \frac{dL}{dt} = \frac{x_\mathrm{adapted} - L}{\tau_\mathrm{adapt }} && \text{a generic slow adaptation}
# \end{aligned}
# $$
#
# where $x_\mathrm{adapted}$ is the terminal serotonin excess once the autoreceptors have
# fully desensitised at the current occupancy, computed without any block. In the second
# hypothesis raphe firing is still computed, but it no longer gates anything downstream.

# %%
parameter_rows(["slow_adaptation_tau_h"])

# %% [markdown]
# $\tau_\mathrm{adapt}$ was chosen so that both hypotheses reach half the maximum improvement on
# the same day. Said plainly: **the two accounts give the same time course, so the time course
# alone cannot tell them apart.** Only an intervention on the brake can.

# %% [markdown]
# ### Predict first
#
# Under the autoreceptor hypothesis, how much earlier will half the maximum improvement come
# with a full block: a few days, one to two weeks, or a month? Will the final improvement
# change too? Then switch to "slow plasticity only": what does the block do now?

# %%
panel(pindolol_what_if)

# %%
show_sweep(pindolol_what_if)

# %% [markdown]
# The numbers behind the figure:

# %%
print("hypothesis            block   half the maximum on day   plateau (points)")
half_by_block, plateau_by_block = {}, {}  # by (hypothesis, block)
for hypothesis in ("autoreceptor", "slow_plasticity"):
    for block in (0.0, PINDOLOL_OCCUPANCY, 0.5, 1.0):
        r = ssri_course(block, hypothesis)
        half_by_block[hypothesis, block] = half_peak_day(r)
        plateau_by_block[hypothesis, block] = improvement(r)[-1]
        print(f"{hypothesis:<20} {block:5.0%} {half_by_block[hypothesis, block]:20.1f} "
              f"{plateau_by_block[hypothesis, block]:20.1f}")
plain = ssri_course(0.0, "slow_plasticity")["symptom_score"]
blocked = ssri_course(1.0, "slow_plasticity")["symptom_score"]
print(f"slow plasticity, largest score difference with and without full block: "
      f"{np.abs(blocked - plain).max():.1e} points")
# The pindolol-like block at its PET occupancy, week by week (autoreceptor account)
pindolol = ssri_course(PINDOLOL_OCCUPANCY)
pindolol_ratio = {week: improvement_on(pindolol, 7 * week) / improvement_on(run, 7 * week)
                  for week in range(1, 7)}
print("week   improvement with / without a block of", f"{PINDOLOL_OCCUPANCY:.0%}")
for week, ratio in pindolol_ratio.items():
    print(f"{week:>4} {ratio:10.2f}")

# %% [markdown]
# ### What you should have seen
#
# - **Autoreceptor hypothesis, full block:** the early dip in firing disappears, half the
#   maximum improvement comes about
#   {{ half_by_block['autoreceptor', 0.0] - half_by_block['autoreceptor', 1.0]:.1f }} days sooner,
#   and the plateau is slightly higher ({{ plateau_by_block['autoreceptor', 1.0]:.1f }} against
#   {{ plateau_by_block['autoreceptor', 0.0]:.1f }} points), because with no feedback at all
#   terminal serotonin ends higher than with
#   {{ run['autoreceptor_desensitisation'][-1]:.0% }} desensitisation.
# - **Autoreceptor hypothesis, pindolol's measured occupancy ({{ PINDOLOL_OCCUPANCY:.0% }}):**
#   the improvement is {{ pindolol_ratio[1]:.2f }} times as large in week 1 and
#   {{ pindolol_ratio[2]:.2f }} times in week 2, but by week 6 the ratio is
#   {{ pindolol_ratio[6]:.2f }}: acceleration without a higher endpoint, the pattern of the
#   pooled trials. The toy's acceleration is smaller than the 2010 review's odds ratio of
#   2.39 might suggest (a ratio of mean improvements is not an odds ratio of response, and the trials
#   also varied in dose and population), so the toy reproduces the *shape* of the pindolol
#   result, not its size.
# - **Slow plasticity only:** the block changes raphe firing, but the improvement curves lie
#   exactly on top of each other; this account predicts no acceleration at all.
# - What that means for the autoreceptor account: the trials' early, fading benefit is what
#   it predicts for a partial block, so the trials support the brake as *one* cause of the
#   slow early weeks. They do not show that it explains the whole course: in the toy the
#   brake costs only days, and most of the weeks lie in the slower steps after serotonin.

# %% [markdown]
# ## 4. The slow neurotrophic and neurogenesis branch
#
# **Question.** Both drugs end up raising BDNF signalling. Why is one fast and the other slow?
#
# Ketamine **releases** BDNF that is already made, within the first hour (notebook 04). An
# SSRI raises BDNF **expression**: chronic, not acute, antidepressant treatment raises BDNF and
# TrkB mRNA in rat hippocampus (Nibuya et al. 1995, SSRI-09). Chronic treatment also raises
# the birth of new neurons in the adult hippocampus, and in mice blocking that neurogenesis
# blocks the behavioural effect of chronic antidepressants (Santarelli et al. 2003, SSRI-08).
#
# **The model.** $u(t)$ from section 3 drives BDNF expression $1 + E$, which drives progenitor
# proliferation $1 + P$ and, after maturation, new neurons $1 + N$:
#
# $$
# \begin{aligned}
# \frac{dE}{dt} &= \frac{g_\mathrm{BDNF}\,u - E}{\tau_\mathrm{BDNF }},
# & \frac{dP}{dt} &= \frac{g_\mathrm{prolif}\,E - P}{\tau_\mathrm{prolif }},
# & \frac{dN}{dt} &= \frac{P - N}{\tau_\mathrm{neuron }},
# \end{aligned}
# $$
#
# and the extra TrkB activation $k_\mathrm{TrkB}\,E^+ / (1 + E^+/K_E)$, with $E^+ = \max(E, 0)$,
# enters the shared TrkB → mTORC1 → synaptic protein → spine chain of notebook 05. The
# coupling saturates (a toy assumption: secretion and receptor availability, not
# transcription, limit the sustained signal), so the TrkB signal nears its plateau while
# expression is still climbing. There, ketamine's brief protein *burst* must
# pass a threshold $\theta$ before it builds spines; the SSRI's small, sustained protein rise
# builds spines in proportion to its size, with no threshold (a toy assumption: the threshold
# stands for the local burst that activity-dependent BDNF release triggers). That is why no
# SSRI outcome in the toy hinges on crossing a threshold (section 5 of notebook 07 shows the
# sensitivity table). New neurons are computed but **not** fed into the score.

# %%
parameter_rows(["bdnf_transcription_gain", "bdnf_transcription_tau_h", "trkb_coupling",
                "trkb_expression_saturation",
                "neurogenesis_gain", "proliferation_tau_h", "neuron_maturation_tau_h"])

# %% [markdown]
# $k_\mathrm{TrkB}$ and $K_E$ were chosen so that the toy improves by about {{ improvement(run).max():.0f }}
# points, with the gradual course of section 1 (Taylor et al. 2006: about a third of the
# 6-week drug effect in the first week), while BDNF expression still takes a week or more to
# reach half of its rise (Nibuya et al. 1995).
# The two BDNF signals side by side:

# %%
ketamine = ketamine_course()
release = ketamine["bdnf_release_rel"] - 1
expression = run["bdnf_expression_rel"] - 1
i_peak = int(np.argmax(release))
release_peak_min = 60 * ketamine.t_h[i_peak]
ketamine_trkb = ketamine["trkb_activation_rel"].max() - 1
expression_half_day = half_peak_day(run, "bdnf_expression_rel")
ssri_trkb = run["trkb_activation_rel"][-1] - 1
print(f"ketamine, one infusion: BDNF release peaks +{100 * release[i_peak]:.0f}% at "
      f"{release_peak_min:.0f} min; extra TrkB activation peaks +{100 * ketamine_trkb:.0f}%")
print(f"citalopram daily: BDNF expression +{100 * expression[-1]:.0f}% at week 12, half of that "
      f"by day {expression_half_day:.1f}; extra TrkB activation +{100 * ssri_trkb:.1f}%")
theta = mp.plasticity.spine_protein_threshold
ssri_protein = run["synaptic_protein_rel"][-1] - 1
print(f"synaptic protein at week 12: +{ssri_protein:.1%} (ketamine's burst threshold: "
      f"{theta:.0%}, which the SSRI's sustained rise does not need to pass); half the maximum "
      f"improvement on day {half_peak_day(run):.1f}")
print(f"new neurons: +{100 * (run.at('new_neurons_rel', 7 * DAY_H) - 1):.1f}% at week 1, "
      f"+{100 * (run.at('new_neurons_rel', 56 * DAY_H) - 1):.0f}% at week 8, "
      f"+{100 * (run['new_neurons_rel'][-1] - 1):.0f}% at week 12")

# %% [markdown]
# ### Predict first
#
# Suppose BDNF transcription followed serotonin within a day ($\tau_\mathrm{BDNF}$ = 1 day
# instead of {{ mono.bdnf_transcription_tau_h / DAY_H:g }}). Would the SSRI then act as fast as ketamine? If not, what still slows it?

# %%
panel(slow_bdnf_branch)

# %%
show_sweep(slow_bdnf_branch)

# %% [markdown]
# The numbers behind the figure:

# %%
half_by_tau_bdnf, bdnf_half_by_tau = {}, {}  # by tau_BDNF (days)
for tau_days in (1, 7, 28):
    r = ssri_course(bdnf_transcription_tau_h=tau_days * DAY_H)
    bdnf_half_by_tau[tau_days] = half_peak_day(r, "bdnf_expression_rel")
    half_by_tau_bdnf[tau_days] = half_peak_day(r)
    print(f"tau_BDNF = {tau_days:2g} d: BDNF expression half-way on day "
          f"{bdnf_half_by_tau[tau_days]:4.1f}, "
          f"half the maximum improvement on day {half_by_tau_bdnf[tau_days]:4.1f}")

# %% [markdown]
# ### What you should have seen
#
# - Both BDNF rises are of similar size in percent, but ketamine's lasts about an hour and the
#   SSRI's builds over one to two weeks, hundreds of times slower.
# - In the toy only a small share of the extra expression becomes extra synaptic signalling
#   (a TrkB rise of only {{ ssri_trkb:.2% }}, against about {{ ketamine_trkb:.0% }} for ketamine),
#   but it lasts, and the shared chain turns it into new spines as it rises, without waiting
#   for a threshold. Because the coupling saturates, the improvement keeps close behind BDNF
#   expression: half-way on day {{ half_peak_day(run):.1f }} against day {{ expression_half_day:.1f }} for expression.
# - The transcription step sets much of the pace: with $\tau_\mathrm{BDNF}$ = 1 day, half the
#   maximum improvement comes on day {{ half_by_tau_bdnf[1]:.0f }} (the autoreceptor brake and
#   the spines' own build-up remain); with 28 days, on day {{ half_by_tau_bdnf[28]:.0f }}.
# - New neurons are barely above baseline after one week and still rising at week 12. That
#   matches the idea that neurogenesis needs chronic treatment, but in this toy it does not
#   change the score.

# %% [markdown]
# ## Exercises

# %% [markdown]
# ### Exercise 1: when is the target occupied?
#
# With `ssri_course()` and `day_mean(run, "sert_occupancy", day)` (the mean over the 24 h
# after the tablet taken on that day; day 0 is the first tablet), find the first day on which
# the mean occupancy reaches 75%. <!-- typed: the level the exercise sets --> What is the score
# improvement at the end of that day, and what share is that of the improvement at week 6?
#
# *Expected result:* day {{ first_day_mean_at_least(run, 'sert_occupancy', 0.75) }} (tablet number
# {{ first_day_mean_at_least(run, 'sert_occupancy', 0.75) + 1 }}). The improvement at the end of
# that day is already {{ improvement_on(run, first_day_mean_at_least(run, 'sert_occupancy', 0.75) + 1):.2f }}
# points, {{ improvement_on(run, first_day_mean_at_least(run, 'sert_occupancy', 0.75) + 1) / improvement_on(run, 42):.0% }}
# of the roughly {{ improvement_on(run, 42):.1f }} points reached by week 6.

# %% tags=["solution"] answer={"first": 0.01} hint="Day 0 is the first day (hours 0-24); use day_mean(run, \"sert_occupancy\", day) for each day and stop at the first that reaches 0.75."
r = ssri_course()
first = next(day for day in range(84) if day_mean(r, "sert_occupancy", day) >= 0.75)
gain_then = float(np.interp((first + 1) * DAY_H, r.t_h, improvement(r)))
gain_week6 = float(np.interp(42 * DAY_H, r.t_h, improvement(r)))
print(f"mean occupancy first reaches 75% on day {first} "
      f"({day_mean(r, 'sert_occupancy', first):.1%})")
print(f"improvement at the end of that day: {gain_then:.2f} points = "
      f"{gain_then / gain_week6:.0%} of the {gain_week6:.1f} points at week 6")

# %% [markdown]
# ### Exercise 2: does a doubled tablet fill the target?
#
# This is a question about the shape of the occupancy curve, not about which dose anyone
# should take. Compare the mean occupancy on day 27 (the 4-week point) for 20 and 40 mg once
# a day (`occupancy_20mg`, `occupancy_40mg`, fractions 0–1), using `ssri_course(mg_per_day=...)`.
# By how many percentage points does doubling raise it, and how far is each from the ceiling
# $\mathrm{occ}_\mathrm{max}$?
#
# *Expected result:* about
# {{ 100 * (day_mean(ssri_course(mg_per_day=40.0), 'sert_occupancy', 27) - day_mean(run, 'sert_occupancy', 27)):.0f }}
# percentage points more (from about {{ day_mean(run, 'sert_occupancy', 27):.0% }} to about
# {{ day_mean(ssri_course(mg_per_day=40.0), 'sert_occupancy', 27):.0% }}), in line with the
# roughly 5 points reported across SSRIs by Meyer et al. (2004). Both sit within about
# {{ 100 * (mono.sert_occupancy_max - day_mean(run, 'sert_occupancy', 27)):.0f }} points of the
# {{ mono.sert_occupancy_max:.0% }} ceiling, on the flat part of the saturating curve.

# %% tags=["solution"] answer={"occupancy_20mg": 0.01, "occupancy_40mg": 0.01} hint="Day 27 is the 28th day (day 0 is the first tablet): take day_mean(ssri_course(mg_per_day=...), \"sert_occupancy\", 27) for 20.0 and 40.0, as fractions (0-1)."
steady = {mg: day_mean(ssri_course(mg_per_day=mg), "sert_occupancy", 27) for mg in (20.0, 40.0)}
for mg, occ in steady.items():
    print(f"{mg:4.0f} mg/day: mean occupancy on day 27 {occ:.1%} "
          f"({100 * (mono.sert_occupancy_max - occ):.1f} points below the ceiling)")
print(f"doubling adds {100 * (steady[40.0] - steady[20.0]):.1f} percentage points")
occupancy_20mg, occupancy_40mg = steady[20.0], steady[40.0]

# %% [markdown]
# ### Exercise 3: fast release, slow expression
#
# From `ketamine_course()` (one research-trial infusion) and `ssri_course()`, find (a) when
# ketamine's BDNF release peaks (`release_peak_min_k`, in minutes after the infusion starts),
# (b) when the SSRI's BDNF expression first reaches half of its maximum rise
# (`half_rise_day`, in days), and (c) how many times slower (b) is than (a) (`times_slower`).
#
# *Expected result:* (a) about {{ release_peak_min:.0f }} minutes after the infusion starts;
# (b) about day {{ expression_half_day:.0f }}; (c) about
# {{ round(expression_half_day * DAY_H * 60 / release_peak_min, -2):.0f }} times.

# %% tags=["solution"] answer={"release_peak_min_k": 0.05, "half_rise_day": 0.03, "times_slower": 0.05} hint="(a) is in minutes (60 * t_h at the peak of bdnf_release_rel); (b) is the first day on which bdnf_expression_rel - 1 reaches half of its largest value (half_peak_day(run, 'bdnf_expression_rel')); (c) divides (b) by (a) in the same unit."
k, s = ketamine_course(), ssri_course()
peak_h = float(k.t_h[np.argmax(k["bdnf_release_rel"])])
half_rise_h = half_peak_time_h(s, "bdnf_expression_rel")
release_peak_min_k, half_rise_day, times_slower = 60 * peak_h, half_rise_h / DAY_H, half_rise_h / peak_h
print(f"(a) ketamine BDNF release peaks at {release_peak_min_k:.0f} min")
print(f"(b) SSRI BDNF expression reaches half its rise on day {half_rise_day:.1f}")
print(f"(c) {times_slower:.0f} times slower")

# %% [markdown]
# ### Exercise 4: explain it in a sentence: what takes weeks?
#
# In section 1 citalopram occupies most of its target within days, yet the full benefit takes
# weeks. Write one sentence that says where the delay lies, then pick the option closest to
# it:
#
# - (a) The tablets take weeks to build up in the blood.
# - (b) SERT occupancy keeps climbing for weeks.
# - (c) The delay lies after the target: the 5-HT1A autoreceptors desensitise over weeks, and
#   BDNF transcription and new spines follow slowly.
# - (d) Serotonin is not raised at all until the third week.
#
# *Expected result:* one letter in `choice_06`, and a sentence that places the delay in the
# chain.

# %% tags=["solution"] answer={"choice_06": 0.01} options={"a": "No: the plasma level is near its steady state within about a week (notebook 01, Exercise 3), long before the full benefit.", "b": "No: occupancy is near its plateau within the first days; what is slow lies further down the chain.", "c": "Yes: the target is reached in days; the autoreceptor brake, transcription-driven BDNF and the spines are what take weeks.", "d": "No: serotonin at the terminals climbs over days from the first week on, held back by the autoreceptors, not absent."} hint="Put the target (SERT) and the benefit on one time line: when is each near its plateau, and what lies between them?"
# What takes weeks lies after the target.
choice_06 = "c"
print(f"mean SERT occupancy on day 6: {day_mean(r, 'sert_occupancy', 6):.0%}; "
      f"BDNF expression at half its rise on day {half_rise_day:.0f}")

# %% [markdown]
# ## Summary
#
# - **Days, a week, weeks.** Citalopram occupies most SERT within days (77% by PET at four
#   weeks, Meyer et al. 2001). The first benefit comes within the first week and the gains
#   shrink week by week (Taylor et al. 2006); in the toy half the maximum comes after about
#   {{ half_peak_day(run):.0f }} days (section 1). What takes weeks lies after the target.
# - **Raphe feedback.** Extra serotonin around the raphe cell bodies acts on 5-HT1A
#   autoreceptors and slows firing in the first days; as the autoreceptors desensitise over
#   two to three weeks, firing recovers and terminal serotonin climbs. A slower
#   desensitisation delays the improvement, but even without any feedback the toy needs days
#   to weeks.
# - **Pindolol.** Under the autoreceptor hypothesis a 5-HT1A block speeds the improvement; at
#   pindolol's measured occupancy it speeds the first weeks without raising the endpoint, as
#   in the pooled trials (Whale et al. 2010). Under the "slow plasticity only" hypothesis,
#   which fits the same time course, it changes nothing. That difference, not the time
#   course, separates them.
# - **Slow BDNF.** The SSRI raises BDNF by transcription over days to weeks, while ketamine
#   releases it within the hour. A small but lasting signal builds new spines as it rises;
#   new neurons follow over months and are not part of the toy score.

# %% [markdown]
# ## What this model leaves out
#
# - **No placebo response.** In trials much of the early improvement also happens on
#   placebo; the toy improvement is drug effect only.
# - **Rat data for the brake.** The autoreceptor time course comes from recordings and slices
#   of rat raphe (Le Poul et al. 1995; Blier et al. 1998). Human raphe firing cannot be
#   recorded this way, and $D$ in the toy is a share of sensitivity, not of neurons.
# - **One receptor subtype.** Only somatodendritic 5-HT1A autoreceptors are modelled. Terminal
#   5-HT1B autoreceptors, and the many postsynaptic 5-HT receptors (5-HT1A, 5-HT2A, 5-HT2C,
#   5-HT4, 5-HT7 and more) through which serotonin acts, are absent; so are noradrenaline and
#   dopamine.
# - **Toy sizes.** Most sizes ($q$, $w$, $g_\mathrm{BDNF}$, $k_\mathrm{TrkB}$, the
#   neurogenesis gains) are toy values calibrated to time courses: the occupancy at 4 weeks,
#   the rat desensitisation at days 3 and 21, and an improvement of about
#   {{ improvement(run).max():.0f }} points with the gradual shape of the pooled trials. Matching those is by construction, not evidence.
# - **Which slow adaptations, exactly?** The toy lumps the weeks into three steps: autoreceptor
#   desensitisation (rat data), BDNF transcription and new spines. Real candidates include
#   these and more (neurogenesis, other receptors, changes in emotional processing); the toy
#   cannot say how much each contributes, and it has no slow tail beyond about two months.
# - **Robust, not precise.** Moving any one fitted parameter by a fifth changes the week-8
#   improvement by much less than a factor of two (notebook 07, section 5), so the shape is not a
#   knife-edge; but the numbers of points are calibrated, not measured.
# - **Neurogenesis is not in the score.** New neurons are computed for comparison with the
#   mouse data but do not feed the score, although Santarelli et al. (2003) found them needed
#   for the behavioural effect in mice.
# - **Desensitisation is driven by occupancy.** In the toy, $D$ follows SERT occupancy, so a
#   pindolol-like block does not slow desensitisation, although fewer active receptors might
#   desensitise less in reality.
# - **The score is a population-average toy.** It is not a prediction for any person: real
#   responses differ widely, and about a third of people in STAR*D remitted on citalopram
#   (Trivedi et al. 2006).
#
# **Competing hypotheses.** The autoreceptor account is the classic one but is contested
# (Commons & Linnros 2019); section 3 runs a "slow plasticity only" alternative with the same
# time course. Other slow steps have been proposed, such as adult neurogenesis (Santarelli et
# al. 2003) and slow changes in glutamatergic and neurotrophic plasticity; they are not
# mutually exclusive, and the toy lumps them into $\tau_\mathrm{adapt}$ and the BDNF branch.

# %% [markdown]
# ## References
#
# - Blier P et al. (1998). *Ann N Y Acad Sci* 861:204–216. [doi:10.1111/j.1749-6632.1998.tb10192.x](https://doi.org/10.1111/j.1749-6632.1998.tb10192.x)
# - Commons & Linnros (2019). *ACS Chem Neurosci* 10:3048–3052. [doi:10.1021/acschemneuro.8b00698](https://doi.org/10.1021/acschemneuro.8b00698)
# - Kragh-Sørensen P et al. (1981). *Acta Pharmacol Toxicol* 48:53–60 (pmid:6939299).
# - Le Poul E et al. (1995). *Naunyn Schmiedebergs Arch Pharmacol* 352:141–148 (pmid:7477436).
# - Meyer JH et al. (2001). *Am J Psychiatry* 158:1843–1849. [doi:10.1176/appi.ajp.158.11.1843](https://doi.org/10.1176/appi.ajp.158.11.1843)
# - Meyer JH et al. (2004). *Am J Psychiatry* 161:826–835. [doi:10.1176/appi.ajp.161.5.826](https://doi.org/10.1176/appi.ajp.161.5.826)
# - Nibuya M et al. (1995). *J Neurosci* 15:7539–7547. [doi:10.1523/JNEUROSCI.15-11-07539.1995](https://doi.org/10.1523/JNEUROSCI.15-11-07539.1995) (DOI from the journal's pattern, not verified)
# - Santarelli L et al. (2003). *Science* 301:805–809. [doi:10.1126/science.1083328](https://doi.org/10.1126/science.1083328)
# - Andrée B et al. (1999). *Psychopharmacology* 144:303–305. [doi:10.1007/s002130051009](https://doi.org/10.1007/s002130051009)
# - Taylor MJ et al. (2006). *Arch Gen Psychiatry* 63:1217–1223. [doi:10.1001/archpsyc.63.11.1217](https://doi.org/10.1001/archpsyc.63.11.1217)
# - Trivedi MH et al. (2006). *Am J Psychiatry* 163:28–40. [doi:10.1176/appi.ajp.163.1.28](https://doi.org/10.1176/appi.ajp.163.1.28)
# - Whale R, Terao T, Cowen P, Freemantle N, Geddes J (2010). Pindolol augmentation of serotonin reuptake inhibitors for the treatment of depressive disorder: a systematic review. *J Psychopharmacol* (published online 2008; abstract read, DOI not verified here).

# %% [markdown]
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.
