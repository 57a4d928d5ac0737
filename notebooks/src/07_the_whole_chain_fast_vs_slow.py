# %% [markdown]
# # The whole chain: fast vs slow
#
# Notebook 01 ended on a puzzle: one ketamine infusion is almost gone from the blood by the
# next morning, yet the benefit is largest on that day and lasts about a week. The notebooks
# since then followed the chain one step at a time: the NMDA block (02), the glutamate surge
# (03), BDNF release (04), mTORC1 and new spines (05), and the slow SSRI branch (06). Here we
# put every stage of both drugs on one time axis, from one minute to twelve weeks. That view
# resolves the puzzle: the drug is a brief trigger, and two states it leaves behind carry the
# effect. It also shows why a daily SSRI takes weeks. We then compare five regimens taken
# from the published studies: one infusion, a six-infusion series, the series with weekly
# boosters, daily citalopram, and citalopram with the series.

# %% [markdown]
# ## Learning objectives
#
# *Estimated time: about 45 minutes.*
#
# By the end you should be able to:
#
# 1. place every stage of the ketamine and the citalopram chains on one log-time axis and read
#    off when each reaches half of its peak;
# 2. resolve the puzzle from notebook 01: say which state carries the improvement 6 h, 1 day
#    and 7 days after one infusion, and why it outlasts the drug;
# 3. compare five study regimens: why a series builds beyond one infusion, how fast it
#    fades, what one infusion a week holds, and what happens when both drugs are combined;
# 4. explain why the time course alone cannot tell the two accounts of the SSRI delay apart.
#
# > **Educational use only.** This notebook explains mechanisms with simplified models. It
# > is not medical advice and gives no dosing recommendations. The regimens are the designs
# > used in the cited studies, simulated as references; none is a recommendation.

# %% [markdown]
# ## How to use this notebook
#
# - **Running it** (JupyterLab, *Run → Run All Cells*): each demo has a menu. Write your
#   prediction down first, then change the menu and check.
# - **Reading it without a kernel** (nbviewer, GitHub): the menus do not work there. The
#   picture under each demo shows its default setting, and the **static figure below it**
#   shows every setting at once.
# - Exercises have worked solutions in cells tagged `solution`. Try them before you look.
#
# Every number comes from the `ketamine_moa` package and its cited parameter file
# `src/ketamine_moa/data/parameters.csv`; this notebook has no model code of its own.

# %% [markdown]
# ## Setup

# %%
import re

import numpy as np
from IPython.display import Markdown, display

from ketamine_moa import model_parameters, parameter_table, sensitivity, simulate
from ketamine_moa.demos import whole_chain as wc
from ketamine_moa.demos.whole_chain import five_regimens, puzzle_solved
from ketamine_moa.plotting import use_house_style
from ketamine_moa.readouts import (fade_time_h, format_duration, half_peak_time_h, improvement, peak,
                                   window_mean)
from ketamine_moa.widgets import panel, show_figure, show_sweep

use_house_style()
mp = model_parameters()
baseline_score = mp.symptoms.baseline_score_points
DAY_H, WEEK_H = wc.DAY_H, wc.WEEK_H

# %% [markdown]
# ## 1. Every stage on one time axis
#
# **Question.** How long does each stage of each drug take to respond, and where along the
# chain does citalopram lose its weeks?
#
# **The model.** Most stages of the toy are first-order steps: a stage $x$ follows its input
# $u$ with a time constant $\tau$,
#
# $$\tau \, \frac{dx}{dt} = u(t) - x .$$
#
# To a *sustained* input such a step rises to half of its final value after $\tau \ln 2$, and
# steps in series add their delays. To a *brief* input (much shorter than $\tau$) it responds
# with a small, late bump that decays over about $\tau$. Ketamine gives the chain a brief
# input: plasma lasts hours. Citalopram gives a sustained one: a tablet a day keeps most of
# the serotonin transporters (SERT) occupied. The two branches meet at TrkB, so they
# share the slow steps after it (notebooks 05 and 06). The time constants of the slow steps,
# read from `src/ketamine_moa/data/parameters.csv` (value, unit, source):

# %%
SLOW_STEPS = ("mtorc1_tau_h", "protein_tau_h", "potentiation_tau_h", "spine_maturation_tau_h",
              "spine_decay_tau_h", "citalopram_half_life_h", "autoreceptor_desensitisation_tau_h",
              "bdnf_transcription_tau_h", "neuron_maturation_tau_h")
table = parameter_table()
for name in SLOW_STEPS:
    row = table[name]
    first_source = re.match(r".*?(19|20)\d\d", row.reference).group(0)  # authors and year
    print(f"{name:<36} {row.value:>5g} {row.unit:<2}  {first_source:<28} {row.doi}")

# %% [markdown]
# The figure below runs one research-trial infusion of ketamine (0.5 mg/kg IV over 40 min)
# and twelve weeks of citalopram 20 mg a day, and draws every stage. Each stage has its own
# band: the grey line is its level before the first dose, and each curve reaches the top of
# the band at its **own** largest change. You compare shapes and timing, not sizes. A
# circle (ketamine) or square (citalopram) marks when the stage first reaches half of its
# peak change.

# %%
show_figure(wc.every_stage_figure(), wc.every_stage_alt_text(), wc.EVERY_STAGE_FILE,
            caption="Every stage of both drugs, each scaled to its own peak, on one log-time "
                    "axis.")

