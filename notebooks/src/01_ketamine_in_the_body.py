# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Ketamine in the body
#
# In the antidepressant trials, ketamine is given as a slow drip into a vein: 0.5 mg per kg
# of body weight over 40 minutes. Many patients feel better within hours, the benefit is
# largest the next day, and it lasts about a week. Yet by the next morning almost no
# ketamine is left in the blood. This notebook follows the drug from the infusion into the
# blood and out again, compares the ways it can be given and the research schedules, sets
# it beside a daily SSRI, and ends with the puzzle the rest of the collection solves.
#
# **Learning objectives** (about 50 minutes)
#
# - Read a two-compartment pharmacokinetic model and say what each rate constant does.
# - Describe plasma ketamine after the trial infusion: peak, timing, half-life, and where
#   it sits relative to the NMDA receptor's IC50 and the anaesthetic range.
# - Explain bioavailability, and show that exposure (AUC) scales with dose and route.
# - Compare a single infusion, a six-infusion series and weekly boosters with a daily SSRI
#   that builds up to a steady state.
# - State the puzzle: the drug is gone in hours, but the effect lasts days.
#
# > **Educational use only.** This notebook explains mechanisms with simplified models.
# > It is not medical advice and gives no dosing recommendations. Doses appear only as
# > the research-protocol values being simulated.

# %% [markdown]
# **How to use this notebook.** Run the cells from top to bottom. The sliders and menus
# work only while the notebook is running (they need a Python kernel). Before each demo,
# write down your prediction, then move one control at a time. Below each demo, a static
# figure shows the same model across a range of the main control, so readers of a stored
# copy (nbviewer, HTML, PDF) see everything too.

# %% [markdown]
# ## Setup

# %%
import numpy as np

from ketamine_moa import (Dose, daily_citalopram, model_parameters, parameter_table, simulate,
                          single_infusion)
from ketamine_moa.demos import body
from ketamine_moa.pk import (KETAMINE_ROUTES, auc_uM_h, ketamine_bioavailability,
                             ketamine_terminal_half_life_h)
from ketamine_moa.plotting import use_house_style
from ketamine_moa.scorecard import findings
from ketamine_moa.widgets import panel, show_figure, show_sweep

use_house_style()
mp = model_parameters()

# %% [markdown]
# ## 1. From dose to plasma: a two-compartment model
#
# **Question.** After 0.5 mg/kg over 40 minutes, how high does plasma ketamine rise, when,
# and how fast does it fall?
#
# **Model.** The body is pictured as two well-mixed boxes. Drug enters the *central*
# compartment (blood and well-perfused organs, volume $V_1$), exchanges with a
# *peripheral* compartment (fat, muscle), and is eliminated from the central one (mostly
# by the liver). For routes other than IV, the absorbed fraction $F$ of the dose first
# sits in a *depot* (gut, nasal or oral mucosa) and enters the blood at rate $k_a$:
#
# $$
# \begin{aligned}
# \frac{dA_{\text{depot}}}{dt} &= -k_a\,A_{\text{depot}},
#   \qquad A_{\text{depot}}(0) = F \cdot \text{dose} \\
# \frac{dA_1}{dt} &= k_a\,A_{\text{depot}} + R(t) - (k_{10} + k_{12})\,A_1 + k_{21}\,A_2 \\
# \frac{dA_2}{dt} &= k_{12}\,A_1 - k_{21}\,A_2 \\
# C(t) &= \frac{A_1}{V_1}
# \end{aligned}
# $$
#
# $A_1, A_2$ are the amounts (mg) in the two compartments. An IV infusion of length $T$ is a
# constant input $R = \text{dose}/T$ during the infusion (and no depot). The concentration
# in mg/L is divided by the molar mass to give µM. The equations are linear, so each dose
# is solved exactly and doses simply add up.
#
# After the infusion the curve falls in two phases: fast redistribution into the
# peripheral box, then slow elimination. The slow phase sets the **terminal half-life**,
# $t_{1/2} = \ln 2 / \beta$, where $\beta$ is the smaller decay rate (eigenvalue) of the
# two-box system.
#
# The parameters, read from `src/ketamine_moa/data/parameters.csv` (value, unit, source):

