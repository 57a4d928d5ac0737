# %% [markdown]
# # From mechanism to patients
#
# Notebooks 01–07 followed one "average" brain: one plasma curve, one NMDA block, one set of
# new spines, one score. Trials do not report that. They report how many people *respond*
# (their score halves) or *remit* (their score falls to the normal range) at a given time, in a
# drug arm and in a control arm. Here we turn the mechanism into a virtual cohort: a thousand
# seeded virtual patients who differ in how strongly their plasticity answers the drug, in how
# much they expect to improve, and in how they would have changed anyway. With them we ask what
# the trials ask: how many respond, and when? Why does a curve of the average hide what happens
# to each person? Why does the choice of placebo change the size of the effect? And, last, the
# scorecard: every published finding the models are tested against, with the model's value and
# pass or fail, made by the same code the tests run.

# %% [markdown]
# ## Learning objectives
#
# *Estimated time: about 50 minutes.*
#
# By the end you should be able to:
#
# 1. write down how the toy turns one mechanism into many patients, and name the four things
#    that differ between virtual patients;
# 2. explain with a figure why the mean course of a cohort can sit at the response threshold
#    while few patients are anywhere near it;
# 3. read response and remission curves for drug and control arms, and say how much of a rate
#    is sampling noise for a given number of patients;
# 4. contrast when patients first respond to one ketamine infusion and to daily citalopram;
# 5. explain why an active placebo (midazolam) roughly halves ketamine's apparent effect
#    compared with saline;
# 6. read the scorecard and say where the toy agrees with the published findings and where it
#    falls short.
#
# > **Educational use only.** This notebook explains mechanisms with simplified models. It
# > is not medical advice and gives no dosing recommendations. The regimens are the designs
# > used in the cited studies, simulated as references; none is a recommendation, and a
# > virtual patient is not a prediction for any real person.

# %% [markdown]
# ## How to use this notebook
#
# - **Running it** (JupyterLab, *Run → Run All Cells*): each demo has controls. Write your
#   prediction down first, then move the controls and check.
# - **Reading it without a kernel** (nbviewer, GitHub): the controls do not work there. The
#   picture under each demo shows its default setting, and the **static figure below it**
#   shows the same model across its range.
# - Exercises have worked solutions in cells tagged `solution`. Try them before you look.
#
# Every number comes from the `ketamine_moa` package, its cited parameter file
# `src/ketamine_moa/data/parameters.csv` and its findings file `src/ketamine_moa/data/findings.csv`; this notebook has no model
# code of its own. Every cohort is seeded, so each run gives the same patients. The static
# figures and tables use the cohorts of the tests: 1000 patients, seed 1, two weeks of
# follow-up for ketamine and its controls, 14 weeks for citalopram (the length of STAR\*D
# level 1).

# %% [markdown]
# ## Setup

# %%
import numpy as np
from IPython.display import Markdown, display

from ketamine_moa import (Cohort, model_parameters, parameter_table, single_infusion, trials,
                          virtual_cohort)
# Names used only in the Markdown's placeholders, which ruff does not read:
from ketamine_moa.cohort import BASELINE_RANGE_POINTS, SCORE_MAX_POINTS  # noqa: F401
from ketamine_moa.cohort import REMISSION_POINTS, RESPONSE_FRACTION  # noqa: F401
from ketamine_moa.demos import cohort_demo as cd
from ketamine_moa.demos.cohort_demo import individual_courses, placebo_blinding, trial_arms
from ketamine_moa.plotting import display_unit, use_house_style
from ketamine_moa.scorecard import CHECKS, findings, scorecard
from ketamine_moa.widgets import panel, show_figure, show_sweep

use_house_style()
DAY_H, WEEK_H = trials.DAY_H, trials.WEEK_H


def source_link(reference: str, doi: str) -> str:
    """A reference as written in the data file, with its DOIs (or PubMed ids) as links."""
    links = [d if d.startswith("pmid") else f"[doi:{d}](https://doi.org/{d})"
             for d in doi.split("; ")]
    return f"{reference}, " + "; ".join(links)