# %% [markdown]
# The times of the markers, and how big the TrkB signal is in each branch:

# %%
print(f"{'stage':<48} {'ketamine':>10} {'citalopram':>11}")
for stage, ketamine_h, citalopram_h in wc.stage_half_times():
    cells = ["—" if h is None else format_duration(h) for h in (ketamine_h, citalopram_h)]
    print(f"{stage:<48} {cells[0]:>10} {cells[1]:>11}")
trkb_rise = {}  # regimen -> largest TrkB rise (fraction above baseline)
for regimen, label in [("single", "ketamine"), ("ssri", "citalopram")]:
    trkb_top, at_h = peak(wc.regimen_run(regimen), "trkb_activation_rel")
    trkb_rise[regimen] = trkb_top - 1
    print(f"largest TrkB rise, {label}: +{100 * trkb_rise[regimen]:.2f}% at {format_duration(at_h)}")
ssri_run = wc.regimen_run("ssri")
week_1 = (ssri_run.t_h >= 6 * DAY_H) & (ssri_run.t_h < 7 * DAY_H)
week_4 = (ssri_run.t_h >= 27 * DAY_H) & (ssri_run.t_h < 28 * DAY_H)
sert_day_7 = ssri_run["sert_occupancy"][week_1].mean()
print(f"citalopram: mean SERT occupancy {sert_day_7:.0%} on day 7, "
      f"{ssri_run['sert_occupancy'][week_4].mean():.0%} on day 28")

# %% [markdown]
# **Reading the figure.**
#
# - **Ketamine** runs through the whole chain in about a day: every stage up to potentiation
#   reaches half its peak within the first hour, the spines within a day, and the
#   improvement within the first hour, carried at first by potentiation. Its TrkB signal is
#   large (tens of percent) and short: it peaks before the 40-minute infusion has ended and
#   is gone within a couple of hours, because the circuit adapts (notebook 03).
# - **Citalopram** reaches its target within the first hour (SERT occupancy is half of its
#   plateau after the first tablet, and near {{ sert_day_7:.0% }} from the first week on) and its plasma
#   level within about a day. The delay comes later in the chain. The 5-HT1A autoreceptors
#   take days to desensitise, serotonin at the terminals climbs over days, and
#   transcription-driven BDNF takes more than a week (Nibuya et al. 1995). Its TrkB rise is
#   about 1/{{ trkb_rise['single'] / trkb_rise['ssri']:.0f }} of ketamine's, but it never stops, and it nears its plateau
#   while BDNF expression is still climbing (the toy's coupling saturates, notebook 06). The
#   spines build up from the protein this steady signal sustains (no burst threshold on this
#   route), so they follow over days: the improvement reaches half after about
#   {{ half_peak_time_h(ssri_run, "improvement") / DAY_H:.0f }} days.
# - New hippocampal neurons come last (Santarelli et al. 2003); the toy keeps them out of the
#   score, but they are one more reason the SSRI story is told in weeks.
# - **Why glutamate is half-way before the NMDA block is.** Each row of the table measures a
#   stage against its **own** peak, not against the stage before it. The block follows the
#   plasma level and peaks when the infusion ends
#   ({{ format_duration(peak(wc.regimen_run('single'), 'nmda_block_interneuron')[1]) }}), so
#   it is half-way only at {{ format_duration(half_peak_time_h(wc.regimen_run('single'), 'nmda_block_interneuron')) }}.
#   The glutamate surge is cut short by the circuit's adaptation (notebook 03): it peaks
#   earlier ({{ format_duration(peak(wc.regimen_run('single'), 'glutamate_rel')[1]) }}), so
#   half of *its* own peak is reached at {{ format_duration(half_peak_time_h(wc.regimen_run('single'), 'glutamate_rel')) }},
#   while the block is still rising. An earlier half-way time does not mean that glutamate
#   moves before its cause.

# %% [markdown]
# ## 2. The puzzle solved
#
# **Question.** If ketamine leaves the blood within hours, what carries the benefit for days?
#
# Restating the puzzle from notebook 01 with this model:

# %%
single = wc.regimen_run("single")
plasma = single["ketamine_plasma_uM"]
gain_peak, gain_peak_h = peak(single, "improvement")
at_24h = single.at("ketamine_plasma_uM", 24.0)
print(f"plasma peak {plasma.max():.2f} µM; at 24 h {1000 * at_24h:.1f} nM "
      f"= {100 * at_24h / plasma.max():.2f}% of the peak")
print(f"improvement peaks at {gain_peak:.1f} points, "
      f"{gain_peak_h / DAY_H:.1f} days after the infusion")