# %%
for row in parameter_table().values():
    if row.stage in ("pk_ketamine", "pk_citalopram"):
        print(f"{row.name:<37} {row.value:>7g} {row.unit:<9} {row.doi}")
        print(f"{'':<37} {row.reference}")

ket, cit = mp.pk_ketamine, mp.pk_citalopram
F = {route: ketamine_bioavailability(ket, route) for route in KETAMINE_ROUTES}
# the predict prompt of section 1: the trial dose for 70 kg, if all of it stayed in V1
body_kg = 70
dose_mg = body.TRIAL_MG_PER_KG * body_kg
v1_L = ket.ketamine_central_volume_L_per_kg * body_kg
naive_mg_per_L = dose_mg / v1_L
naive_uM = 1000 * naive_mg_per_L / ket.ketamine_molar_mass_g_per_mol
# the rule of thumb of section 4: half-lives to get within 10% of a steady state
steady_within = 0.10
n_half_lives = np.log(1 / steady_within) / np.log(2)

# %% [markdown]
# Where the numbers come from, honestly: the rate constants and $V_1$ are from Clements &
# Nimmo (1981), as implemented in the open-source *opentiva* package; they were not
# re-checked against the paper. The absorption rates $k_a$ are toy values chosen to give
# realistic times to peak, not fits. What we can check is the output: the model should
# give a peak close to the 0.78 µM (185 ng/mL) measured after the trial infusion (Zarate
# et al. 2006, as tabulated by Zanos et al. 2018, Table 1) and a terminal half-life of a
# few hours: about 3 h in humans (Ma et al. 2023), and about 120 min after an IV injection in
# three healthy volunteers (Yanagihara et al. 2003).
#
# **Predict first.** 0.5 mg/kg in a {{ body_kg }} kg person is {{ dose_mg:.0f }} mg. If it
# all stayed in $V_1$ ({{ ket.ketamine_central_volume_L_per_kg:.2f }} L/kg, so
# {{ v1_L:.0f }} L), the concentration would be {{ naive_mg_per_L:.2f }} mg/L, or
# {{ naive_uM:.1f }} µM. Will the real peak be higher or lower than that? Why?

# %%
run = simulate(single_infusion(0.5), t_end_h=48)
plasma = run["ketamine_plasma_uM"]
peak_uM = plasma.max()
t_peak_min = 60 * run.t_h[plasma.argmax()]
t_half_h = ketamine_terminal_half_life_h(mp.pk_ketamine)
ic50_uM = mp.nmda.ketamine_nmda_ic50_uM
published_peak_uM = float(findings()["PK-01"]["value"])   # Zarate et al. 2006
print(f"peak plasma ketamine: {peak_uM:.2f} µM (published: {published_peak_uM} µM)")
print(f"time of peak: {t_peak_min:.0f} min after the start of the infusion")
print(f"terminal half-life: {t_half_h:.2f} h")
print(f"NMDA receptor IC50: {ic50_uM:g} µM")

# %% [markdown]
# **What you should have seen.** The peak is about {{ peak_uM:.2f }} µM, lower than
# {{ naive_uM:.1f }} µM, because during the 40 minutes some drug is already being eliminated
# and some has moved into the peripheral compartment. It comes at the end of the infusion
# ({{ t_peak_min:.0f }} min), matches the published 0.78 µM (PK-01) within
# {{ abs(peak_uM / published_peak_uM - 1):.0% }}, and the terminal half-life is about
# {{ t_half_h:.0f }} h: close to the figure of Ma et al. (2023), and about
# {{ 60 * t_half_h - 120:.0f }} min longer than the 120 min that Yanagihara et al. (2003)
# measured in three volunteers. The peak sits just below the IC50 of {{ ic50_uM:g }} µM, the
# concentration at which half of the NMDA receptor current is blocked (Gerhard et al. 2020):
# the trial dose blocks a part of the receptors, not all.