def markdown_table(header, rows) -> None:
    """Display rows of strings as a Markdown table (| in a cell is escaped)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    display(Markdown("\n".join(lines)))


# %% [markdown]
# ## 1. From one mechanism to many patients
#
# **Question.** The mechanism gives one improvement curve. How do we get from that to "50% of
# patients responded at 24 hours"? <!-- typed: an example of how a trial reports, not a model value -->
#
# **The model.** Each virtual patient $i$ draws four things: a baseline score $b_i$; a
# plasticity responsiveness $r_i$ that scales how strongly TrkB signalling drives fast
# potentiation and synaptic protein synthesis (notebooks 04–05); an expectancy response $e_i$;
# and a natural-course improvement $n_i$ (recovery and regression to the mean that would
# happen anyway). Their score (MADRS-like points, lower is better) is
#
# $$
# \mathrm{score}_i(t) = \mathrm{clip}\Big(b_i - \frac{b_i}{b_\mathrm{ref}}\,
#   \mathrm{Drug}(t; r_i) - x_\mathrm{arm}\, e_i\, b_i\, X(t) - n_i\, b_i\, \mathrm{Nat}_i(t)
#   + \varepsilon_i(t),\ 0,\ {{ SCORE_MAX_POINTS:.0f }}\Big)
# $$
#
# $$
# X(t) = \bigl(1 - e^{-t'/\tau_\mathrm{on}}\bigr)\, e^{-t'/\tau_\mathrm{off}}\,
#   e^{-\max(0,\, t'' - t_\mathrm{hold})/\tau_\mathrm{fade}}, \qquad
# \mathrm{Nat}_i(t) = 1 - e^{-t/\tau_{\mathrm{nat},i}},
# $$
#
# where $t'$ is the time since the first dose and $t''$ the time since the latest one: the
# expectancy response holds while treatment goes on and fades once it stops (after the last
# infusion of a series; daily tablets never get there). Each patient's natural course has its
# own time, $\ln \tau_{\mathrm{nat},i} \sim \mathcal{N}(\ln \tau_\mathrm{nat}, s_\mathrm{nat})$:
# some episodes lift within weeks, others take months. $\mathrm{Drug}(t; r)$ is the
# improvement that `simulate` gives for the arm's doses with the plasticity drive scaled by $r$ (zero in a
# control arm). $x_\mathrm{arm} = 1$ when the arm is a psychoactive experience (ketamine, or
# midazolam as an active placebo) and $x_\mathrm{inert}$ when it is not (saline, or a tablet).
# The draws: $b_i \sim \mathcal{N}(b_\mathrm{ref}, \sigma_b)$ clipped to
# {{ BASELINE_RANGE_POINTS[0]:.0f }}–{{ BASELINE_RANGE_POINTS[1]:.0f }} points;
# $\ln r_i \sim \mathcal{N}(\mu_r, \sigma_r)$; $e_i$ from a Beta distribution with mean
# $\bar e$ and concentration $\kappa$; $n_i$, at most $n_\mathrm{max}$, from one with
# concentration $\kappa_n$ and mean $\bar n$ in tablet trials of depression at large or $\bar n_\mathrm{TRD}$ in the infusion
# trials, which enrolled treatment-resistant patients; $\varepsilon_i(t)$ is a slowly
# wandering rating error (an Ornstein–Uhlenbeck process with SD $\sigma_\varepsilon$ and
# correlation time $\tau_\varepsilon$).
#
# A patient **responds** at time $t$ if $\mathrm{score}_i(t) \le {{ RESPONSE_FRACTION:g }}\, b_i$
# (half their own baseline or less) and **remits** if
# $\mathrm{score}_i(t) \le {{ REMISSION_POINTS:g }}$ points.
#
# The parameters, read from `src/ketamine_moa/data/parameters.csv` (stage `cohort`, plus the mechanism's
# baseline score). "toy" means a value chosen to make the cohort match trial summaries, not a
# measured one; the file's notes give the calibration.

# %%
SYMBOLS = {  # name in src/ketamine_moa/data/parameters.csv -> (what it is, symbol)
    "baseline_score_points": ("mean baseline score (the mechanism's patient)", r"$b_\mathrm{ref}$"),
    "baseline_sd_points": ("spread of baseline scores (SD)", r"$\sigma_b$"),
    "responsiveness_log_mean": ("mean of ln(plasticity responsiveness)", r"$\mu_r$"),
    "responsiveness_log_sd": ("SD of ln(plasticity responsiveness)", r"$\sigma_r$"),
    "expectancy_mean_fraction": ("mean expectancy improvement, share of baseline", r"$\bar e$"),
    "expectancy_inert_factor": ("expectancy with an inert arm, relative to a psychoactive one",
                                r"$x_\mathrm{inert}$"),
    "expectancy_onset_tau_h": ("expectancy onset time", r"$\tau_\mathrm{on}$"),
    "expectancy_decay_tau_h": ("expectancy decay time", r"$\tau_\mathrm{off}$"),
    "expectancy_hold_h": ("expectancy holds this long after the latest dose",
                          r"$t_\mathrm{hold}$"),
    "expectancy_fade_tau_h": ("expectancy fade time once treatment stops",
                              r"$\tau_\mathrm{fade}$"),
    "natural_course_mean_fraction": ("mean natural-course improvement, share of baseline "
                                     "(tablet trials, depression at large)", r"$\bar n$"),
    "natural_course_trd_mean_fraction": ("the same in treatment-resistant (infusion) trials",
                                         r"$\bar n_\mathrm{TRD}$"),
    "natural_course_concentration": ("concentration of the natural-course draws",
                                     r"$\kappa_n$"),
    "natural_course_tau_h": ("natural-course time (median patient)", r"$\tau_\mathrm{nat}$"),
    "natural_course_tau_log_sd": ("spread of ln(natural-course time) between patients",
                                  r"$s_\mathrm{nat}$"),
    "natural_course_max_fraction": ("largest natural-course improvement, share of baseline",
                                    r"$n_\mathrm{max}$"),
    "beta_concentration": ("concentration of the expectancy draws (lower: more spread)",
                           r"$\kappa$"),
    "rating_noise_sd_points": ("rating error and day-to-day change (SD)", r"$\sigma_\varepsilon$"),
    "rating_noise_tau_h": ("correlation time of the rating error", r"$\tau_\varepsilon$"),
}
table = parameter_table()
cohort_rows = [table["baseline_score_points"]] + [r for r in table.values() if r.stage == "cohort"]
markdown_table(["parameter", "symbol", "value", "unit", "basis", "source"],
               [(SYMBOLS[r.name][0], SYMBOLS[r.name][1], f"{r.value:g}", display_unit(r.unit), r.species,
                 source_link(r.reference, r.doi)) for r in cohort_rows])
c = model_parameters().cohort
median_responsiveness = np.exp(c.responsiveness_log_mean)
tau_off_months = c.expectancy_decay_tau_h / (365.25 / 12 * DAY_H)
print(f"median plasticity responsiveness exp(mu_r) = {median_responsiveness:.2f}; "
      f"tau_off = {c.expectancy_decay_tau_h / WEEK_H:.0f} weeks, "
      f"tau_nat = {c.natural_course_tau_h / WEEK_H:.0f} weeks")

# %% [markdown]
# The median patient has about {{ median_responsiveness:.0% }} of the mechanism's default
# plasticity drive, and the spread is wide: some barely respond to the drug, some respond
# strongly. While treatment goes on, the expectancy response barely fades (its decay time is
# about {{ tau_off_months:.0f }} months); once it stops, it holds for
# {{ c.expectancy_hold_h / DAY_H:.0f }} days and then fades with a time constant of
# {{ c.expectancy_fade_tau_h / DAY_H:.0f }} days. The natural course unfolds over weeks for some
# patients and over months for others.
#
# ### Predict first
#
# Below, thin grey lines are {{ cd.N_SHOWN }} individual patients, the thick line is the mean of
# the whole cohort, and the histogram on the right shows where **every** patient is at the
# dashed time. At 24 h after one infusion the mean sits near the response threshold. Will most
# patients be close to the mean, or spread far from it? What share will lie within
# {{ trials.NEAR_MEAN_POINTS:.0f }} points of it?

# %%
panel(individual_courses)

# %%
show_sweep(individual_courses)

# %% [markdown]
# The numbers behind the static figure (1000 patients, seed 1):

# %%
course_summary = {}
for regimen in ("single", "ssri"):
    t_eval = cd.COURSE_T_EVAL_H[regimen]
    s = course_summary[regimen] = trials.average_vs_individuals(trials.trial_arm(regimen), t_eval)
    print(f"{cd.REGIMENS[regimen][0]} at {trials.describe_time(t_eval)}: mean score "
          f"{s['mean_percent_of_baseline']:.0f}% of baseline; responders "
          f"{s['responders_percent']:.0f}%; within {trials.NEAR_MEAN_POINTS:.0f} points of the mean "
          f"{s['near_mean_percent']:.0f}%; at or below {trials.LOW_BAND_PERCENT:.0f}% of baseline "
          f"{s['below_25_percent']:.0f}%; above {trials.HIGH_BAND_PERCENT:.0f}% "
          f"{s['above_75_percent']:.0f}%")
ketamine_24h, citalopram_week_8 = course_summary["single"], course_summary["ssri"]

# %% [markdown]
# ### What you should have seen
#
# - At 24 h after one infusion the mean score is about
#   {{ ketamine_24h["mean_percent_of_baseline"]:.0f }}% of baseline, right at the response
#   line, and {{ ketamine_24h["responders_percent"]:.0f }}% of the patients respond. Yet only
#   {{ ketamine_24h["near_mean_percent"]:.0f }}% of patients are within
#   {{ trials.NEAR_MEAN_POINTS:.0f }} points of the mean: the rest spread almost evenly from
#   near-complete relief to almost no change. The average patient is hardly anyone.
# - The thin lines also differ in **shape**: some fall within hours and stay low, some dip and
#   come back within days, some barely move. A smooth mean curve cannot tell these apart.
# - On citalopram the picture at week 8 is the same: a mean near the line, a wide spread, and a
#   similar share of responders, reached over weeks instead of hours.
# - Change the seed: the individual lines change completely, the mean and the histogram hardly
#   move. With {{ cd.N_DEMO_MAX }} patients a cohort's summary is stable; any one patient is
#   not.

# %% [markdown]
# ## 2. Response and remission over time, arm by arm
#
# **Question.** How do the response and remission rates of each arm change over time, and how
# much of a difference between two arms is just chance?
#
# A trial compares a drug arm with a control arm given on the same schedule. The controls in the
# model: **saline** (an inert drip; for citalopram, an inert tablet) and **midazolam**, an
# active placebo: a sedative that makes you feel something, as ketamine does, so patients
# cannot easily tell which arm they are in. In the model a control arm gets no drug; it keeps
# the natural course and the expectancy response, in full with midazolam and in part with
# saline or a tablet (section 4). The seed and patient sliders show how much of a difference
# between two arms is chance.

# %% [markdown]
# ### Predict first
#
# For one infusion against midazolam, at 24 h: how many percentage points apart will the two
# arms be? Now set the number of patients to 20 and move the seed: how far will that gap jump
# around? Then pick daily citalopram: in which week will its response rate first pass 20%? <!-- typed: the threshold the prompt asks about -->

# %%
panel(trial_arms)

# %%
show_sweep(trial_arms)

# %% [markdown]
# The rates in the static figure at the times the trials report (1000 patients per arm,
# seed 1):

# %%
def rate(regimen: str, measure: str, t_h: float, control: str | None = None) -> float:
    """Percent of the tests' arm (1000 patients, seed 1) meeting ``measure`` at ``t_h``."""
    return trials.rate_at(trials.trial_arm(regimen, control), measure, t_h)