# %% [markdown]
# **The model.** The score (MADRS-like points, lower is better) falls by a fast part carried
# by potentiation of existing synapses and a slow part carried by new spines (notebook 05):
#
# $$\text{improvement}(t) = \text{baseline} - \text{score}(t)
#   = g_\mathrm{fast}\,\mathrm{Pot}(t) + g_\mathrm{slow}\,(S(t) - 1).$$
#
# We split the improvement without touching these equations: the **fast part** is the
# improvement of a run in which no new spines can form (`spine_formation_block` = 1, which
# leaves potentiation unchanged), and the **slow part** is what the spines add on top.
#
# | parameter | value | unit | source |
# |---|---|---|---|
# | baseline score | {{ mp.symptoms.baseline_score_points:g }} | points | toy; Kishimoto et al. 2016, [doi:10.1017/S0033291716000064](https://doi.org/10.1017/S0033291716000064) |
# | fast gain, $g_\mathrm{fast}$ | {{ mp.symptoms.fast_gain_points:g }} | points | toy; Kishimoto et al. 2016 |
# | slow gain, $g_\mathrm{slow}$ | {{ mp.symptoms.slow_gain_points:g }} | points | toy; Moda-Sava et al. 2019, [doi:10.1126/science.aat8078](https://doi.org/10.1126/science.aat8078) |
# | potentiation decay, $\tau_\mathrm{pot}$ | {{ mp.plasticity.potentiation_tau_h:g }} | h | toy; Moda-Sava et al. 2019 |
# | spine elimination, $\tau_\mathrm{spine}$ | {{ mp.plasticity.spine_decay_tau_h:g }} | h | toy; Phoumthipphavong et al. 2016, [doi:10.1523/ENEURO.0133-15.2016](https://doi.org/10.1523/ENEURO.0133-15.2016) |

# %% [markdown]
# ### Predict first
#
# For one infusion, which state carries most of the improvement at **6 h**, at **1 day** and
# at **7 days**: the drug in the blood, the potentiation of existing synapses, or new spines?
# Roughly what share comes from the spines at each time?

# %%
panel(puzzle_solved)

# %%
show_sweep(puzzle_solved)

# %% [markdown]
# The numbers behind the figure:

# %%
puzzle = {}  # hours -> the numbers of wc.puzzle_numbers
print("time      plasma   potentiation  spines  improvement  from potentiation  from spines")
print("        (% peak)      (% peak)     (%)     (points)      (points)       (points, share)")
for label, hours in [("1 h", 1.0), ("6 h", 6.0), ("1 day", 24.0), ("3 days", 72.0),
                     ("7 days", 168.0), ("10 days", 240.0), ("12 days", 288.0)]:
    n = puzzle[hours] = wc.puzzle_numbers(hours)
    plasma_left = f"{n['plasma_pct_of_peak']:.2g}" if n["plasma_pct_of_peak"] >= 0.01 else "<0.01"
    print(f"{label:<8} {plasma_left:>8} {n['potentiation_pct_of_peak']:11.0f} "
          f"{n['spine_gain_pct']:9.1f} {n['improvement']:10.1f} {n['from_potentiation']:13.1f} "
          f"{n['from_spines']:13.1f} ({n['share_from_spines']:4.0%})")
tail_points = window_mean(single, "improvement", 10 * DAY_H, 12 * DAY_H)
print(f"mean improvement over days 10-12: {tail_points:.1f} points")

# %% [markdown]
# ### What you should have seen
#
# - **At 6 h** about {{ puzzle[6.0]['plasma_pct_of_peak']:.0f }}% of the peak plasma level is left, and the improvement is
#   carried mostly by **potentiation** (the spines' share is {{ puzzle[6.0]['share_from_spines']:.0% }}); they have only started to
#   grow.
# - **At 1 day** the drug is essentially gone ({{ puzzle[24.0]['plasma_pct_of_peak']:.2f }}% of its peak), potentiation has fallen to
#   {{ puzzle[24.0]['potentiation_pct_of_peak']:.0f }}% of its peak, and **new spines** carry about {{ puzzle[24.0]['share_from_spines']:.0% }} of the improvement, which is at
#   its largest.
# - **At 7 days** there is no drug and no potentiation left: the whole remaining improvement,
#   about {{ puzzle[168.0]['improvement']:.0f }} points, is carried by the extra spines, which are removed only at the slow normal
#   rate.
# - So the puzzle resolves like this. The drug is a **trigger**: it acts for a few hours and
#   leaves behind two states that outlast it. Potentiation lasts hours to days and carries the
#   onset; new spines last days to about two weeks and carry the maintenance (Moda-Sava et al.
#   2019). Nothing in the toy needs the drug to be present after the first few hours.
# - The toy still has about {{ tail_points:.0f }} points left at days 10–12, when the trials no longer separate
#   ketamine from placebo (Kishimoto et al. 2016); its tail is a little too long.

# %% [markdown]
# ## 3. Five regimens over twelve weeks
#
# **Question.** What do repeated infusions, weekly boosters, a daily SSRI and both together do
# to the time course of the improvement?
#
# **The model.** The same `simulate` call, with the regimens of the cited studies (research
# designs, simulated as references):
#
# | regimen | doses | source |
# |---|---|---|
# | one infusion | ketamine 0.5 mg/kg IV over 40 min, day 0 | Zarate et al. 2006, [doi:10.1001/archpsyc.63.8.856](https://doi.org/10.1001/archpsyc.63.8.856) |
# | 6-infusion series | the same infusion on days 0, 2, 4, 7, 9 and 11 | Murrough et al. 2013, [doi:10.1016/j.biopsych.2012.06.022](https://doi.org/10.1016/j.biopsych.2012.06.022); Phillips et al. 2019, [doi:10.1176/appi.ajp.2018.18070834](https://doi.org/10.1176/appi.ajp.2018.18070834) |
# | series + weekly boosters | the series, then one infusion a week from day 18 | weekly maintenance as in Phillips et al. 2019 (the start day is the toy's choice) |
# | daily citalopram | 20 mg by mouth once a day | Meyer et al. 2001, [doi:10.1176/appi.ajp.158.11.1843](https://doi.org/10.1176/appi.ajp.158.11.1843); Trivedi et al. 2006, [doi:10.1176/appi.ajp.163.1.28](https://doi.org/10.1176/appi.ajp.163.1.28) |
# | citalopram + series | both of the above from day 0 | toy combination (one shared synaptic state) |
#
# The two drugs feed the same TrkB → mTORC1 → proteins → spines chain and one score, so in
# the toy their effects add up in the shared synaptic state, capped by the healthy spine
# density.