# %% [markdown]
# ## 2. Routes: how much reaches the blood
#
# **Question.** Ketamine can also be given as a nasal spray, under the tongue or
# swallowed. At the same mg/kg, how much reaches the blood, and how does the curve change?
#
# **Model.** Two things change with the route. The **bioavailability** $F$ is the fraction
# of the dose that reaches the circulation: {{ F['iv']:g }} for IV, about
# {{ F['intranasal']:.2f }} intranasal (Yanagihara et al. 2003), {{ F['sublingual']:.2f }}
# sublingual (Rolan et al. 2014) and about {{ F['oral']:.2f }} oral, because the liver
# metabolises most of a swallowed dose before it reaches the rest of the body (first-pass
# metabolism; Yanagihara et al. 2003). The **absorption rate** $k_a$ sets how fast the
# depot empties into the blood. Total exposure is measured by the area under the curve,
# $\text{AUC} = \int C\,dt$ (µM·h).
#
# **Predict first.** Switch the route from IV to oral at 0.5 mg/kg. Will the peak be
# higher or lower, earlier or later? By what factor will the AUC shrink? Then double the
# dose: what happens to the AUC?

# %%
panel(body.PLASMA_ROUTE)

# %%
show_sweep(body.PLASMA_ROUTE)

# %%
routes = {route: body.route_summary(*body.route_curve(route)) for route in KETAMINE_ROUTES}
double_mg_per_kg = 2 * body.TRIAL_MG_PER_KG
double_iv = body.route_summary(*body.route_curve("iv", double_mg_per_kg))
t_peak_route_min = {route: 60 * s["t_peak_h"] for route, s in routes.items()}
auc_ratio_oral = routes["oral"]["auc_uM_h"] / routes["iv"]["auc_uM_h"]
auc_ratio_double = double_iv["auc_uM_h"] / routes["iv"]["auc_uM_h"]
for route, s in routes.items():
    print(f"{route:<11} peak {s['peak_uM']:.2f} µM at {t_peak_route_min[route]:3.0f} min, "
          f"AUC 0-48 h {s['auc_uM_h']:.2f} µM·h, at 24 h {s['at_24h_pct']:.2f}% of the peak")

# %% [markdown]
# **What you should have seen.**
#
# - IV gives the highest peak ({{ routes['iv']['peak_uM']:.2f }} µM, at the end of the
#   40-min infusion). Intranasal peaks at about {{ routes['intranasal']['peak_uM']:.2f }} µM
#   after about {{ 5 * round(t_peak_route_min['intranasal'] / 5):.0f }} min, sublingual at
#   {{ routes['sublingual']['peak_uM']:.2f }} µM after about
#   {{ 5 * round(t_peak_route_min['sublingual'] / 5):.0f }} min and oral at
#   {{ routes['oral']['peak_uM']:.2f }} µM after about
#   {{ 5 * round(t_peak_route_min['oral'] / 5):.0f }} min. The peak *times* of the other
#   routes rest on toy absorption rates; the *heights* follow mainly from the
#   bioavailability.
# - The AUC is proportional to $F$: at the same dose, oral gives {{ auc_ratio_oral:.0% }}
#   of the IV exposure. Doubling the dose doubles the AUC and the peak, because the model is
#   linear (right panel: straight lines through the origin, with slopes in the ratio of the
#   $F$).
# - Every curve is back to a tiny fraction of its peak within a day (about
#   {{ routes['iv']['at_24h_pct']:.1f }}% at 24 h for the trial infusion).
# - Shortening the infusion raises the peak without changing the AUC; only at about
#   2 mg/kg as a bolus does the model approach the anaesthetic range (5–10 µM, which
#   is reached with anaesthetic doses of 1–2 mg/kg: Zanos et al. 2018, Table 1).
#   This two-compartment model underestimates very early peaks after a fast injection,
#   because it lacks the rapid early redistribution phase (see "What this model leaves
#   out").