ARMS = [("single", None), ("series", None), ("single", "midazolam"), ("single", "saline"),
        ("ssri", None), ("ssri", "saline")]
TIMES_H = {"single": (2.0, DAY_H, 3 * DAY_H, 7 * DAY_H, 14 * DAY_H),
           "series": (DAY_H, 12 * DAY_H, 14 * DAY_H),
           "ssri": (2 * WEEK_H, 4 * WEEK_H, 8 * WEEK_H, 14 * WEEK_H)}
for regimen, control in ARMS:
    cohort = trials.trial_arm(regimen, control)
    name = cd.REGIMENS[regimen][0] if control is None else (
        cd.PILL_PLACEBO[0] if regimen == "ssri" else cd.CONTROLS[control][0])
    cells = [f"{trials.describe_time(t)} {rate(regimen, 'response', t, control):3.0f}% / "
             f"{rate(regimen, 'remission', t, control):3.0f}%" for t in TIMES_H[regimen]]
    print(f"{name:<30} response / remission: " + ";  ".join(cells))
p_24h = rate("single", "response", DAY_H) / 100  # one infusion, response at 24 h (fraction)
PASS_PERCENT = 20  # the prompt's question: in which week does citalopram's response pass it?
t_ssri, ssri_response = cd.rates(trials.trial_arm("ssri"), "response")
ssri_week_past = int(np.ceil(t_ssri[np.argmax(ssri_response > PASS_PERCENT)] / WEEK_H))