# %% [markdown]
# ### Predict first
#
# Rank the five regimens by how fast the improvement starts, and by how much is left at
# week 12. How far does the series fall between the last infusion (day 11) and day 18? Where
# will citalopram plus the series end up: above the citalopram plateau, on it, or below it?

# %%
panel(five_regimens)

# %%
show_sweep(five_regimens)

# %% [markdown]
# The numbers behind the figure (peak, time to half of it, and the mean improvement over
# week 12, which smooths the daily and weekly swings):

# %%
print(f"{'regimen':<26} {'peak (points)':>13} {'on day':>7} {'half of peak by':>16} "
      f"{'week-12 mean (points)':>22}")
summary = {}  # regimen -> peak, its day, time to half of it (h), week-12 mean
for regimen, (label, _, _) in wc.REGIMENS.items():
    s = summary[regimen] = wc.regimen_summary(regimen)
    print(f"{label:<26} {s['peak']:13.1f} {s['peak_day']:7.1f} {format_duration(s['half_h']):>16} "
          f"{round(s['week12_mean'], 1) + 0.0:22.1f}")
series_run = wc.regimen_run("series")
left_day18 = float(np.interp(18 * DAY_H, series_run.t_h, improvement(series_run)))
left_share_day18 = left_day18 / peak(series_run, "improvement")[0]
print(f"series: {left_day18:.1f} points left on day 18, one week after the last infusion "
      f"({left_share_day18:.0%} of its peak)")
mixed = wc.regimen_run("ssri+series")
between = (mixed.t_h >= 14 * DAY_H) & (mixed.t_h <= 42 * DAY_H)
dip = int(np.argmin(improvement(mixed)[between]))
dip_points, dip_day = improvement(mixed)[between][dip], mixed.t_h[between][dip] / DAY_H
print(f"citalopram + series: lowest {dip_points:.1f} points between "
      f"weeks 2 and 6, on day {dip_day:.0f}")
mixed_vs_sum = {}  # day -> (citalopram + series) / (series alone + citalopram alone)
for day in (14, 35):
    alone = {r: float(np.interp(day * DAY_H, wc.regimen_run(r).t_h,
                                improvement(wc.regimen_run(r))))
             for r in ("series", "ssri", "ssri+series")}
    mixed_vs_sum[day] = alone["ssri+series"] / (alone["series"] + alone["ssri"])
    print(f"day {day}: citalopram + series {alone['ssri+series']:.1f} points; series alone "
          f"{alone['series']:.1f} + citalopram alone {alone['ssri']:.1f} = "
          f"{alone['series'] + alone['ssri']:.1f}")
series_fade_days = {0.5: (fade_time_h(series_run, 0.5) - 11 * DAY_H) / DAY_H}
series_left_week12 = improvement(series_run)[-1] / peak(series_run, "improvement")[0]
boosted = wc.regimen_run("series+boosters")
first_week_after = window_mean(boosted, "improvement", 11 * DAY_H, 18 * DAY_H)
booster_weeks = [window_mean(boosted, "improvement", (18 + 7 * k) * DAY_H, (25 + 7 * k) * DAY_H)
                 for k in range(9)]
booster_range = (min(booster_weeks) / first_week_after, max(booster_weeks) / first_week_after)
print(f"series: below half its peak {series_fade_days[0.5]:.1f} days after the last infusion")
one_run = wc.regimen_run("single")
stable_share_single = ((one_run["stable_spine_density_rel"].max() - 1)
                       / (one_run["spine_density_rel"].max() - 1))
stable_share_series = ((series_run["stable_spine_density_rel"].max() - 1)
                       / (series_run["spine_density_rel"].max() - 1))
boost_week12 = window_mean(boosted, "improvement", 11 * WEEK_H, 12 * WEEK_H)
series_second_week = window_mean(series_run, "improvement", 7 * DAY_H, 14 * DAY_H)
series_peak_points = peak(series_run, "improvement")[0]
print(f"consolidated share of the peak spine gain: one infusion {stable_share_single:.1%}, "
      f"series {stable_share_series:.0%}")
print(f"boosters: weekly means {min(booster_weeks):.1f}-{max(booster_weeks):.1f} points against "
      f"{first_week_after:.1f} in the week after the series "
      f"({booster_range[0]:.0%}-{booster_range[1]:.0%})")