# %% [markdown]
# ## 3. Schedules: single infusion, a series, boosters
#
# **Question.** Research protocols repeat the infusion. Does ketamine build up in the
# blood when it is given again and again?
#
# **Model.** The same model, with doses added up. Three research schedules, each infusion
# 0.5 mg/kg IV over 40 min:
#
# - a **single infusion**, as in the first trials (Zarate et al. 2006);
# - **six infusions over two weeks**, three a week on days 0, 2, 4, 7, 9 and 11, as in
#   Murrough et al. (2013) and Phillips et al. (2019);
# - the six infusions followed by **weekly boosters** (here four, on days 18–39), in the
#   spirit of the weekly maintenance phase of Phillips et al. (2019).
#
# The bottom panel shows citalopram, an SSRI, taken as 20 mg once a day (section 4).
# The title of the top panel counts the hours that ketamine spends above
# {{ body.PRESENCE_THRESHOLD_UM:g }} µM, one tenth of its IC50.
#
# **Predict first.** With a half-life of {{ t_half_h:.0f }} h and 2–3 days between
# infusions, will the peaks grow from one infusion to the next? Over six weeks of the
# six-infusion series, for what share of the time is ketamine above
# {{ body.PRESENCE_THRESHOLD_UM:g }} µM?

# %%
panel(body.SCHEDULE)

# %%
show_sweep(body.SCHEDULE)

# %%
hours_above, share_above, spike_uM = {}, {}, {}
for label, schedule in body.SCHEDULES:
    t_h, conc, days = body.ketamine_course(schedule)
    hours_above[schedule] = body.hours_above(t_h, conc, body.PRESENCE_THRESHOLD_UM)
    share_above[schedule] = hours_above[schedule] / body.SCHEDULE_T_END_H
    spike_uM[schedule] = conc.max()
    print(f"{label:<34} {len(days):>2} infusion(s), highest peak {conc.max():.2f} µM, "
          f"above {body.PRESENCE_THRESHOLD_UM:g} µM for {hours_above[schedule]:4.1f} h of "
          f"{body.SCHEDULE_T_END_H:.0f} h ({share_above[schedule]:.1%})")
# for section 4 (not printed here: its predict prompt comes first)
t_cit_h, cit_plasma, cit_daily, cit_steady, cit_day_90 = body.citalopram_course()

# %% [markdown]
# **What you should have seen.** Every infusion is a brief spike to the same
# {{ max(spike_uM.values()):.2f }} µM: with a {{ t_half_h:.0f }}-hour half-life, the drug is
# gone long before the next infusion two or three days later, so nothing accumulates. Even the
# six-infusion series keeps ketamine above {{ body.PRESENCE_THRESHOLD_UM:g }} µM for only
# about {{ share_above['series']:.0% }} of the six weeks. Yet repeated infusions help more
# than one: 59–71% of patients responded after six infusions in these studies (Phillips et al.
# 2019; Murrough et al. 2013, open label), and without maintenance the benefit did not last:
# among the responders of the open-label series, the median time to relapse after the last
# infusion was 18 days (Murrough et al. 2013; CLIN-08). Whatever adds up across infusions, it
# is not the drug in the blood.

# %% [markdown]
# ## 4. A daily SSRI for contrast
#
# **Question.** How does a conventional antidepressant behave in the blood?
#
# **Model.** Citalopram, taken by mouth once a day, in a one-compartment model with
# absorption: half-life about {{ cit.citalopram_half_life_h:.0f }} h (33 h in
# Kragh-Sørensen et al. 1981; about 35 h in the US label), bioavailability
# {{ cit.citalopram_bioavailability_oral:g }}, volume {{ cit.citalopram_volume_L_per_kg:g }}
# L/kg. Because its half-life is longer than the 24 h between tablets, each tablet adds to
# what is left of the previous ones, until intake and elimination balance: the **steady
# state**.

# %% [markdown]
# **Predict first.** Look at the bottom panel of the schedule demo (choose "yes"). How
# many days until the daily mean level is within {{ steady_within:.0% }} of where it ends
# up? Write your guess down, then look at the demo again and run the cell below.

# %%
print(f"citalopram daily mean plasma level: {cit_daily[0]:.3f} µM on day 1, "
      f"{cit_steady:.3f} µM on day {len(cit_daily)} (where it ends up)")