# %% [markdown]
# ### What you should have seen
#
# - **One infusion**: responders appear within the first hours, peak near 24 h at about
#   {{ rate("single", "response", DAY_H):.0f }}% of the patients and fall to about
#   {{ rate("single", "response", 7 * DAY_H):.0f }}% by day 7. Midazolam reaches about
#   {{ rate("single", "response", DAY_H, "midazolam"):.0f }}% by 24 h and stays there; saline
#   stays near zero for the first week.
# - **Six infusions**: each infusion lifts the rates again, and 24 h after the sixth (day 12)
#   about {{ rate("series", "response", 12 * DAY_H):.0f }}% respond, more than after one.
# - **Citalopram**: the first responders appear within the first week, about
#   {{ rate("ssri", "response", WEEK_H):.0f }}% by day 7 (Taylor et al. 2006 found SSRIs ahead
#   of placebo by the end of week 1); the rates climb fastest in weeks 1–3, more slowly
#   after, and level off, with about {{ rate("ssri", "remission", 8 * WEEK_H):.0f }}% in remission at
#   week 8 and {{ rate("ssri", "remission", 14 * WEEK_H):.0f }}% at week 14.
# - **Inert tablet**: it climbs over the weeks too, carried by the natural course, regression to
#   the mean and expectancy, to {{ rate("ssri", "response", 8 * WEEK_H, "saline"):.0f }}%
#   responders at week 8, only
#   {{ rate("ssri", "response", 8 * WEEK_H) - rate("ssri", "response", 8 * WEEK_H, "saline"):.0f }}
#   points below citalopram. In antidepressant trials placebo response has been 35–40% since
#   1991 (Furukawa et al. 2016, CLIN-14): most of what a tablet arm shows is not the drug.
#   A saline drip shows almost nothing at 24 h, because the natural course needs weeks, and
#   the infusion trials enrolled treatment-resistant patients, whose own course is smaller
#   (the model's natural course depends on the trial's population; see the parameter table).
# - **Sampling noise**: with 20 patients per arm the 24 h gap between ketamine and midazolam
#   jumps a lot from seed to seed; with {{ cd.N_DEMO_MAX }} it moves much less. Exercise 2 puts
#   numbers on it.

# %% [markdown]
# ## 3. When do patients first respond?
#
# **Question.** A response rate at one time mixes people who responded long ago with people
# who just did. When does each patient *first* meet the response (and the remission)
# criterion?
#
# ### Predict first
#
# For ketamine, will the first responses cluster within hours, or spread over the first week?
# For citalopram, in which week will the most patients first respond? In the STAR\*D trial,
# 40% of those in remission at the end had first reached it at 8 weeks or later (Trivedi et al.
# 2006, SSRI-11): will the toy show as many late remitters?

# %%
show_figure(cd.response_times_figure(), cd.response_times_alt_text(), cd.RESPONSE_TIMES_FILE,
            caption="When virtual patients first respond and first remit: ketamine vs "
                    "citalopram.")

# %%
times_summary = trials.response_time_summary()
ssri_first = trials.first_times("ssri")["response"]
counts, _ = np.histogram(ssri_first[np.isfinite(ssri_first)], bins=cd.TIME_BINS_H)
ssri_tallest_bin_h = cd.TIME_BINS_H[counts.argmax():counts.argmax() + 2]  # left panel's top bin
for regimen, row in times_summary.items():
    print(f"{cd.REGIMENS[regimen][0]} ({row['follow_up_h'] / WEEK_H:.0f}-week follow-up): "
          f"ever respond {row['response_ever_percent']:.0f}%, median first response "
          f"{trials.describe_time(row['response_median_h'])}; ever remit "
          f"{row['remission_ever_percent']:.0f}%, median first remission "
          f"{trials.describe_time(row['remission_median_h'])}; remitters who remit after week 8: "
          f"{row['remission_after_week_8_percent']:.0f}%")