# %% [markdown]
# ### What you should have seen
#
# - **One infusion** reaches half of its peak within the first hour and peaks at about {{ summary['single']['peak']:.0f }}
#   points on day {{ summary['single']['peak_day']:.0f }}; nothing is left by week 12.
# - **The series** builds: each infusion adds potentiation on top of the spines the previous
#   ones left, so it peaks at about {{ summary['series']['peak']:.0f }} points just after the last infusion, about twice one
#   infusion (Phillips et al. 2019 found six infusions doubled the response rate of one).
#   Without more infusions it fades over weeks: a week after the last one {{ left_share_day18:.0% }} of the peak
#   is left, and it falls below half about {{ series_fade_days[0.5]:.0f }} days after the last
#   infusion (Murrough et al. 2013: median relapse 18 days after the last infusion). In the toy
#   that is because repeated infusions *consolidate* new spines (an assumption, explained
#   below), while one infusion leaves mostly labile spines that are lost within two weeks.
# - **Weekly boosters hold the gain**: the weekly mean stays between
#   {{ booster_range[0]:.0% }} and {{ booster_range[1]:.0% }} of the mean of the first week after
#   the series, a saw-tooth around a level plateau. Phillips et al. (2019) likewise saw no
#   further change in MADRS during weekly maintenance (Exercise 3).
# - **Daily citalopram** reaches half of its maximal improvement only after about {{ summary['ssri']['half_h'] / DAY_H:.0f }} days
#   and levels off at about {{ summary['ssri']['week12_mean']:.0f }} points.
# - **Citalopram + series** starts as fast as the series and ends on the citalopram plateau.
#   In between it dips to about {{ dip_points:.0f }} points around day {{ dip_day:.0f }}, as the series fades before the SSRI
#   has built up. The two drugs share one synaptic state, so their effects do not simply add:
#   on day 14 the combination gives {{ mixed_vs_sum[14]:.0% }} of the sum of the two alone and on
#   day 35 {{ mixed_vs_sum[35]:.0% }}, because new spines of both drugs share one ceiling (the
#   healthy spine density).

# %% [markdown]
# **Why a series lasts longer than one infusion (an assumption of this toy).** New spines are
# labile at first and are lost again within days. In the toy, a labile spine becomes stable
# when the TrkB burst of a *later* infusion, with protein synthesis, meets it. This borrows
# from "synaptic tagging and capture": late, protein-synthesis-dependent potentiation at a
# synapse that was tagged earlier (Frey & Morris 1997), and from the selective stabilisation
# of new spines that later training re-uses (Xu et al. 2009). One infusion's own TrkB burst is
# over before its new spines exist, so it consolidates almost nothing:
# {{ stable_share_single:.1% }} of its peak spine gain, against
# {{ stable_share_series:.0% }} after the series. What is measured: relapse about 18 days after
# a series (Murrough et al. 2013) and a stable response during weekly maintenance (Phillips et
# al. 2019). What is assumed: that consolidated spines carry it, and how fast they are lost
# (a toy lifetime of {{ mp.plasticity.stable_spine_decay_tau_h / DAY_H:.0f }} days, fitted to
# those two observations; no one has measured this in people).

# %% [markdown]
# ## 4. What if the SSRI is slow for another reason?
#
# Notebook 06 compares two accounts of the SSRI delay: slow desensitisation of the 5-HT1A
# autoreceptors (the default), or another slow adaptation that the autoreceptors do not gate
# (`ssri_hypothesis="slow_plasticity"`; Commons & Linnros 2019). Does the choice change
# anything in this notebook? And what does a pindolol-like autoreceptor block do under each?

# %%
runs = {}
for hypothesis in ("autoreceptor", "slow_plasticity"):
    runs[hypothesis, 0.0] = wc.regimen_run("ssri", hypothesis)  # cached 12-week run
    runs[hypothesis, 1.0] = simulate(wc.regimen_doses("ssri"), t_end_h=wc.T_END_H,
                                     ssri_hypothesis=hypothesis,
                                     interventions={"autoreceptor_block": 1.0})
print("daily citalopram 20 mg      autoreceptor block   half of the peak by   week-12 mean")
for (hypothesis, block), run in runs.items():
    print(f"{hypothesis:<28} {block:>9.0%} {format_duration(half_peak_time_h(run, 'improvement')):>20} "
          f"{window_mean(run, 'improvement', 11 * WEEK_H, wc.T_END_H):>11.1f} points")
half_days = {key: half_peak_time_h(run, "improvement") / DAY_H for key, run in runs.items()}

# %% [markdown]
# With the autoreceptors working normally, the two accounts give the same time course: the
# time to half the maximal improvement and the week-12 plateau agree to within a day and a
# tenth of a point. The time course alone therefore cannot tell them apart, and sections
# 1–3 would look almost the same under either account (ketamine does not use this branch
# at all). An experiment can tell them apart. Blocking the
# autoreceptors completely speeds the SSRI (half the maximum after about {{ half_days['autoreceptor', 1.0]:.0f }} instead of {{ half_days['autoreceptor', 0.0]:.0f }} days,
# with a higher plateau) only if the autoreceptors cause part of the slow build-up. Notebook
# 06 compares pindolol at its measured occupancy with the pooled trials.

# %% [markdown]
# ## 5. Does any outcome hinge on one number?
#
# **Question.** Most parameters of the toy are calibrated, not measured. If one of them were
# {{ sensitivity.STEP_FRACTION:.0% }} off, would the story change?
#
# A toy whose effect depends on a signal just crossing a threshold can flip with a small
# change: an earlier version of this model lost four fifths of its SSRI plateau when one
# coupling was lowered by a fifth. `ketamine_moa.sensitivity.sensitivity_table()` moves each
# fitted parameter of the mechanism down and up by {{ sensitivity.STEP_FRACTION:.0% }} (inside its declared range), one at a
# time, and reports the two headline outcomes relative to their defaults: the improvement
# after 8 weeks of daily citalopram and the improvement 24 h after one ketamine infusion.
# The collection's tests require every ratio to stay within a factor of {{ sensitivity.FACTOR_BOUND:g }}. The last
# column is the *shape* of the SSRI course: the improvement at week 1 as a share of week 6
# (Taylor et al. 2006 found about a third of the 6-week drug effect in the first week).