# %% [markdown]
# **What you should have seen.** A standard rule says it takes about
# {{ n_half_lives:.1f }} half-lives to get within {{ steady_within:.0% }} of a steady state:
# {{ n_half_lives:.1f }} × {{ cit.citalopram_half_life_h:.0f }} h ≈
# {{ n_half_lives * cit.citalopram_half_life_h:.0f }} h ≈
# {{ n_half_lives * cit.citalopram_half_life_h / 24:.0f }} days. Citalopram rises over the first week and then stays,
# swinging gently around a daily mean of about {{ cit_steady:.2f }} µM (peaks
# {{ cit_plasma.max():.2f }} µM). Its target, the
# serotonin transporter, is about 77% occupied at 20 mg/day (Meyer et al. 2001), so the
# SSRI sits on its target continuously, yet remission takes weeks (notebook 06).
# Ketamine is the opposite: brief spikes, with the drug absent almost all of the time.

# %% [markdown]
# ## 5. The puzzle
#
# **Question.** If ketamine leaves the blood within hours, why does its benefit last
# for days?
#
# **Predict first.** What percentage of the peak plasma level is left 24 h after the start
# of the trial infusion: about 50%, 10%, 1% or less? <!-- typed: the options of the prompt -->

# %%
peak = plasma.max()
at_24h = run.at("ketamine_plasma_uM", 24.0)
left_24h = at_24h / peak
print(f"peak: {peak:.2f} µM; at 24 h: {1000 * at_24h:.1f} nM "
      f"= {100 * at_24h / peak:.2f}% of the peak")
print(f"24 h is {24 / ketamine_terminal_half_life_h(mp.pk_ketamine):.1f} terminal half-lives")

# %%
show_figure(body.puzzle_figure(), body.puzzle_alt_text(), body.PUZZLE_FILE,
            caption="The puzzle: plasma ketamine is gone within a day, the trials' benefit "
                    "lasts days.")

# %% [markdown]
# **What you should have seen.** At 24 h, only {{ left_24h:.1% }} of the peak is left, about
# {{ round(ic50_uM / at_24h, -1):.0f }} times below the IC50. Yet in a meta-analysis of
# single-infusion trials, ketamine beat placebo from 40 minutes on, the effect was largest at
# day 1 and it was lost only by days 10–12 (Kishimoto et al. 2016). In humans the half-life is
# about 3 h while the effect lasts 3–14 days; in mice, 13 minutes against at least a day (Ma
# et al. 2023).
#
# So the benefit cannot simply follow the concentration. A model in which "effect =
# drug in the blood" would predict the best day to be the day of the infusion and nothing
# left the next morning. The drug must **trigger** something that outlasts it. The
# next notebooks follow the candidates: the block of NMDA receptors and its trapping
# (02), a brief surge of glutamate (03), BDNF and mTORC1 signalling (04) and the growth
# of new synapses over a day (05). Notebook 07 puts them together and resolves the puzzle.

# %% [markdown]
# ## Exercises
#
# Three short calculations with the package's functions, and one result to explain in a
# sentence (Exercise 4). Try each before you open its
# solution (the cell tagged `solution` under it).

# %% [markdown]
# ### Exercise 1: read the half-life off the curve
#
# On a log scale, a single exponential is a straight line. Between 6 and 12 h the fast
# redistribution phase is over, so fit a straight line to $\ln C(t)$ over that window of
# the simulated curve of section 1 (`run.t_h`, `plasma`). The slope is $-\beta$; the half-life is
# $\ln 2/\beta$. Compare with `ketamine_terminal_half_life_h(mp.pk_ketamine)`.
#
# *Expected result:* about {{ t_half_h:.1f }} h from the fit, the same as the model's value
# to two decimals.

# %% tags=["solution"] answer={"half_life_fit_h": 0.03} hint="Fit the natural log (np.log) of the plasma level against time over 6-12 h only; the half-life is ln 2 divided by minus the slope."
window = (run.t_h >= 6) & (run.t_h <= 12)
slope_per_h, _ = np.polyfit(run.t_h[window], np.log(plasma[window]), 1)
half_life_fit_h = np.log(2) / -slope_per_h
print(f"half-life from the log-linear fit, 6-12 h: {half_life_fit_h:.2f} h")
print(f"half-life from the model's slow eigenvalue: "
      f"{ketamine_terminal_half_life_h(mp.pk_ketamine):.2f} h")