# %% [markdown]
# ### What you should have seen
#
# - After one infusion, most first responses come between 1 hour and the end of the first day
#   (median {{ trials.describe_time(times_summary["single"]["response_median_h"]) }}). A few
#   patients first respond later in the week or the next, as their natural course or rating
#   error carries them over the line.
# - On citalopram, first responses spread over weeks 1 to 8, with a median near
#   {{ trials.describe_time(times_summary["ssri"]["response_median_h"]) }}; first remissions a
#   little later (median {{ trials.describe_time(times_summary["ssri"]["remission_median_h"]) }}).
# - Late remitters: of the patients in remission at week 14, about
#   {{ times_summary["ssri"]["remission_after_week_8_percent"]:.0f }}% were first in remission at
#   a weekly visit in week 8 or later, where STAR\*D found 40% (SSRI-11). They are the patients
#   whose own course is slow (the natural-course time differs from patient to patient), not a
#   late drug effect: the drug's own gain is mostly there by week 6. STAR\*D also raised the
#   dose of patients not yet in remission, but that is not what the toy is missing: with every
#   virtual patient raised to 40 mg/day at week 4 and 60 at week 6, the share is
#   {{ trials.titration_effect()["titrated"]["late_remitter_percent"]:.0f }}%, because the
#   toy's transporter occupancy is already near its plateau at 20 mg/day. Real patients differ
#   in more ways than the few numbers the toy draws for each one.
# - A patient's first response is not the same as a lasting one: with a score that wanders by a
#   point or two, a patient near the threshold can cross it and cross back.

# %% [markdown]
# ## 4. Placebo and blinding
#
# **Question.** Ketamine is the same drug in every trial. Why does its advantage over placebo
# depend so much on which placebo is used?
#
# Ketamine makes people feel strange during the infusion (dissociation). With
# saline, most patients can tell which arm they are in, so their expectations differ between
# arms: the trial is poorly **blinded**. Midazolam also makes people feel something, so it
# keeps expectations more similar between arms. In the model this is one parameter:
# $x_\mathrm{arm} = 1$ for ketamine and midazolam and $x_\mathrm{inert}$ for saline, so saline
# patients get only a fraction of the expectancy response. In pooled individual-patient data
# (Wilkinson et al. 2019, CLIN-05) 24 h response was 45% with ketamine, 18% with midazolam and
# 1% with saline; a Cochrane review found 46.5% against 25.9% for midazolam (Dean et al. 2021,
# CLIN-07).

# %% [markdown]
# ### Predict first
#
# At 24 h, by how many percentage points will ketamine beat saline, and by how many will it
# beat midazolam? Move the time to one week: which of the two differences shrinks faster?

# %%
panel(placebo_blinding)

# %%
show_sweep(placebo_blinding)

# %%
blinding = {}
for t in (2.0, DAY_H, 7 * DAY_H, 14 * DAY_H):
    b = blinding[t] = trials.blinding_numbers(t)
    print(f"{trials.describe_time(t):>6}: response saline {b['saline']:4.1f}%, midazolam "
          f"{b['midazolam']:4.1f}%, ketamine {b['None']:4.1f}%  ->  ketamine minus saline "
          f"{b['effect_vs_saline']:+5.1f} points, minus midazolam {b['effect_vs_midazolam']:+5.1f}"
          f" ({b['share_kept']:.0%} of the difference against saline)")

# %% [markdown]
# ### What you should have seen
#
# - At 24 h ketamine beats saline by about {{ blinding[DAY_H]["effect_vs_saline"]:.0f }}
#   percentage points but midazolam by only about
#   {{ blinding[DAY_H]["effect_vs_midazolam"]:.0f }}: against an active placebo, about
#   {{ blinding[DAY_H]["share_kept"]:.0% }} of the apparent effect is left. The drug is the
#   same; the comparison changed.
# - The published differences tell the same story: 44 points against saline and 27 against
#   midazolam in Wilkinson et al. (2019), 21 against midazolam in Dean et al. (2021).
# - By day 14 the difference against midazolam has almost gone (the drug effect has faded),
#   while the difference against saline stays large: what is left there is the difference in
#   expectation, not in drug.
# - At 2 h the expectancy response is still building (time constant
#   {{ c.expectancy_onset_tau_h:g }} h), so no placebo patient
#   has reached the response line yet, and both differences are the same.

# %% [markdown]
# ## 5. The model against the published rates
#
# **Question.** Where does the virtual cohort match the trials, and where does it not?
#
# Each row below is computed now from the tests' cohorts (1000 patients, seed 1) and set beside
# the published value from `src/ketamine_moa/data/findings.csv`. "inside" means the model's percentage, rounded,
# lies within the published range; otherwise the distance to the nearest end is given. Several
# rows (day 3, remission after one infusion, late remitters) were *not* used to calibrate the
# toy: they test it.

# %%
comparison = trials.comparison_rows()
markdown_table(["arm", "quantity", "model", "published", "model vs published", "finding",
                "sources"],
               [(r["arm"], r["quantity"], r["model"], r["published"], r["verdict"], r["finding"],
                 "; ".join(f"{s} [doi:{trials.SOURCES[s]}](https://doi.org/{trials.SOURCES[s]})"
                           for s in r["sources"])) for r in comparison])
inside = sum(r["verdict"] == "inside" for r in comparison)
print(f"{inside} of {len(comparison)} comparisons inside the published range")
verdict = {(r["arm"], r["quantity"]): r["verdict"] for r in comparison}
saline_check = next(ch for ch in CHECKS if ch.quantity == "cohort response at 24 h with saline")