# %%
sensitivity_rows = sensitivity.sensitivity_table()
defaults = sensitivity.headline_outcomes()
print(f"defaults: SSRI week 8 {defaults['ssri_week8']:.1f} points, ketamine 24 h "
      f"{defaults['ketamine_24h']:.1f} points, SSRI week 1 / week 6 "
      f"{defaults['ssri_week1_share']:.0%}; {len(sensitivity_rows)} fitted parameters")
lines = ["| parameter | stage | −20% / +20% value | SSRI week 8 (−20%, +20%) | "
         "ketamine 24 h (−20%, +20%) | SSRI week 1 / week 6 (−20%, +20%) |",
         "|---|---|---|---|---|---|"]
for row in sensitivity_rows[:12]:
    lines.append(f"| `{row.name}` | {row.stage} | {row.low:.3g} / {row.high:.3g} {row.unit} | "
                 f"×{row.ssri_low:.2f}, ×{row.ssri_high:.2f} | "
                 f"×{row.ketamine_low:.2f}, ×{row.ketamine_high:.2f} | "
                 f"{row.ssri_share_low:.0%}, {row.ssri_share_high:.0%} |")
display(Markdown("\n".join(lines)))
worst = sensitivity_rows[0]
shares = [share for row in sensitivity_rows for share in (row.ssri_share_low, row.ssri_share_high)]
share_range = (min(shares), max(shares))

# %% [markdown]
# The table lists the twelve parameters that move either outcome most. The largest change
# comes from `{{ worst.name }}`: a factor of {{ worst.worst_factor:.2f }}. Every other
# parameter moves both outcomes less, so no headline outcome hinges on a threshold. The early
# SSRI benefit does not hinge on one value either: over all {{ len(sensitivity_rows) }} rows the week-1 share
# stays between {{ share_range[0]:.0% }} and {{ share_range[1]:.0% }} (default {{ defaults['ssri_week1_share']:.0% }}). This is
# robustness, not accuracy: a curve that barely moves when a parameter is wrong also says
# little about what the right value is.

# %% [markdown]
# ## Exercises
#
# The named regimens of this notebook, for `wc.regimen_run(name)` (12 weeks, memoised) and
# `wc.regimen_doses(name)` (the doses, for your own `simulate` runs):
# {{ '; '.join('`' + key + '` (' + label + ')' for key, (label, _, _) in wc.REGIMENS.items()) }}.
# `improvement(run)` gives the improvement in points (baseline score minus score).

# %% [markdown]
# ### Exercise 1: what if the autoreceptors gave up twice as fast?
#
# The SSRI's delay runs through the desensitisation of the 5-HT1A autoreceptors, with time
# constant `autoreceptor_desensitisation_tau_h` ({{ mp.monoamine.autoreceptor_desensitisation_tau_h:g }} h).
# Halve it: run `simulate(wc.regimen_doses("ssri"), t_end_h=12 * WEEK_H, params=...)` with
# `params={"autoreceptor_desensitisation_tau_h": ...}` and find the first time the
# improvement reaches half of its maximum over the run, in days (`ssri_half_days_fast`).
# Before you run it, guess: does the time to half the benefit halve too?
#
# *Expected result:* a little earlier than the default run of section 3 (about
# {{ summary['ssri']['half_h'] / DAY_H:.0f }} days), nowhere near half of it: the desensitisation is one
# slow step of several in series, and BDNF transcription and the spines still take their time.

# %% tags=["solution"] answer={"ssri_half_days_fast": 0.03} hint="Pass params={\"autoreceptor_desensitisation_tau_h\": mp.monoamine.autoreceptor_desensitisation_tau_h / 2} (wc.regimen_run gives the default); take the first t_h where the improvement reaches half of its maximum, and divide by DAY_H for days."
half_tau_h = mp.monoamine.autoreceptor_desensitisation_tau_h / 2
fast_desens = simulate(wc.regimen_doses("ssri"), t_end_h=12 * WEEK_H,
                       params={"autoreceptor_desensitisation_tau_h": half_tau_h})
gain_fast = improvement(fast_desens)
ssri_half_days_fast = fast_desens.t_h[np.argmax(gain_fast >= gain_fast.max() / 2)] / DAY_H
print(f"half of the maximal improvement after {ssri_half_days_fast:.1f} days "
      f"(default: {summary['ssri']['half_h'] / DAY_H:.1f} days)")

# %% [markdown]
# ### Exercise 2: how fast does the series fade?
#
# For the six-infusion series (`"series"`), find how long after the last infusion (day 11) the
# improvement first falls below half of its peak (`fade_days_after_last`, in days), and what
# share of the peak is left at week 12 (`share_left_week12`, a fraction 0–1). Compare with
# Murrough et al. (2013): among responders, the median relapse came 18 days after the last
# infusion.
#
# *Expected result:* below half after about {{ series_fade_days[0.5]:.1f }} days; at week 12
# {{ series_left_week12:.0% }} of the peak is left (the consolidated spines are lost slowly).
# The two are not the same measure: relapse meant losing the response criterion in each
# patient, and the toy's peak is a spike of potentiation about an hour after the last
# infusion starts. The cohort of notebook 08 turns the mechanism into relapse times.