# %% [markdown]
# ### Exercise 2: exposure scales with dose and bioavailability
#
# Using `simulate`, compute the AUC over 48 h for 0.5 mg/kg given IV over 40 min and given
# orally (`Dose("ketamine", route, mg_per_kg=..., duration_h=...)`; see `help(Dose)` for the
# units and ranges). For the area use `auc_uM_h(t_h, conc_uM)`, imported above: it applies the
# trapezoid rule (`np.trapz` no longer exists in numpy 2; its new name is `np.trapezoid`), and for {{ double_mg_per_kg:.1f }} mg/kg IV. Find the ratio
# oral/IV at the same dose, and the ratio {{ double_mg_per_kg:.1f }}/0.5 mg/kg for IV.
#
# *Expected result:* oral/IV ≈ {{ auc_ratio_oral:.2f }} (the oral bioavailability) and
# {{ double_mg_per_kg:.1f }}/0.5 mg/kg = {{ auc_ratio_double:.2f }}.

# %% tags=["solution"] answer={"oral_over_iv": 0.03, "double_over_single": 0.03} hint="Give the oral dose as Dose(\"ketamine\", \"oral\", mg_per_kg=0.5) (no duration) and divide its AUC by the IV AUC; for the dose ratio compare two IV infusions over 40 min."
def auc_48h_uM_h(dose):
    """Area under the plasma curve from 0 to 48 h (uM*h), by the trapezoid rule."""
    result = simulate([dose], t_end_h=48)
    return auc_uM_h(result.t_h, result["ketamine_plasma_uM"])


auc_iv = auc_48h_uM_h(Dose("ketamine", "iv", mg_per_kg=0.5, duration_h=40 / 60))
auc_oral = auc_48h_uM_h(Dose("ketamine", "oral", mg_per_kg=0.5))
auc_iv_double = auc_48h_uM_h(Dose("ketamine", "iv", mg_per_kg=1.0, duration_h=40 / 60))
print(f"AUC, 0.5 mg/kg IV over 40 min: {auc_iv:.2f} µM·h")
print(f"AUC, 0.5 mg/kg oral:           {auc_oral:.2f} µM·h")
oral_over_iv, double_over_single = auc_oral / auc_iv, auc_iv_double / auc_iv
print(f"oral / IV = {oral_over_iv:.2f} "
      f"(oral bioavailability: {ketamine_bioavailability(mp.pk_ketamine, 'oral'):.2f})")
print(f"1.0 / 0.5 mg/kg IV = {double_over_single:.2f}")
for route in KETAMINE_ROUTES:
    print(f"  F({route}) = {ketamine_bioavailability(mp.pk_ketamine, route):.2f}")

# %% [markdown]
# ### Exercise 3: how long to reach the steady state?
#
# Simulate citalopram 20 mg once a day for 42 days with `daily_citalopram` and `simulate`.
# Compute the mean plasma level on each day (day 1 = hours 0–24, ...), take the last
# day's mean as the steady state, and find the first day whose mean is at least
# {{ 1 - steady_within:.0% }} of it. Compare with {{ n_half_lives:.1f }} half-lives.
#
# *Expected result:* day {{ cit_day_90 }} (about
# {{ cit_daily[cit_day_90 - 1] / cit_steady:.0% }} of the steady state), matching
# {{ n_half_lives:.1f }} × {{ cit.citalopram_half_life_h:.0f }} h ≈
# {{ n_half_lives * cit.citalopram_half_life_h / 24:.1f }} days.