# %% [markdown]
# **Reading the table.**
#
# - **Agrees**: the 24 h response with ketamine and with midazolam, six infusions at day 12,
#   citalopram remission at week 8, and the inert tablet at week 8. These
#   were the calibration targets, so agreement here shows the toy *can* be tuned to them, not
#   that it is right.
# - **Overshoots** a little: citalopram remission at week 14
#   ({{ verdict["daily citalopram 20 mg", "remission at week 14"] }} STAR\*D's range) and
#   response at week 14 ({{ verdict["daily citalopram 20 mg", "response at week 14"] }} the
#   published value). The toy's natural course is calibrated to the placebo arms of
#   randomised trials (Furukawa et al. 2016, CLIN-14) and keeps rising after week 8, while
#   most STAR\*D patients had chronic or recurrent depression and other illnesses (Trivedi et
#   al. 2006).
# - **Falls short**: response at day 3 and day 7
#   ({{ verdict["one ketamine infusion", "response at day 3"] }} and
#   {{ verdict["one ketamine infusion", "response at day 7"] }} the published values): the toy
#   loses the drug effect faster than the pooled trials.
# - **Wrong shape**: remission after one infusion. In the pooled trials remission *rose* from
#   24 h to day 7 (Han et al. 2016); in the toy it falls, because the toy's remission follows
#   the same fading drug effect as its response.
# - **Fewer late remitters** than STAR\*D on citalopram (see section 3).
# - Saline: the toy gives {{ rate("single", "response", DAY_H, "saline"):.0f }}% where the
#   pooled model gave 1% (Wilkinson et al. 2019, CLIN-05),
#   {{ verdict["inert placebo (saline drip)", "response at 24 h"] }}, a difference that the
#   scorecard accepts (it allows up to {{ saline_check.high:.0% }}).

# %% [markdown]
# ## 6. The scorecard
#
# **Question.** Across the whole package, which published findings does the model reproduce?
#
# Every finding in `src/ketamine_moa/data/findings.csv` names the tests that check it. The scorecard measures one
# headline quantity per finding with the package, compares it with the accepted range, and
# reports pass, FAIL or "open miss" (a known miss, with its reason printed below the table: the
# model does not reproduce that finding yet, and says why). It is made by `ketamine_moa.scorecard.scorecard()`, the same function
# `tests/test_scorecard.py` runs; the test suite fails if any row fails (an open miss that
# starts to pass fails too, so its mark is removed) or if a tested finding
# has no row. The detailed tests named in the findings file check more than this one number.
# The SSRI-03 row uses an 8-week cohort and section 5 a 14-week one; with the same seed the
# patients are the same whatever the follow-up, so their week-8 values agree.

# %%
rows = scorecard()


def shown(value: float) -> str:
    return "0" if abs(value) < 5e-4 else f"{value:.3g}"


ampa_ratio = next(r.model_value for r in rows if r.finding_id == "AMPA-01")
markdown_table(["finding", "model quantity", "model", "unit", "published", "accepted",
                "result", "source"],
               [(r.finding_id, r.quantity, shown(r.model_value), display_unit(r.unit),
                 r.published, r.accepted,
                 {"pass": "pass", "open": "open miss", "FAIL": "**FAIL**"}[r.result],
                 source_link(r.reference, r.doi))
                for r in rows])
tested = [fid for fid, row in findings().items() if row["test"].strip()]
for r in rows:
    if r.result == "open":
        print(f"open miss {r.finding_id} (model {shown(r.model_value)}, published {r.published}):"
              f" {r.open}")
print(f"{sum(r.passed for r in rows)} of {len(rows)} checks pass, "
      f"{sum(r.result == 'open' for r in rows)} open misses "
      f"({len(tested)} of {len(findings())} findings in src/ketamine_moa/data/findings.csv have tests; "
      f"{len(rows)} scorecard rows)")

# %% [markdown]
# **Reading the scorecard.** "published" is the value or description from the source;
# "accepted" is the range the test allows, chosen when the finding was added and often wider
# than the published uncertainty. Ratios compare a run with an intervention against one
# without (for example, {{ shown(ampa_ratio) }} for AMPA-01 means the AMPA block removed all of
# the 24 h spine gain).
# A pass means the toy can reproduce that one summary, with the model's parameters as they are;
# it is not evidence that the mechanism is right. Section 5 shows rows that the scorecard does
# not test and where the toy falls short.

# %% [markdown]
# ## Exercises

# %% [markdown]
# ### Exercise 1: what if patients expected half as much?
#
# Part of every patient's improvement is the expectancy response (mean
# `expectancy_mean_fraction`, {{ c.expectancy_mean_fraction:g }} of the baseline score; section 1).
# Draw the one-infusion cohort with half of it:
# `virtual_cohort(single_infusion(), n_patients=1000, seed=1, t_end_h=24.0, params=...)` with
# `params={"expectancy_mean_fraction": ...}`, and give its response rate at 24 h
# (`response_half_expectancy`, a fraction 0–1; `cohort.response_rate(24.0)`). Draw the same
# cohort without `params` to compare. Before you run it, guess: does the response rate fall by a little
# or by a lot?
#
# *Expected result:* the response rate falls steeply, by far more than a few points: many
# patients sit just past the response line only with their expectancy added. This is why the control arm (section 4) matters so much.