# %% tags=["solution"] answer={"fade_days_after_last": 0.03, "share_left_week12": 0.03} hint="Count from the last infusion (day 11), not from the first, in days; look only after the peak; the share left at week 12 is the last improvement divided by the peak, as a fraction (0-1)."
r = wc.regimen_run("series")
gain = improvement(r)
i_peak = int(np.argmax(gain))
below = np.nonzero((r.t_h > r.t_h[i_peak]) & (gain < 0.5 * gain[i_peak]))[0][0]
fade_days_after_last = (r.t_h[below] - 11 * DAY_H) / DAY_H
share_left_week12 = gain[-1] / gain[i_peak]
print(f"below half of the {gain[i_peak]:.1f}-point peak from day {r.t_h[below] / DAY_H:.1f}: "
      f"{fade_days_after_last:.1f} days after the last infusion")
print(f"left at week 12: {gain[-1]:.1f} points = {share_left_week12:.0%} of the peak")

# %% [markdown]
# ### Exercise 3: does one infusion a week hold what three a week built?
#
# With weekly boosters from day 18 (`"series+boosters"`), compute the mean improvement in
# each of weeks 5 to 12 (days 28–84; `window_mean(run, "improvement", start_h, end_h)`, times in h),
# and compare it with the series peak and with the mean over the second week of the series
# (days 7–14, three infusions). Store the week-12 mean in points (`week12_mean`) and its share
# of the second-week mean (`share_of_second_week`, a fraction 0–1).
#
# *Expected result:* a weekly mean of about {{ boost_week12:.1f }} points in week 12,
# {{ boost_week12 / series_second_week:.0% }} of the mean of the second week of the series and
# {{ boost_week12 / series_peak_points:.0% }} of the series' brief peak. In the toy each booster
# consolidates the labile spines the previous one made, topping up the stable pool about as
# fast as it decays; one infusion a week holds most of what three a week built.

# %% tags=["solution"] answer={"week12_mean": 0.03, "share_of_second_week": 0.03} hint="Week 12 is days 77-84: window_mean(run, 'improvement', 11 * WEEK_H, 12 * WEEK_H) on the \"series+boosters\" run; the second week of the series is days 7-14 of the \"series\" run; the share is a fraction (0-1)."
boosted, series_run = wc.regimen_run("series+boosters"), wc.regimen_run("series")
weekly = [window_mean(boosted, "improvement", w * WEEK_H, (w + 1) * WEEK_H) for w in range(4, 12)]
series_peak, _ = peak(series_run, "improvement")
days_7_to_14_mean = window_mean(series_run, "improvement", 7 * DAY_H, 14 * DAY_H)
print("weekly means, weeks 5-12 (points):", " ".join(f"{m:.2f}" for m in weekly))
print(f"= {weekly[-1] / series_peak:.0%} of the {series_peak:.1f}-point series peak, "
      f"{weekly[-1] / days_7_to_14_mean:.0%} of the {days_7_to_14_mean:.1f}-point mean of days 7-14")
week12_mean, share_of_second_week = weekly[-1], weekly[-1] / days_7_to_14_mean

# %% [markdown]
# ### Exercise 4: explain it in a sentence: what carries the benefit after the drug is gone?
#
# In section 2, one day after one infusion almost no ketamine is left in the blood, yet the
# improvement is near its peak and lasts for days. Write one sentence that resolves the
# puzzle of notebook 01, then pick the option closest to it:
#
# - (a) Ketamine builds up in the brain, where it keeps blocking NMDA receptors for days.
# - (b) The drug is a brief trigger: it leaves behind potentiated synapses and new spines,
#   which decay slowly and carry the improvement.
# - (c) The lasting part of the improvement is a placebo effect.
# - (d) The glutamate surge goes on for days.
#
# *Expected result:* one letter in `choice_07`, and a sentence that names what outlasts the
# drug.

# %% tags=["solution"] answer={"choice_07": 0.01} options={"a": "No: the toy's brain level follows the plasma level; the block is gone within hours.", "b": "Yes: the effect outlasts the drug because the states it leaves behind (potentiation, then new spines) decay over days to weeks.", "c": "No: the toy's score has no placebo part at all, and it still lasts for days (placebo enters in notebook 08).", "d": "No: the surge is over within a couple of hours (notebook 03); the improvement peaks later."} hint="Look at the section 2 printout: what is left of the plasma level at one day, and which states carry the improvement then?"
# A brief trigger, slow memory.
choice_07 = "b"
print(f"at 1 day: plasma {puzzle[24.0]['plasma_pct_of_peak']:.2f}% of its peak, "
      f"{puzzle[24.0]['share_from_spines']:.0%} of the improvement from new spines")

# %% [markdown]
# ## Summary
#
# - On one log-time axis, ketamine runs through the whole chain within about a day, while
#   citalopram reaches its target in hours, helps within the first week and builds its full
#   benefit further down the chain: in the desensitisation of the autoreceptors, slow BDNF
#   transcription and new spines.
# - **The puzzle from notebook 01 is resolved**: the drug is a brief trigger. At 6 h the
#   improvement rests mostly on potentiation; at 1 day, when {{ puzzle[24.0]['plasma_pct_of_peak']:.2f }}% of the peak plasma level
#   is left, about {{ puzzle[24.0]['share_from_spines']:.0% }} of it rests on new spines; at 7 days all of it does. The
#   effect outlasts the drug because the states it leaves behind decay slowly.
# - A six-infusion series builds to about twice the peak of one infusion and fades over weeks
#   after the last infusion (below half after about {{ series_fade_days[0.5]:.0f }} days); one
#   infusion a week holds the gain (an assumption about consolidated spines, fitted to two
#   trials).
# - Daily citalopram reaches half its maximal improvement after about {{ summary['ssri']['half_h'] / DAY_H:.0f }} days; added to the
#   series, it keeps the fast onset and the late plateau, with a dip in between.
# - The two accounts of the SSRI delay give the same time course; only an experiment such as
#   autoreceptor block tells them apart (notebook 06).