# %% tags=["solution"] answer={"first_day": 0.01} hint="Day 1 is hours 0-24: group the times with t_h // 24, average each day, and count days from 1, not 0."
n_days = 42
course = simulate(daily_citalopram(20, n_days=n_days), t_end_h=24 * n_days)
day_index = (course.t_h // 24).astype(int)   # 0 for hours 0-24, 1 for 24-48, ...
daily_mean = np.array([course["ssri_plasma_uM"][day_index == d].mean() for d in range(n_days)])
steady = daily_mean[-1]
first_day = int(np.argmax(daily_mean >= 0.9 * steady)) + 1
half_life_h = mp.pk_citalopram.citalopram_half_life_h
print(f"steady-state daily mean: {steady:.3f} µM")
print(f"daily mean / steady state, days 1-7: {np.round(daily_mean[:7] / steady, 2)}")
print(f"first day at >= 90% of steady state: day {first_day}")
print(f"3.3 half-lives = {3.3 * half_life_h / 24:.1f} days")

# %% [markdown]
# ### Exercise 4: explain it in a sentence: why is the oral peak so low?
#
# In Exercise 2 the oral/IV ratio of the **areas** equals the oral bioavailability, but the
# oral/IV ratio of the **peaks** (section 2) is much smaller than that. Write one sentence that
# explains why, then pick the option closest to your sentence:
#
# - (a) Once in the blood, oral ketamine is cleared faster than IV ketamine.
# - (b) The oral dose is absorbed over hours, so about the same share of the area is spread
#   into a lower, later and wider curve.
# - (c) The trapezoid rule underestimates slowly changing curves.
# - (d) The model counts the metabolite norketamine in the oral curve.
#
# *Expected result:* one letter in `choice_01`, and a sentence that says what sets the area
# under the curve and what sets its height.

# %% tags=["solution"] answer={"choice_01": 0.01} options={"a": "No: after absorption every route shares the same elimination rate k10; the loss before the blood (first pass) is already in F, which sets the area, not the shape.", "b": "Yes: the area is set by how much reaches the blood (F times the dose), the height also by how fast it arrives; slow absorption (ka) flattens and delays the peak.", "c": "No: on the model's fine time grid the trapezoid rule is accurate, and it is the peaks that differ from F, not the areas.", "d": "No: the model follows ketamine only; there is no metabolite in any curve."} hint="Compare what sets the area under a plasma curve with what sets its height: think about how fast each route delivers the drug."
# The area counts how much reached the blood; the height also depends on how fast it came.
choice_01 = "b"
oral_course = simulate([Dose("ketamine", "oral", mg_per_kg=0.5)], t_end_h=48)
iv_course = simulate([Dose("ketamine", "iv", mg_per_kg=0.5, duration_h=40 / 60)], t_end_h=48)
peak_ratio = oral_course["ketamine_plasma_uM"].max() / iv_course["ketamine_plasma_uM"].max()
print(f"oral/IV: area {oral_over_iv:.2f}, peak {peak_ratio:.2f}")

# %% [markdown]
# ## Summary
#
# - A two-compartment model with the Clements & Nimmo rates reproduces the trial peak
#   ({{ peak_uM:.2f }} µM vs 0.78 µM measured, PK-01, at the end of the 40-min infusion) and
#   a terminal half-life of about {{ t_half_h:.0f }} h.
# - The trial peak is just below the NMDA IC50 ({{ ic50_uM:g }} µM) and about ten times
#   below the anaesthetic range (5–10 µM, Zanos et al. 2018).
# - Route changes the fraction reaching the blood: AUC ∝ dose × F, with F =
#   {{ F['iv']:g }} (IV), {{ F['intranasal']:.2f }} (intranasal), {{ F['sublingual']:.2f }}
#   (sublingual), {{ F['oral']:.2f }} (oral).
# - Repeated infusions 2–3 days apart do not accumulate: each is a brief spike, and the
#   drug is above {{ body.PRESENCE_THRESHOLD_UM:g }} µM for only a few % of the time.
# - A daily SSRI (citalopram, t½ ≈ {{ cit.citalopram_half_life_h:.0f }} h) builds up to a
#   steady state in about {{ cit_day_90 }} days and stays there.
# - The puzzle: at 24 h about {{ left_24h:.1% }} of the peak is left, yet the benefit peaks
#   at day 1 and lasts about a week.

# %% [markdown]
# ## What this model leaves out
#
# - **Metabolites.** Ketamine is converted to norketamine and then to hydroxynorketamines
#   (HNK), which circulate for longer and may contribute to the effect (a contested idea,
#   see notebook 04). Oral dosing in particular produces mostly norketamine.
# - **Enantiomers.** The infused drug is a racemic mix of S- and R-ketamine, which differ
#   in potency at the NMDA receptor; the model treats them as one drug.
# - **Brain versus plasma.** The model gives plasma levels. The concentration at the
#   receptors (the "effect site") lags plasma slightly and is not modelled.
# - **Differences between people.** One set of parameters stands for everyone. Real
#   clearance, volumes and absorption vary between people; body weight enters only
#   linearly (dose in mg/kg, volume in L/kg).
# - **Esketamine nasal spray** (S-ketamine, a licensed product) has its own
#   pharmacokinetics and schedule, not simulated here; the intranasal curve above is for
#   racemic ketamine with a toy absorption rate.
# - **Rapid early redistribution.** Anaesthesia models with three compartments (such as
#   Domino's) have a much smaller central volume and describe the first minutes after an
#   injection better; this two-compartment model smooths them out, so bolus peaks are
#   underestimated. It is adequate for the hours-to-days scale of this collection.
# - **Citalopram** is modelled with one compartment (the data show two; Kragh-Sørensen et
#   al. 1981), without its active metabolite desmethylcitalopram (about half the parent
#   drug's level in that study) and
#   without the genetic variability of the liver enzyme CYP2C19, which changes its levels
#   several-fold between people.

# %% [markdown]
# ## References
#
# - Clements JA, Nimmo WS (1981). Pharmacokinetics and analgesic effect of ketamine in
#   man. *Br J Anaesth* 53:27–30. doi:10.1093/bja/53.1.27
# - Gerhard DM et al. (2020). GABA interneurons are the cellular trigger for ketamine's
#   rapid antidepressant actions. *J Clin Invest* 130:1336–1349. doi:10.1172/JCI130808
# - Kim S et al. (2023). PubChem 2023 update. *Nucleic Acids Res* 51:D1373.
#   doi:10.1093/nar/gkac956 (molar masses)
# - Kishimoto T et al. (2016). Single-dose infusion ketamine and non-ketamine
#   N-methyl-d-aspartate receptor antagonists for unipolar and bipolar depression: a
#   meta-analysis of efficacy, safety and time trajectories. *Psychol Med* 46:1459–1472.
#   doi:10.1017/S0033291716000064
# - Kragh-Sørensen P et al. (1981). The kinetics of citalopram: single and multiple dose
#   studies in man. *Acta Pharmacol Toxicol* 48:53–60. PMID 6939299
# - Ma S et al. (2023). Sustained antidepressant effect of ketamine through NMDAR trapping
#   in the LHb. *Nature* 622:802–809. doi:10.1038/s41586-023-06624-1
# - Meyer JH et al. (2001). Occupancy of serotonin transporters by paroxetine and
#   citalopram during treatment of depression: a [11C]DASB PET imaging study.
#   *Am J Psychiatry* 158:1843–1849. doi:10.1176/appi.ajp.158.11.1843
# - Murrough JW et al. (2013). Rapid and longer-term antidepressant effects of repeated
#   ketamine infusions in treatment-resistant major depression. *Biol Psychiatry*
#   74:250–256. doi:10.1016/j.biopsych.2012.06.022
# - Phillips JL et al. (2019). Single, repeated, and maintenance ketamine infusions for
#   treatment-resistant depression: a randomized controlled trial. *Am J Psychiatry*
#   176:401–409. doi:10.1176/appi.ajp.2018.18070834
# - Rolan P et al. (2014). The absolute bioavailability of racemic ketamine from a novel
#   sublingual formulation. *Br J Clin Pharmacol* 77:1011–1016. doi:10.1111/bcp.12264
# - Yanagihara Y et al. (2003). Plasma concentration profiles of ketamine and norketamine
#   after administration of various ketamine preparations to healthy Japanese volunteers.
#   *Biopharm Drug Dispos* 24:37–43. doi:10.1002/bdd.336
# - Zanos P et al. (2018). Ketamine and ketamine metabolite pharmacology: insights into
#   therapeutic mechanisms. *Pharmacol Rev* 70:621–660. doi:10.1124/pr.117.015198
# - Zarate CA Jr et al. (2006). A randomized trial of an N-methyl-D-aspartate antagonist
#   in treatment-resistant major depression. *Arch Gen Psychiatry* 63:856–864.
#   doi:10.1001/archpsyc.63.8.856

# %% [markdown]
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is not medical advice and gives no dosing recommendations.