# %% tags=["solution"] answer={"response_half_expectancy": 0.03} hint="Pass params={\"expectancy_mean_fraction\": c.expectancy_mean_fraction / 2} with seed=1, n_patients=1000 and t_end_h=24.0; response_rate(24.0) is a fraction (0-1), not a percentage."
half_mean = c.expectancy_mean_fraction / 2
half_expectancy = virtual_cohort(single_infusion(), n_patients=1000, seed=1, t_end_h=24.0,
                                 params={"expectancy_mean_fraction": half_mean})
default_cohort = virtual_cohort(single_infusion(), n_patients=1000, seed=1, t_end_h=24.0)
response_half_expectancy = half_expectancy.response_rate(24.0)
print(f"24 h response: {response_half_expectancy:.1%} with half the expectancy, "
      f"{default_cohort.response_rate(24.0):.1%} with the calibrated expectancy")

# %% [markdown]
# ### Exercise 2: how much is chance?
#
# Draw one-infusion cohorts of 1000 patients with seeds 1 to 8 (use
# `virtual_cohort(single_infusion(), n_patients=1000, seed=..., t_end_h=24.0)`) and compute the
# 24 h response rate of each. How much do the rates move (standard deviation across seeds,
# `sd_1000`, as a fraction: `np.std(rates, ddof=1)`)? Then split each cohort into ten groups of
# 100 patients (a `Cohort` made from a slice of `scores` and `baselines`; see `help(Cohort)`)
# and do the same for the groups (`sd_100`). Compare both spreads with the one
# expected from sampling alone, $\sqrt{p(1-p)/n}$.
#
# *Expected result:* both spreads come out close to the sampling formula: about
# {{ 100 * np.sqrt(p_24h * (1 - p_24h) / 1000):.1f }}
# percentage points (SD) with 1000 patients and
# {{ 100 * np.sqrt(p_24h * (1 - p_24h) / 100):.1f }}
# with 100. A difference of a few points between two trials of 100 patients can be chance alone.

# %% tags=["solution"] answer={"sd_1000": 0.03, "sd_100": 0.03} hint="Use seeds 1 to 8 (range(1, 9)) and the standard deviation with ddof=1 of the 24 h response rates, as fractions (0-1), not percentage points; the groups of 100 are the ten consecutive slices of each cohort's rows."
cohorts = [virtual_cohort(single_infusion(), n_patients=1000, seed=seed, t_end_h=24.0)
           for seed in range(1, 9)]
groups = [Cohort(t_h=c.t_h, scores=c.scores[i:i + 100], baselines=c.baselines[i:i + 100],
                 control=None, seed=c.seed)
          for c in cohorts for i in range(0, 1000, 100)]
spread = {}
for n, arms in ((1000, cohorts), (100, groups)):
    rates = np.array([arm.response_rate(24.0) for arm in arms])
    p = rates.mean()
    s = spread[n] = {"low": rates.min(), "high": rates.max(), "sd": rates.std(ddof=1),
                     "formula": np.sqrt(p * (1 - p) / n)}
    print(f"{n:>5} patients ({len(arms)} cohorts): 24 h response "
          f"{100 * s['low']:.1f}-{100 * s['high']:.1f}%, SD {100 * s['sd']:.1f} "
          f"points; sampling formula {100 * s['formula']:.1f} points")
sd_1000, sd_100 = spread[1000]["sd"], spread[100]["sd"]

# %% [markdown]
# ### Exercise 3: explain it in a sentence: why do small trials disagree?
#
# In Exercise 2 every cohort gets the same drug and the same model, yet the 24 h response rate
# of groups of 100 patients moves by several points from group to group. Write one sentence
# that explains why, then pick the option closest to it:
#
# - (a) The model gives the drug a random strength in each run.
# - (b) Which patients happen to be drawn changes the count of responders; the spread of a
#   share shrinks only with the square root of the group size.
# - (c) The larger cohorts are given a larger dose.
# - (d) The rating error is larger in small groups.
#
# *Expected result:* one letter in `choice_08`, and a sentence that says what varies from
# draw to draw and how the spread depends on the number of patients.

# %% tags=["solution"] answer={"choice_08": 0.01} options={"a": "No: the mechanism and the dose are the same in every cohort; only the drawn patients differ.", "b": "Yes: sampling alone gives a standard deviation of sqrt(p(1 - p) / n), so ten times more patients only shrink it about three times.", "c": "No: every cohort gets the same single infusion.", "d": "No: each patient's rating error has the same size whatever the group; what differs is how many patients are averaged."} hint="Compare the measured spreads with the sampling formula sqrt(p(1 - p) / n) of Exercise 2: what does n do to it?"
# Sampling chance: the spread falls as one over the square root of n.
choice_08 = "b"
print(f"SD of the 24 h response: {100 * sd_100:.1f} points with 100 patients, "
      f"{100 * sd_1000:.1f} with 1000")