# %% [markdown]
# ## What this model leaves out
#
# - **Placebo and expectancy.** Trial improvements include a large placebo response, and
#   ketamine's dissociation makes blinding hard. The toy's score has no placebo part and
#   starts from a fixed baseline.
# - **Individual variation.** One set of parameters stands for everyone; people differ in
#   metabolism, in response and in relapse (notebook 08).
# - **Tolerance, side effects and safety of repeated dosing.** Each infusion in the toy acts
#   like the first one. Nothing here models tolerance, dissociation across a series, bladder
#   or cognitive effects, misuse, or the side effects of an SSRI. The toy says nothing about
#   whether any regimen is safe.
# - **The tail of one infusion.** The toy keeps about {{ tail_points:.0f }} points at days 10–12, when the trials
#   show no difference from placebo.
# - **Calibrated, not measured, effect sizes.** The score gains are chosen so that the
#   curves have the clinical shape (peak near day 1, plateau by week 8). The points are not
#   measured effect sizes and say nothing about any one person.
# - **One shared plasticity chain for two drugs.** The two drugs feed the same TrkB →
#   mTORC1 → spines chain. Citalopram's benefit surely also involves other routes (other
#   serotonin receptors, neurogenesis, other regions), and a real combination may not simply
#   add up.
#
# **Competing hypotheses.** For ketamine, the trigger here is *disinhibition*: blocking NMDA
# receptors on interneurons releases a glutamate surge (notebook 03). The *rest-block*
# account starts the same chain by blocking resting NMDA receptors on pyramidal cells, which
# lets BDNF be translated without a surge (Autry et al. 2011). Other accounts place the
# lasting effect in NMDA receptors of the lateral habenula, where the drug stays trapped (Ma
# et al. 2023), or in ketamine's metabolites (Zanos et al. 2018). For SSRIs, the delay is
# put down either to the slow desensitisation of 5-HT1A autoreceptors (Blier et al. 1998) or
# to slower plastic changes that the autoreceptors do not gate (Commons & Linnros 2019). The
# toy includes both, and both give the same time course.

# %% [markdown]
# ## References
#
# - Autry et al. (2011). *Nature* 475:91–95. [doi:10.1038/nature10130](https://doi.org/10.1038/nature10130)
# - Blier et al. (1998). *Ann N Y Acad Sci* 861:204–216. [doi:10.1111/j.1749-6632.1998.tb10192.x](https://doi.org/10.1111/j.1749-6632.1998.tb10192.x)
# - Commons & Linnros (2019). *ACS Chem Neurosci* 10:3048–3052. [doi:10.1021/acschemneuro.8b00698](https://doi.org/10.1021/acschemneuro.8b00698)
# - Kishimoto et al. (2016). *Psychol Med* 46:1459–1472. [doi:10.1017/S0033291716000064](https://doi.org/10.1017/S0033291716000064)
# - Ma et al. (2023). *Nature* 622:802–809. [doi:10.1038/s41586-023-06624-1](https://doi.org/10.1038/s41586-023-06624-1)
# - Meyer et al. (2001). *Am J Psychiatry* 158:1843–1849. [doi:10.1176/appi.ajp.158.11.1843](https://doi.org/10.1176/appi.ajp.158.11.1843)
# - Moda-Sava et al. (2019). *Science* 364:eaat8078. [doi:10.1126/science.aat8078](https://doi.org/10.1126/science.aat8078)
# - Murrough et al. (2013). *Biol Psychiatry* 74:250–256. [doi:10.1016/j.biopsych.2012.06.022](https://doi.org/10.1016/j.biopsych.2012.06.022)
# - Nibuya et al. (1995). *J Neurosci* 15:7539–7547. [doi:10.1523/JNEUROSCI.15-11-07539.1995](https://doi.org/10.1523/JNEUROSCI.15-11-07539.1995)
# - Phillips et al. (2019). *Am J Psychiatry* 176:401–409. [doi:10.1176/appi.ajp.2018.18070834](https://doi.org/10.1176/appi.ajp.2018.18070834)
# - Phoumthipphavong et al. (2016). *eNeuro* 3:ENEURO.0133-15.2016. [doi:10.1523/ENEURO.0133-15.2016](https://doi.org/10.1523/ENEURO.0133-15.2016)
# - Santarelli et al. (2003). *Science* 301:805–809. [doi:10.1126/science.1083328](https://doi.org/10.1126/science.1083328)
# - Trivedi et al. (2006). *Am J Psychiatry* 163:28–40. [doi:10.1176/appi.ajp.163.1.28](https://doi.org/10.1176/appi.ajp.163.1.28)
# - Zanos et al. (2018). *Pharmacol Rev* 70:621–660. [doi:10.1124/pr.117.015198](https://doi.org/10.1124/pr.117.015198)
# - Zarate et al. (2006). *Arch Gen Psychiatry* 63:856–864. [doi:10.1001/archpsyc.63.8.856](https://doi.org/10.1001/archpsyc.63.8.856)

# %% [markdown]
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.