# %% [markdown]
# ## Summary
#
# - A virtual cohort turns the single mechanism into many patients by varying four things:
#   plasticity responsiveness, expectancy, natural course and baseline severity, plus a
#   wandering rating error. Response (score halved) and remission
#   (score ≤ {{ REMISSION_POINTS:g }}) are then counted
#   as in trials.
# - A cohort's mean course can sit on the response line while only about
#   {{ ketamine_24h["near_mean_percent"]:.0f }}% of patients are near it: an average describes
#   the cohort, not a person.
# - One ketamine infusion: most first responses come within hours, the response rate peaks
#   near 24 h and falls over the week. Daily citalopram: first responses spread over weeks,
#   and remission reaches about {{ rate("ssri", "remission", 8 * WEEK_H):.0f }}% by week 8 and
#   {{ rate("ssri", "remission", 14 * WEEK_H):.0f }}% by week 14.
# - The control arm decides the apparent effect: against an active placebo (midazolam), about
#   {{ blinding[DAY_H]["share_kept"]:.0% }} of the difference seen against saline is left.
# - The scorecard checks one quantity per published finding with the same code as the tests;
#   every row passes. The toy falls short on response at days 3–7, on the rise of remission
#   after one infusion, and on the share of late SSRI remitters.

# %% [markdown]
# ## What this model leaves out
#
# - **Real heterogeneity.** People differ in diagnosis, history, other illnesses, other
#   medicines and genes. The toy varies one plasticity responsiveness, an expectancy response
#   and a natural course, and nothing else; everyone has the same pharmacokinetics.
# - **Dose changes and switching.** STAR\*D raised the citalopram dose when patients had not
#   improved enough, and trials let patients stop or switch. The toy gives everyone one fixed
#   regimen, which is one reason it has fewer late remitters than STAR\*D.
# - **Dropouts.** Real trials lose patients (side effects, no benefit, other reasons) and
#   analyse them in different ways; every virtual patient stays to the end.
# - **Rating scales.** Trials use different scales (HAM-D, MADRS, QIDS-SR), with different
#   remission cut-offs; STAR\*D itself reports 28% on one and 33% on another (Trivedi et al.
#   2006, SSRI-03). The toy has one
#   MADRS-like score with one remission threshold.
# - **Calibration targets from different populations.** The targets are summaries from
#   different trials: treatment-resistant patients for ketamine, a broad outpatient population
#   for citalopram, different durations and designs. One set of parameters matching all of them
#   is a convenience, not a finding.
# - **Placebo is a few simple curves.** Expectancy and natural course are smooth curves, and the
#   natural course has one mean for treatment-resistant trials and one for trials of
#   depression at large. The toy's inert tablet is tested against the placebo response of
#   antidepressant trials (CLIN-14, Furukawa et al. 2016), but nothing tests whether its
#   mixture of expectancy, natural course and regression to the mean is right.
# - **A virtual patient is not a prediction.** The cohort reproduces trial summaries; it says
#   nothing about how any real person would respond to any treatment.
#
# **Competing accounts.** How much of ketamine's early advantage is drug and how much is
# unblinding is debated: Wilkinson et al. (2019) found that the choice of placebo changes the
# estimate a great deal. Dissociation during the infusion goes with more improvement later
# (Luckenbaugh et al. 2014, CLIN-12), which can be read as a sign that the drug is acting or as a
# cue that feeds expectancy. The toy encodes one reading (a plasticity-driven drug effect plus an
# expectancy response cued by any psychoactive experience); it cannot tell the readings apart.

# %% [markdown]
# ## References
#
# - Dean et al. (2021). Ketamine and other glutamate receptor modulators for depression in
#   adults with unipolar major depressive disorder. *Cochrane Database Syst Rev* CD011612.
#   [doi:10.1002/14651858.CD011612.pub3](https://doi.org/10.1002/14651858.CD011612.pub3)
# - Furukawa et al. (2016). Placebo response rates in antidepressant trials. *Lancet Psychiatry*
#   3:1059–1066. [doi:10.1016/S2215-0366(16)30307-8](https://doi.org/10.1016/S2215-0366(16)30307-8)
# - Han et al. (2016). *Neuropsychiatr Dis Treat* 12:2859–2867. [doi:10.2147/NDT.S117146](https://doi.org/10.2147/NDT.S117146)
# - Invited commentary on Jones et al. (2021), placebo response in treatment-resistant
#   depression. *JAMA Netw Open* 4:e2127952. [doi:10.1001/jamanetworkopen.2021.27952](https://doi.org/10.1001/jamanetworkopen.2021.27952)
# - Kishimoto et al. (2016). *Psychol Med* 46:1459–1472. [doi:10.1017/S0033291716000064](https://doi.org/10.1017/S0033291716000064)
# - Luckenbaugh et al. (2014). *J Affect Disord* 159:56–61. [doi:10.1016/j.jad.2014.02.017](https://doi.org/10.1016/j.jad.2014.02.017)
# - Murrough et al. (2013). *Biol Psychiatry* 74:250–256. [doi:10.1016/j.biopsych.2012.06.022](https://doi.org/10.1016/j.biopsych.2012.06.022)
# - Phillips et al. (2019). *Am J Psychiatry* 176:401–409. [doi:10.1176/appi.ajp.2018.18070834](https://doi.org/10.1176/appi.ajp.2018.18070834)
# - Trivedi et al. (2006). *Am J Psychiatry* 163:28–40. [doi:10.1176/appi.ajp.163.1.28](https://doi.org/10.1176/appi.ajp.163.1.28)
# - Wilkinson et al. (2019). *Neuropsychopharmacology* 44:1233–1238. [doi:10.1038/s41386-019-0317-8](https://doi.org/10.1038/s41386-019-0317-8)
#
# The scorecard in section 6 lists the source and DOI of every other finding.

# %% [markdown]
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.
