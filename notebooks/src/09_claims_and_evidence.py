# %% [markdown]
# # Claims and evidence: grading what is said about ketamine
#
# Clinic web pages, news stories and even review articles repeat short sentences about
# ketamine: it "causes an ion influx", it "rewires the brain", it "works for 70–80%", it
# treats PTSD, OCD and chronic pain.
# <!-- typed: a claim as marketing states it, not a model number -->
# Some are true, some are half true, and some are the mechanism told backwards.
# This notebook grades the commonest of these claims from A to D, gives the evidence and the references
# for each, and points to the demo in an earlier notebook that lets you see the mechanism for
# yourself. It then sets out the competing hypotheses of how ketamine works, and which of them
# the toy models contain. It ends with safety: a demo showing that dissociation and the rise
# in blood pressure during an infusion follow the drug level, and the facts about abuse
# liability and monitoring. The grades are meant to be argued over; each one says what
# evidence would change it.

# %% [markdown]
# ## Learning objectives
#
# *Estimated time: about 50 minutes.*
#
# By the end you should be able to:
#
# 1. explain the four grades (A–D) and say what kind of evidence moves a claim up or down;
# 2. correct the mechanism claims that are wrong as stated ("ion influx", "new neurons") and
#    point to the demo that shows why;
# 3. separate what single-infusion trials show (a fast, partial and brief effect) from what
#    marketing says ("70–80%", "lasting relief");
#    <!-- typed: a claim as marketing states it, not a model number -->
# 4. rank the evidence for the other indications: suicidal thoughts, PTSD, anxiety, chronic
#    pain and OCD;
# 5. name five competing hypotheses of the mechanism, with one finding for and one against
#    each, and say which ones the toys model;
# 6. explain with the model why dissociation and the blood-pressure rise are largest at the end
#    of an infusion and fade within hours, and state the sourced facts on abuse liability and
#    monitoring.
#
# > **Educational use only.** This notebook explains evidence and mechanisms with simplified
# > models. It is not medical advice and gives no dosing recommendations. Amounts and
# > infusion times are the designs of the cited studies or the ranges of a teaching slider,
# > never a suggestion.

# %% [markdown]
# > **Content note.** This unit is about depression and its treatment. Notebook 09 also discusses
# > suicidal thoughts (sections 4 and 7) and the misuse of ketamine. If a part is hard for you, you
# > may skip it or step out, and you can talk to your teacher. If you are struggling, or worried
# > about someone, contact your local support services: your doctor, student support, or an
# > emergency or crisis line. If you take medication, do not change it because of anything in these
# > notebooks: talk to the clinician who prescribes it.

# %% [markdown]
# ## How to use this notebook
#
# - **Running it** (JupyterLab, *Run → Run All Cells*): the demo in section 6 has sliders.
#   Write your prediction down first, then move the sliders and check.
# - **Reading it without a kernel** (nbviewer, GitHub): the sliders do not work there. The
#   picture under the demo shows its default setting, and the **static figure below it**
#   shows the same model across a range of amounts and infusion durations.
# - The claims, grades, evidence and DOIs live in `src/ketamine_moa/data/claims.csv`; the tables here are drawn
#   from that file by `ketamine_moa.claims.read_claims()`. A grade is always shown as a letter
#   **and** a word, never by colour.
# - Exercises have worked solutions in cells tagged `solution`. Try them before you look.
#
# Every model number comes from the `ketamine_moa` package and its cited parameter file
# `src/ketamine_moa/data/parameters.csv`; this notebook contains no model code of its own.

# %% [markdown]
# ## Setup

# %%
from collections import Counter

import numpy as np
from IPython.display import Markdown, display

from ketamine_moa import (daily_citalopram, model_parameters, parameter_table, simulate,
                          single_infusion)
from ketamine_moa.claims import GRADE_MEANINGS, GRADE_WORDS, claims_text, read_claims, show_claims
from ketamine_moa.demos.safety_demo import (FRACTION_OF_PEAK, describe_time, infusion_course,
                                            safety)
from ketamine_moa.plotting import display_unit, use_house_style
from ketamine_moa.readouts import fade_time_h, peak
from ketamine_moa.widgets import panel, show_sweep

use_house_style()
claims = read_claims()                   # src/ketamine_moa/data/claims.csv, validated
by_id = {c.id: c for c in claims}
symptom_params = model_parameters().symptoms
baseline_score = symptom_params.baseline_score_points
DAY_H = 24.0

# %% [markdown]
# ## 1. How the grades work
#
# **Question.** What does a grade say, and what would change it?
#
# | grade | word | meaning |
# |---|---|---|
# | **A** | strong | well supported in humans: replicated randomised trials or meta-analyses |
# | **B** | moderate | supported (robust in rodents plus some human evidence), but transient or condition-dependent |
# | **C** | weak | mostly preclinical or speculative in humans; for the clinical indications, small, mixed or biased human trials |
# | **D** | misleading | wrong or misleading as stated |
#
# A pair such as **C/D** means the grade depends on how the claim is read; the evidence text
# says which reading gets which letter. Four questions move a grade:
#
# 1. *Species.* Is it shown in people, or only in rats and mice (whose doses, time courses and
#    "depression" are models)?
# 2. *Control.* Was the comparison blinded, and against an **active** placebo? Ketamine's
#    dissociation tells most patients which arm they are in, and effects are about 2.5 times
#    larger against saline than against midazolam (Wilkinson et al. 2019).
# 3. *Size and duration.* How many patients, and does the effect last beyond days?
# 4. *Mechanism.* Is the step shown to be **necessary** (blocking it stops the effect), or
#    only to happen alongside it?
#
# All {{ len(claims) }} claims at a glance (the detailed tables follow in sections 2–4):

# %%
print(claims_text(claims))
counts = Counter(c.grade for c in claims)
print("\n" + ", ".join(f"{grade}: {counts[grade]}" for grade in sorted(counts))
      + f"  ({len(claims)} claims)")
pairs = sorted(grade for grade in counts if "/" in grade)       # for the summary
n_pairs = sum(counts[grade] for grade in pairs)
weak_claims = [c for c in claims if set(c.letters) & {"C", "D"}]  # for Exercise 3
assert set(GRADE_WORDS) == set(GRADE_MEANINGS) == set("ABCD")

# %% [markdown]
# ## 2. Claims about how it works
#
# **Question.** Which mechanism claims are right, which are stretched, and which are
# backwards? The last column names the notebook section whose demo shows the mechanism.

# %%
MECHANISM = ["ion-influx", "glutamate-surge", "rewires-brain", "bdnf-new-neurons",
             "anti-inflammatory"]
show_claims([by_id[i] for i in MECHANISM])

# %% [markdown]
# **The same claims in the toy.** One research-trial infusion (0.5 mg/kg over 40 min, used
# only as a reference) run through `simulate`, and six weeks of daily citalopram for the
# neurogenesis comparison:

# %%
run = simulate(single_infusion(), t_end_h=14 * DAY_H)
ssri = simulate(daily_citalopram(20.0, 42), t_end_h=42 * DAY_H)

plasma_peak, t_plasma = peak(run, "ketamine_plasma_uM")
block_interneuron = run.at("nmda_block_interneuron", t_plasma)
block_pyramidal = run.at("nmda_block_pyramidal", t_plasma)
print(f"plasma peak {plasma_peak:.2f} µM at {describe_time(t_plasma)}; NMDA receptors blocked "
      f"then: interneurons {block_interneuron:.0%}, "
      f"pyramidal cells {block_pyramidal:.0%} (blocked, not opened)")
glu_peak, t_glu = peak(run, "glutamate_rel")
GLU_BAND = 0.05   # "back to baseline": within 5% of it
after = (run.t_h > t_glu) & (run["glutamate_rel"] < 1 + GLU_BAND)
t_glu_back = run.t_h[after][0]
print(f"glutamate surge: +{100 * (glu_peak - 1):.0f}% at {describe_time(t_glu)}, back within "
      f"{GLU_BAND:.0%} of baseline by {describe_time(t_glu_back)}")
spine_peak, t_spine = peak(run, "spine_density_rel")
print(f"spine density: +{100 * (spine_peak - 1):.1f}% at day {t_spine / DAY_H:.1f}, "
      f"+{100 * (run.at('spine_density_rel', 14 * DAY_H) - 1):.1f}% at day 14")
print(f"new hippocampal neurons: ketamine {100 * (run['new_neurons_rel'].max() - 1):+.1f}% "
      f"at any time; citalopram 20 mg daily "
      f"{100 * (ssri.at('new_neurons_rel', 42 * DAY_H) - 1):+.1f}% at week 6")

# %% [markdown]
# ### What the toy shows, and what it cannot
#
# - **Ion influx (D).** At the plasma peak the drug has *closed off* about
#   {{ block_interneuron:.0% }} of the interneurons' NMDA receptors and about
#   {{ block_pyramidal:.0% }} of the pyramidal cells'. Any extra firing
#   comes later and indirectly, through disinhibition (notebooks 02 and 03).
# - **Glutamate surge (B).** The toy's surge is {{ glu_peak - 1:+.0% }} and over within
#   about {{ describe_time(t_glu_back) }}, the shape of the human MRS data (Milak et al.
#   2016), not a "flood".
# - **Rewiring (C/D).** The spine gain is about {{ spine_peak - 1:.0% }}, peaks after
#   {{ t_spine / DAY_H:.1f }} days and is still partly there at day 14: a rodent-based
#   account. In people, synaptic-density PET found no measurable change 24 h after one dose
#   (Holmes et al. 2022), so the toy's spine gain has no human measurement behind it.
# - **New neurons (D/C).** In the toy ketamine makes no new neurons and six weeks of
#   citalopram does. That is built into the model (neurogenesis sits only on the slow SSRI
#   branch, as in the rodent data of Santarelli et al. 2003), so it illustrates the
#   distinction; it is not independent evidence for it.
# - **Anti-inflammatory (C).** Not in the model at all. A toy can only show what someone
#   put into it; the grade comes from the studies, not from the simulation.

# %% [markdown]
# ## 3. Claims about the clinic
#
# **Question.** How fast, how often and for how long does ketamine help, and how does it
# differ from an SSRI?

# %%
CLINIC = ["rapid-antidepressant", "works-70-80", "six-infusions-standard", "differs-from-ssris",
          "ssris-take-weeks", "no-dissociation-low-dose", "no-abuse-risk"]
show_claims([by_id[i] for i in CLINIC])

# %% [markdown]
# The toy's score is a population-average improvement (MADRS-like points, baseline minus
# score), so it can show timing but not a response *rate*. Timing after one infusion, and the
# SSRI contrast:
#
# ### Predict first
#
# After one infusion, on which day is the toy's improvement largest, and is anything left at
# day 12? On daily citalopram, does the target fill before or after half the benefit has come?

# %%
gain = baseline_score - run["symptom_score"]
gain_at = {}
for label, hours in [("2 h", 2.0), ("1 day", DAY_H), ("7 days", 7 * DAY_H),
                     ("12 days", 12 * DAY_H)]:
    gain_at[label] = float(np.interp(hours, run.t_h, gain))
    print(f"one infusion, {label:>7}: improvement {gain_at[label]:4.1f} "
          f"points; plasma {run.at('ketamine_plasma_uM', hours) / plasma_peak:.2%} of its peak")
occupancy = ssri["sert_occupancy"]
ssri_gain = baseline_score - ssri["symptom_score"]
OCCUPIED = 0.9   # "occupied": at 90% of the plateau
day_occ = ssri.t_h[np.argmax(occupancy >= OCCUPIED * occupancy.max())] / DAY_H
day_half = ssri.t_h[np.argmax(ssri_gain >= 0.5 * ssri_gain.max())] / DAY_H
print(f"citalopram: SERT occupancy reaches {OCCUPIED:.0%} of its {occupancy.max():.0%} plateau "
      f"by day "
      f"{day_occ:.0f}; half of the improvement only by day {day_half:.0f}")
# the share of the week-6 improvement already there at the end of week 1 (Taylor et al. 2006:
# about a third of the drug-attributable effect)
week1_share = ssri.at("symptom_score", 0.0) - ssri.at("symptom_score", 7 * DAY_H)
week1_share /= ssri.at("symptom_score", 0.0) - ssri.at("symptom_score", 42 * DAY_H)
print(f"citalopram: {week1_share:.0%} of the week-6 improvement is there at the end of week 1")

# %% [markdown]
# ### What you should have seen
#
# - One infusion helps within hours and most at day 1, long after the drug has mostly gone.
#   By day 12 only about {{ gain_at['12 days']:.0f }} points are left, a little more than the
#   trials show (they lose the difference from placebo by days 10–12; Kishimoto et al. 2016).
#   "Lasting relief" from one infusion is not what the data or the toy show.
# - For citalopram the target is occupied within a day or two ({{ OCCUPIED:.0% }} of its
#   plateau by day {{ day_occ:.0f }}), yet half of the improvement takes {{ day_half:.0f }}
#   days: the delay lies downstream of serotonin, which is why "SSRIs only raise serotonin" is
#   too simple (grade B for the claim as a whole).
# - "SSRIs take 4–6 weeks to work" (C/D) <!-- typed: a claim as marketing states it, not a model number -->
#   is half true. In placebo-controlled trials SSRIs pulled ahead of placebo in week 1, with
#   about a third of the week-6 drug effect already there (Taylor et al. 2006). The toy's SSRI
#   has {{ week1_share:.0% }} of its week-6 improvement at the end of week 1; it is built on the
#   "delay" account (notebook 06), so it illustrates that account rather than testing the
#   claim.
# - The clinical claims about *rates* (70–80%) and *schedules* (six infusions) cannot be
#   graded with a population-average toy; their grades rest on the trials in the table.
#   <!-- typed: a claim as marketing states it, not a model number -->

# %% [markdown]
# ## 4. The other indications
#
# **Question.** Ketamine clinics often list anxiety, PTSD, OCD, chronic pain and suicidal
# thoughts. How strong is the evidence for each? None of these is modelled by the toys.

# %%
INDICATIONS = ["suicidal-thoughts", "ptsd", "anxiety", "chronic-pain", "ocd"]
show_claims([by_id[i] for i in INDICATIONS], with_demo=False)

# %% [markdown]
# **Ranking, strongest first.**
#
# 1. **Suicidal thoughts (B, moderate).** A meta-analysis of individual patients from ten
#    controlled trials and an 80-patient trial against an active placebo agree that suicidal
#    *ideation* falls within a day. The effect lasts about a week, and no trial has shown
#    fewer suicide attempts or deaths: fast relief of a symptom, not suicide prevention.
# 2. **PTSD (C, weak).** Positive small trials in mainly civilian samples, but the largest
#    trial (158 veterans and service members) was negative for PTSD symptoms, and a
#    meta-analysis finds a small effect that does not survive a correction for small-study
#    bias.
# 3. **Anxiety disorders (C, weak).** Six small acute trials across three diagnoses; a large
#    odds ratio for social anxiety rests on two trials and has a confidence interval running
#    from about 3 to 243.
# 4. **Chronic pain (C, weak).** Seven trials, all but one at high risk of bias; a
#    reduction of about 1.8 points on a 0–10 scale for up to two weeks (Orhurhu et al.
#    2019).
# 5. **OCD (C, weak).** One randomised trial with 8 patients on ketamine and 7 on saline, and
#    a negative open-label study of 10.
#
# The common thread: small trials, short follow-up, and blinding that dissociation can break.
# The grades for the indications reflect the quality of the human evidence; none has rodent
# plasticity data behind it of the kind that supports the depression story.

# %% [markdown]
# ## 5. Competing hypotheses
#
# **Question.** What starts and sustains ketamine's antidepressant effect? Several accounts
# compete; they are not mutually exclusive.
#
# | hypothesis | core idea | evidence for | evidence against | in the toys? |
# |---|---|---|---|---|
# | **Disinhibition** | the drug blocks busy NMDA receptors on GABA interneurons; pyramidal cells fire, glutamate surges, AMPA → BDNF → TrkB → mTORC1 → spines | inverted-U glutamate rise in rat PFC (Moghaddam et al. 1997); interneurons slow before pyramidal cells speed up (Homayoun & Moghaddam 2007); deleting GluN2B from interneurons abolishes the effect (Gerhard et al. 2020); human Glx rise (Milak et al. 2016) | the surge lasts under an hour while the effect lasts days; oral rapamycin in people did not block the 24 h effect and prolonged it (Abdallah et al. 2020); deleting GluN2B from principal neurons mimics and occludes the effect (Miller et al. 2014); no cell-type measurement of the block itself | **yes**: `simulate(..., trigger="disinhibition")`, the default (notebook 03) |
# | **Rest block / eEF2K** (direct action on pyramidal cells) | blocking NMDA receptors activated by spontaneous release *at rest* switches off eEF2 kinase, so BDNF is translated fast; no surge needed | Autry et al. 2011; loss of the fast effect without GluA2 (Nosyreva et al. 2013); deleting GluN2B only from principal cortical neurons mimics and occludes ketamine's effects (Miller et al. 2014) | deleting GluN2B from principal (pyramidal) cells did not block the effect (Gerhard et al. 2020) | **yes**: `simulate(..., trigger="rest_block")` (notebook 03, section 5) |
# | **HNK metabolite** | the metabolite (2R,6R)-hydroxynorketamine acts through AMPA receptors without blocking NMDA receptors | metabolism to HNK needed in mice (Zanos et al. 2016) | HNK ineffective in rat learned helplessness (Shirayama & Hashimoto 2018); HNK does block NMDA receptors at rest (Suzuki et al. 2017); no direct HNK target found in broad screens (Bonaventura et al. 2022) | **no** (no metabolites in the PK model) |
# | **Lateral habenula** | ketamine stops NMDA-dependent burst firing in the lateral habenula, releasing monoamine centres; trapped drug keeps the block for about a day | rats and mice (Yang Y et al. 2018); trapping in habenula NMDA receptors sustains the block for up to 24 h in mice (Ma et al. 2023) | sustained effects found to be independent of the lateral habenula (Zhou et al. 2021); no human data | **no** (trapping is shown for one receptor in notebook 02, not in the habenula) |
# | **Opioid involvement** | the antidepressant effect needs opioid receptors, directly or via endogenous opioids | naltrexone blunted the effect but not dissociation in 12 completers; the trial stopped early (Williams et al. 2018) | small, stopped early; in a 65-patient trial in depression with alcohol use disorder, ketamine with naltrexone did as well as ketamine alone (Yoon et al. 2025; all arms, even midazolam, improved) | **no** |
#
# The two switchable triggers differ in *what* starts BDNF release. Does the choice matter
# downstream?

# %% [markdown]
# ### Predict first
#
# With `trigger="rest_block"` instead of `"disinhibition"`, will the BDNF peak be earlier or
# later, larger or smaller? Will the spine gain at 24 h differ much? And what happens to each
# when the interneurons lose their NMDA receptors (`interneuron_nmda_loss` = 1), and when the
# pyramidal cells do (`pyramidal_nmda_loss` = 1)?

# %%
lines = [f"{'trigger':<14} {'NMDA receptors removed':>23} {'BDNF peak':>10} {'at':>8} "
         f"{'spines at 24 h':>15} {'improvement at 24 h':>20}"]
# (trigger, interneuron NMDA loss 0.0 or 1.0) or (trigger, "pyramidal") -> read-outs
triggers = {}
KNOCKOUTS = [(0.0, "none", {}), (1.0, "interneurons", {"interneuron_nmda_loss": 1.0}),
             ("pyramidal", "pyramidal cells", {"pyramidal_nmda_loss": 1.0})]
for trigger in ("disinhibition", "rest_block"):
    for key, label, knockout in KNOCKOUTS:
        r = simulate(single_infusion(), t_end_h=48.0, trigger=trigger, interventions=knockout)
        bdnf, t_bdnf = peak(r, "bdnf_release_rel")
        triggers[trigger, key] = {
            "bdnf": bdnf - 1, "t_bdnf": t_bdnf,
            "spines_24h": r.at("spine_density_rel", 24.0) - 1,
            "improvement_24h": baseline_score - r.at("symptom_score", 24.0)}
        lines.append(f"{trigger:<14} {label:>23} "
                     f"{100 * (bdnf - 1):+9.0f}% {describe_time(t_bdnf) if bdnf > 1 else '-':>8} "
                     f"{100 * (r.at('spine_density_rel', 24.0) - 1):+14.1f}% "
                     f"{baseline_score - r.at('symptom_score', 24.0):15.1f} points")
print("\n".join(lines))  # one print, so the output is a single block

# %% [markdown]
# ### What you should have seen
#
# - **Disinhibition** gives a large, early BDNF pulse (at the glutamate peak, well before
#   the infusion ends); **rest block** a smaller one that peaks when the infusion ends and
#   fades with the drug. Downstream, the two give almost the same spine gain and improvement
#   at 24 h: the slow steps integrate either signal. The time course of the mood effect
#   alone therefore cannot tell the two triggers apart.
# - Removing the interneurons' NMDA receptors abolishes the disinhibition signal but leaves
#   rest block untouched. That is the logic of the Gerhard et al. (2020) knockouts, which
#   favoured disinhibition.
# - Removing the pyramidal cells' NMDA receptors does the reverse: with rest block there is
#   nothing left to block ({{ triggers['rest_block', 'pyramidal']['improvement_24h']:.1f }}
#   points at 24 h), the occlusion Miller et al. (2014) found after deleting GluN2B from
#   principal neurons; with disinhibition the knockout does not block the effect
#   ({{ triggers['disinhibition', 'pyramidal']['improvement_24h']:.1f }} points, against
#   {{ triggers['disinhibition', 0.0]['improvement_24h']:.1f }} in the wild type, because the
#   surge is larger). Each knockout
#   study fits one trigger, so **the cell type on which ketamine acts is an open question**.
#   The toy shows only the occlusion; it assumes a knockout is compensated, so a deletion
#   alone does not mimic the drug.
# - HNK, the lateral habenula and opioids are not in the toys, so no simulation here can
#   support or weaken them.

# %% [markdown]
# ## 6. Safety: dissociation and blood pressure track the drug level
#
# **Question.** When during and after an infusion are dissociation and the blood-pressure
# rise largest, and why do they fade within hours while the mood effect lasts days?
#
# **The model.** Both read-outs are direct functions of the plasma level $c(t)$ from the
# pharmacokinetic model (notebook 01), with no delay:
#
# $$\text{dissociation}(t) = \frac{c(t)^n}{c(t)^n + EC_{50}^n}, \qquad
#   \Delta\text{SBP}(t) = \Delta\text{SBP}_\mathrm{max}\,\frac{c(t)^m}{c(t)^m + EC_{50,\mathrm{bp}}^m}.$$
#
# Dissociation is on a 0–1 toy scale (not CADSS points). The blood-pressure curve is chosen so
# that the standard infusion reproduces the mean peak of a chart review of 2342 infusions:
# systolic pressure +16.0 mmHg (SD 11.2) at 40 min after the start, with severe hypertension
# in 0.98% of sessions (Gen Hosp Psychiatry 2024, SAFE-01 in `src/ketamine_moa/data/findings.csv`). The
# parameters, from `src/ketamine_moa/data/parameters.csv`:

# %%
rows = parameter_table()
lines = ["| parameter | value | unit | source |", "|---|---|---|---|"]
for name in ("dissociation_ec50_uM", "dissociation_hill_n", "bp_rise_max_mmHg", "bp_ec50_uM",
             "bp_hill_n"):
    row = rows[name]
    lines.append(f"| {row.description} | {row.value:g} | {display_unit(row.unit)} | "
                 f"{row.reference.split(' (')[0]}, [doi:{row.doi}](https://doi.org/{row.doi}) |")
display(Markdown("\n".join(lines)))

# %% [markdown]
# **About the sliders.** The sliders change the amount (mg/kg) and the infusion duration over
# the ranges used in notebook 01, to illustrate pharmacology: how a read-out that follows the
# drug level responds when the level rises faster or higher. **They are not a dosing guide**,
# and no setting is a recommendation. The dashed grey lines show the research-trial infusion,
# 0.5 mg/kg over 40 min, as a reference; the black square is the chart-review mean and SD.

# %% [markdown]
# ### Predict first
#
# Keep the amount at 0.5 mg/kg and lengthen the infusion from 40 to 100 min. Will the peaks
# of dissociation and of the blood-pressure rise come earlier, later or at the same time?
# Will they be larger or smaller? Then go back to 40 min and double the amount: does
# dissociation double too?

# %%
panel(safety)

# %%
show_sweep(safety)

# %% [markdown]
# The numbers behind the figure:

# %%
lines = [f"{'setting':<24} {'plasma peak':>12} {'dissociation':>13} {'systolic rise':>14} "
         f"{'peak at':>8} {'dissociation < 10% of peak from':>32}"]
for mg, minutes in [(0.25, 40.0), (0.5, 40.0), (1.0, 40.0), (0.5, 20.0), (0.5, 100.0)]:
    r = infusion_course(mg, minutes)
    p, when = peak(r, "ketamine_plasma_uM")
    setting = f"{mg:g} mg/kg over {minutes:.0f} min"
    lines.append(f"{setting:<24} {p:9.2f} µM {peak(r, 'dissociation')[0]:13.2f} "
                 f"{peak(r, 'systolic_bp_change_mmHg')[0]:+10.1f} mmHg {describe_time(when):>8} "
                 f"{describe_time(fade_time_h(r, FRACTION_OF_PEAK, 'dissociation')):>32}")
standard = infusion_course()
standard_bp, t_standard_bp = peak(standard, "systolic_bp_change_mmHg")
standard_at = {}   # read-outs at 2 and 3 h, as a fraction of their peaks (rise in mmHg)
for hours in (2.0, 3.0):
    standard_at[hours] = {
        "dissociation": standard.at("dissociation", hours) / peak(standard, "dissociation")[0],
        "plasma": (standard.at("ketamine_plasma_uM", hours)
                   / peak(standard, "ketamine_plasma_uM")[0]),
        "systolic": standard.at("systolic_bp_change_mmHg", hours)}
    lines.append(
        f"standard infusion at {hours:.0f} h after the start: dissociation "
        f"{standard_at[hours]['dissociation']:.0%} of its peak, systolic rise "
        f"{standard_at[hours]['systolic']:+.1f} mmHg, plasma "
        f"{standard_at[hours]['plasma']:.0%} of its peak")
print("\n".join(lines))
# for exercise 1 below: when dissociation has faded, and the other read-outs then
infusion_end_h = single_infusion()[0].duration_h
diss_below_h = fade_time_h(standard, FRACTION_OF_PEAK, "dissociation")
plasma_then = (standard.at("ketamine_plasma_uM", diss_below_h)
               / peak(standard, "ketamine_plasma_uM")[0])
systolic_then = standard.at("systolic_bp_change_mmHg", diss_below_h)

# %% [markdown]
# ### What you should have seen
#
# - Plasma level, dissociation and the systolic rise all peak at the **same moment**, the end
#   of the infusion, and fall together. For the reference infusion the toy gives
#   {{ standard_bp:+.1f }} mmHg at {{ describe_time(t_standard_bp) }}, on the chart-review
#   mean. Against the plasma level (right-hand panels of the
#   static figure) every run lies on one curve: in the toy, the level alone sets the
#   read-outs.
# - A longer infusion of the same amount gives a lower, later peak of all three. Doubling the
#   amount does **not** double dissociation, because the Hill curve saturates; and because it
#   is steep ($n = {{ symptom_params.dissociation_hill_n:g }}$), dissociation falls faster
#   than plasma: at 2 h after the start it is about
#   {{ standard_at[2.0]['dissociation']:.0% }} of its peak while plasma is still about
#   {{ standard_at[2.0]['plasma']:.0% }} of its peak.
# - Within a few hours both read-outs are small, while the antidepressant improvement of
#   section 3 is largest a day later. Side effects that follow the drug level and a benefit
#   that outlasts it are the two faces of the same short exposure (notebooks 01 and 05).

# %% [markdown]
# ## 7. Abuse liability, and why ketamine is given under monitoring
#
# These are facts from the sources named; they describe practice and regulation, and are
# not advice.
#
# - **A controlled drug with a history of misuse.** Ketamine has been used recreationally
#   for decades. Esketamine nasal spray (Spravato) is a Schedule III controlled substance in
#   the US, and its label carries a boxed warning on sedation, dissociation, abuse and misuse,
#   and suicidal thoughts and behaviours (Spravato US prescribing information, 2019).
# - **How large is the risk?** Hard to say, because trials have rarely measured it: a
#   systematic review of ketamine for depression found selective reporting and little
#   assessment of long-term use and safety after repeated doses (Short et al. 2018). A
#   2022 review judged the misuse risk comparable with that of stimulants or
#   benzodiazepines (Swainson et al. 2022), and US surveillance shows rising misuse of
#   ketamine but not of the more tightly controlled esketamine (Clin Toxicol 2024 commentary).
# - **What monitoring covers.** The esketamine label requires observation by a healthcare
#   provider for at least 2 hours at each session, followed by an assessment of whether the
#   patient is stable enough to leave, and restricts the drug to certified settings (a REMS
#   programme); the manufacturer's guidance adds blood-pressure checks before and about
#   40 minutes after the dose. In the Yale chart review, blood pressure was recorded during 2342 intravenous
#   infusions; it peaked at 40 min, and severe hypertension occurred in about 1 in 100
#   sessions.
# - **Why the timing fits the model.** The effects that need watching (dissociation,
#   sedation, blood pressure) follow the drug level, so they are largest at the end of the
#   dose and fade over the next hours (section 6). The toy cannot say when a particular
#   person is fit to leave; that is a clinical judgement made with measurements, not a
#   simulation.

# %% [markdown]
# ## Exercises

# %% [markdown]
# ### Exercise 1: what if dissociation followed the drug level less steeply?
#
# In section 6 dissociation falls faster than the drug level because of its steep Hill curve
# ($n = {{ symptom_params.dissociation_hill_n:g }}$, `dissociation_hill_n`). Suppose the curve
# were not steep: run `simulate(single_infusion(), t_end_h=24.0, params=...)` with
# `params={"dissociation_hill_n": 1.0}` and find the first time after the peak at which
# `dissociation` is below {{ FRACTION_OF_PEAK:.0% }} of its peak (`t_below_n1`, in hours from the
# start of the infusion). Before you run it, guess: a little later than in section 6, or much later?
#
# *Expected result:* several times later than the {{ diss_below_h:.0f }} h of section 6: without
# the steep curve dissociation would follow the slow terminal fall of the plasma level. How
# long people need watching hangs on the shape of the concentration–effect curve, which the
# toy fits to one mean, not to a concentration–response study.

# %% tags=["solution"] answer={"t_below_n1": 0.03} hint="Pass params={\"dissociation_hill_n\": 1.0} and run for 24 h (6 h is too short); look only after the peak (t_h greater than the time of the maximum), and give the time in hours from the start of the infusion."
shallow = simulate(single_infusion(), t_end_h=24.0, params={"dissociation_hill_n": 1.0})
d = shallow["dissociation"]
i_peak = int(np.argmax(d))
below = np.nonzero((shallow.t_h > shallow.t_h[i_peak]) & (d < FRACTION_OF_PEAK * d[i_peak]))[0][0]
t_below_n1 = shallow.t_h[below]
print(f"Hill n = 1: dissociation below {FRACTION_OF_PEAK:.0%} of its peak from {t_below_n1:.1f} h "
      f"(n = {symptom_params.dissociation_hill_n:g}: {diss_below_h:.1f} h); plasma then "
      f"{shallow['ketamine_plasma_uM'][below] / shallow['ketamine_plasma_uM'].max():.0%} of its peak")

# %% [markdown]
# ### Exercise 2: grade a new claim yourself
#
# A clinic page says: *"Ketamine floods the brain with glutamate for days, and that is why the
# benefit lasts."* Grade it with the evidence you have seen, write one sentence that gives your
# reason, and use `simulate` to show the glutamate time course beside the benefit. Store your
# grade as a letter in `choice_09`:
#
# - (a) A, {{ GRADE_WORDS['A'] }}: {{ GRADE_MEANINGS['A'] }}.
# - (b) B, {{ GRADE_WORDS['B'] }}: {{ GRADE_MEANINGS['B'] }}.
# - (c) C, {{ GRADE_WORDS['C'] }}: {{ GRADE_MEANINGS['C'] }}.
# - (d) D, {{ GRADE_WORDS['D'] }}: {{ GRADE_MEANINGS['D'] }}.
#
# *Expected result:* **D (misleading).** The rise in glutamate is real (claim
# "glutamate-surge", B) but brief: in patients, prefrontal Glx peaked about 26 min into the
# infusion (Milak et al. 2016), and in rats the rise disappears at higher doses (Moghaddam et
# al. 1997). In the toy, glutamate is back within {{ GLU_BAND:.0% }} of baseline
# {{ describe_time(t_glu_back) }} after the start, while the improvement is largest a day
# later and still present at day 3. What outlasts the drug is what the surge leaves behind
# (potentiation and new spines, notebooks 04 and 05), not the surge itself. The claim would
# need glutamate measurements days after an infusion to move up a grade.

# %% tags=["solution"] answer={"choice_09": 0.01} options={"a": "No: there is no human measurement of raised glutamate days after an infusion; the surge measured in patients lasted minutes.", "b": "No: B fits the surge itself (claim glutamate-surge), but this claim adds 'for days' and makes the surge the reason the benefit lasts, and that part is contradicted.", "c": "No: the evidence is not merely weak or mixed; it speaks against the claim: the surge is brief, and what lasts is what it leaves behind.", "d": "Yes: the surge is real but brief (minutes to an hour), while the benefit peaks a day later; what outlasts the drug is potentiation and new spines, not the surge."} hint="Separate the claim into its parts: is glutamate raised, for how long, and does the benefit last because of it? Compare the glutamate curve with the improvement at 1 and 3 days."
choice_09 = "d"  # misleading: a real but brief surge, told as lasting for days
r = simulate(single_infusion(), t_end_h=4 * DAY_H)
g = r["glutamate_rel"]
i_peak = int(np.argmax(g))
back = r.t_h[np.nonzero((r.t_h > r.t_h[i_peak]) & (g < 1 + GLU_BAND))[0][0]]
improvement = baseline_score - r["symptom_score"]
print(f"glutamate: +{100 * (g[i_peak] - 1):.0f}% at {60 * r.t_h[i_peak]:.0f} min, within "
      f"{GLU_BAND:.0%} of baseline from {60 * back:.0f} min")
for label, hours in [("1 day", DAY_H), ("3 days", 3 * DAY_H)]:
    change = round(100 * (r.at("glutamate_rel", hours) - 1), 1) + 0.0  # no "-0.0"
    print(f"at {label}: glutamate {change:+.1f}%, improvement "
          f"{float(np.interp(hours, r.t_h, improvement)):.1f} points")

# %% [markdown]
# ### Exercise 3: where are the weak spots?
#
# Using `read_claims()`, list the claims graded C or worse (including the pairs) that no demo
# illustrates. Store how many claims are graded C or worse (`n_weak`) and how many of them
# have no demo (`n_weak_no_demo`). What do they have in common?
#
# *Expected result:* {{ len(weak_claims) }} of the {{ len(claims) }} claims are graded C, D or
# a pair, and {{ sum(not c.demo for c in weak_claims) }} of them have no demo: "anti-inflammatory", "no abuse risk" and the PTSD, OCD, anxiety and
# chronic-pain indications. They are about things the toys do not model (inflammation,
# addiction, other disorders), so their grades rest on human studies alone, and a toy cannot
# help you argue with them.

# %% tags=["solution"] answer={"n_weak": 0.01, "n_weak_no_demo": 0.01} hint="A pair such as \"C/D\" counts when either letter is C or D: use set(c.letters) & {\"C\", \"D\"}; a claim has no demo when c.demo is empty."
weak = [c for c in read_claims() if set(c.letters) & {"C", "D"}]
n_weak, n_weak_no_demo = len(weak), sum(not c.demo for c in weak)
print(f"{len(weak)} of {len(claims)} claims are graded C, D or a pair with C or D")
for c in weak:
    shown = "demo: " + ", ".join(c.demo) if c.demo else "no demo"
    print(f"  {c.grade_label:<26} {c.id:<26} {shown}")
print(f"without a demo: {sum(not c.demo for c in weak)}")

# %% [markdown]
# ## Summary
#
# - Of {{ len(claims) }} common claims, {{ counts['A'] }} is graded A (a fast antidepressant
#   effect of one infusion), {{ counts['B'] }} B, {{ counts['C'] }} C and {{ counts['D'] }} D, and
#   {{ n_pairs }} carry a pair ({{ ', '.join(pairs) }}) whose grade depends on the reading.
# - The mechanism is often told backwards or stretched: ketamine **blocks** ion flow (D);
#   the glutamate surge is real but brief (B); "rewiring" rests on rodent spines, and human
#   synaptic-density PET found no change at 24 h (C/D); and its BDNF acts on synapses, not on
#   new neurons (D/C). Which cell type ketamine acts on is contested (Gerhard et al. 2020
#   against Miller et al. 2014).
# - Clinically, the effect is fast but partial and short: about half respond at 24 h in
#   blinded trials (CLIN-04, CLIN-05), not 70–80%, and one infusion's benefit is gone by
#   days 10–12. Six infusions is a research convention, not a proven optimum (C). SSRIs do
#   not wait 4–6 weeks: they pull ahead of placebo in week 1, though the full effect takes
#   weeks (C/D). <!-- typed: a claim as marketing states it, not a model number -->
# - Among other indications, only the fast drop in suicidal ideation is moderately supported
#   (B); PTSD, anxiety, chronic pain and OCD rest on small or mixed trials (C).
# - Of five competing hypotheses, the toys contain two (disinhibition and rest block,
#   switchable with `trigger=`); HNK, the lateral habenula and opioids are not modelled.
# - Dissociation and the blood-pressure rise follow the drug level: largest at the end of an
#   infusion, small within a few hours. Ketamine has real abuse liability; with sedation and
#   dissociation, that is why its licensed form is given only in certified settings with at
#   least 2 hours of observation.

# %% [markdown]
# ## What this model leaves out
#
# - **Grades are judgements at a date.** They summarise the sources listed, read through
#   abstracts and summaries; a new large trial can move any of them. Several references were
#   checked only at the level of the abstract, and some details (noted in `src/ketamine_moa/data/claims.csv`)
#   could not be verified.
# - **The safety read-outs are toys.** Dissociation has no unit of a real scale, no delay
#   behind the plasma level, no acute tolerance and no variation between people; the
#   blood-pressure curve is fitted to one mean peak, not to a concentration–response study.
#   There is no sedation, nausea, heart rate, breathing, or effect of pre-existing
#   hypertension, and no metabolites (norketamine, HNK).
# - **Not modelled at all:** inflammation, addiction and tolerance, the other indications,
#   the lateral habenula, opioid receptors, and placebo or expectancy effects (which matter
#   greatly when dissociation breaks the blind).
# - **Population average only.** The score says nothing about any one person, and this
#   notebook computes no response rates.
#
# **Competing hypotheses.** Disinhibition and rest block are switchable in
# `simulate(trigger=...)`; they give similar downstream effects and differ mainly in the
# knockout experiments. The HNK, lateral-habenula and opioid accounts are not modelled, and
# each has both supporting and contradicting findings (section 5). They are not mutually
# exclusive: the drug may start the effect in more than one way.

# %% [markdown]
# ## References
#
# - Abdallah et al. (2020). *Neuropsychopharmacology* 45:990–997. [doi:10.1038/s41386-020-0644-9](https://doi.org/10.1038/s41386-020-0644-9)
# - Abdallah et al. (2022). Dose-related effects of ketamine for PTSD in veterans and active duty military. *Neuropsychopharmacology*. [doi:10.1038/s41386-022-01266-9](https://doi.org/10.1038/s41386-022-01266-9)
# - Autry et al. (2011). *Nature* 475:91–95. [doi:10.1038/nature10130](https://doi.org/10.1038/nature10130)
# - Bloch et al. (2012). *Biol Psychiatry* 72:964–970. [doi:10.1016/j.biopsych.2012.05.028](https://doi.org/10.1016/j.biopsych.2012.05.028)
# - Bonaventura et al. (2022). *Mol Psychiatry* 27:4144. [doi:10.1038/s41380-022-01673-w](https://doi.org/10.1038/s41380-022-01673-w)
# - CADSS dose–response study in treatment-resistant anxiety (ketamine 0.25 mg/kg to 1 mg/kg vs midazolam). *J Psychopharmacol* (authors not recorded). [doi:10.1177/0269881117725685](https://doi.org/10.1177/0269881117725685)
# - Can mind-altering prescription medicines be safe? Lessons from ketamine and esketamine (2024). *Clin Toxicol* (commentary; authors not recorded). [doi:10.1080/15563650.2024.2380773](https://doi.org/10.1080/15563650.2024.2380773)
# - Commons & Linnros (2019). *ACS Chem Neurosci* 10:3048–3052. [doi:10.1021/acschemneuro.8b00698](https://doi.org/10.1021/acschemneuro.8b00698)
# - Daly et al. (2019). *JAMA Psychiatry* 76:893–903. [doi:10.1001/jamapsychiatry.2019.1189](https://doi.org/10.1001/jamapsychiatry.2019.1189)
# - Dean et al. (2021). *Cochrane Database Syst Rev* CD011612. [doi:10.1002/14651858.CD011612.pub3](https://doi.org/10.1002/14651858.CD011612.pub3)
# - Feder et al. (2014). *JAMA Psychiatry* 71:681–688. [doi:10.1001/jamapsychiatry.2014.62](https://doi.org/10.1001/jamapsychiatry.2014.62)
# - Feder et al. (2021). *Am J Psychiatry* 178. [doi:10.1176/appi.ajp.2020.20050596](https://doi.org/10.1176/appi.ajp.2020.20050596)
# - Gerhard et al. (2020). *J Clin Invest* 130:1336–1349. [doi:10.1172/JCI130808](https://doi.org/10.1172/JCI130808)
# - Grunebaum et al. (2018). *Am J Psychiatry* 175. [doi:10.1176/appi.ajp.2017.17060647](https://doi.org/10.1176/appi.ajp.2017.17060647)
# - Han et al. (2016). *Neuropsychiatr Dis Treat* 12:2859–2867. [doi:10.2147/NDT.S117146](https://doi.org/10.2147/NDT.S117146)
# - Holmes et al. (2022). Imaging the effect of ketamine on synaptic density (SV2A) in the living brain. *Mol Psychiatry*. [doi:10.1038/s41380-022-01465-2](https://doi.org/10.1038/s41380-022-01465-2)
# - Homayoun & Moghaddam (2007). *J Neurosci* 27:11496–11500. [doi:10.1523/JNEUROSCI.2213-07.2007](https://doi.org/10.1523/JNEUROSCI.2213-07.2007)
# - Kishimoto et al. (2016). *Psychol Med* 46:1459–1472. [doi:10.1017/S0033291716000064](https://doi.org/10.1017/S0033291716000064)
# - Kopra et al. (2021). *J Psychopharmacol* 35:934–945. [doi:10.1177/02698811211026426](https://doi.org/10.1177/02698811211026426)
# - Lepack et al. (2015). *Int J Neuropsychopharmacol* 18:pyu033. [doi:10.1093/ijnp/pyu033](https://doi.org/10.1093/ijnp/pyu033)
# - Li et al. (2010). *Science* 329:959–964. [doi:10.1126/science.1190287](https://doi.org/10.1126/science.1190287)
# - Luckenbaugh et al. (2014). *J Affect Disord* 159:56–61. [doi:10.1016/j.jad.2014.02.017](https://doi.org/10.1016/j.jad.2014.02.017)
# - Ma et al. (2023). *Nature* 622:802–809. [doi:10.1038/s41586-023-06624-1](https://doi.org/10.1038/s41586-023-06624-1)
# - Mealing et al. (1999). *J Pharmacol Exp Ther* 288:204–210 (pmid:9862772).
# - Meyer et al. (2001). *Am J Psychiatry* 158:1843–1849. [doi:10.1176/appi.ajp.158.11.1843](https://doi.org/10.1176/appi.ajp.158.11.1843)
# - Milak et al. (2016). *Mol Psychiatry* 21:320–327. [doi:10.1038/mp.2015.83](https://doi.org/10.1038/mp.2015.83)
# - Miller et al. (2014). *eLife* 3:e03581. [doi:10.7554/eLife.03581](https://doi.org/10.7554/eLife.03581)
# - Moda-Sava et al. (2019). *Science* 364:eaat8078. [doi:10.1126/science.aat8078](https://doi.org/10.1126/science.aat8078)
# - Moghaddam et al. (1997). *J Neurosci* 17:2921–2927. [doi:10.1523/JNEUROSCI.17-08-02921.1997](https://doi.org/10.1523/JNEUROSCI.17-08-02921.1997)
# - Murrough et al. (2013). *Biol Psychiatry* 74:250–256. [doi:10.1016/j.biopsych.2012.06.022](https://doi.org/10.1016/j.biopsych.2012.06.022)
# - Nosyreva et al. (2013). *J Neurosci* 33:6990–7002. [doi:10.1523/JNEUROSCI.4998-12.2013](https://doi.org/10.1523/JNEUROSCI.4998-12.2013)
# - Orhurhu et al. (2019). *Anesth Analg* 129:241–254. [doi:10.1213/ANE.0000000000004185](https://doi.org/10.1213/ANE.0000000000004185)
# - Phillips et al. (2019). *Am J Psychiatry* 176:401–409. [doi:10.1176/appi.ajp.2018.18070834](https://doi.org/10.1176/appi.ajp.2018.18070834)
# - Phoumthipphavong et al. (2016). *eNeuro* 3:ENEURO.0133-15.2016. [doi:10.1523/ENEURO.0133-15.2016](https://doi.org/10.1523/ENEURO.0133-15.2016)
# - PTSD meta-analysis of ketamine RCTs (2024). *Eur J Psychotraumatol*, article 2299124 (authors not recorded). [doi:10.1080/20008066.2023.2299124](https://doi.org/10.1080/20008066.2023.2299124)
# - Rodriguez et al. (2013). *Neuropsychopharmacology* 38:2475–2483. [doi:10.1038/npp.2013.150](https://doi.org/10.1038/npp.2013.150)
# - Santarelli et al. (2003). *Science* 301:805–809. [doi:10.1126/science.1083328](https://doi.org/10.1126/science.1083328)
# - Shirayama & Hashimoto (2018). Lack of antidepressant effects of (2R,6R)-hydroxynorketamine in a rat learned helplessness model: comparison with (R)-ketamine. *Int J Neuropsychopharmacol* 21:84–88. [doi:10.1093/ijnp/pyx108](https://doi.org/10.1093/ijnp/pyx108)
# - Short et al. (2018). *Lancet Psychiatry* 5:65–78. [doi:10.1016/S2215-0366(17)30272-9](https://doi.org/10.1016/S2215-0366(17)30272-9)
# - Spravato (esketamine) nasal spray, US prescribing information (Janssen, 2019; FDA label, no DOI).
# - Suzuki et al. (2017). Effects of a ketamine metabolite on synaptic NMDAR function. *Nature* 546:E1. [doi:10.1038/nature22084](https://doi.org/10.1038/nature22084)
# - Swainson et al. (2022). *CNS Drugs*. [doi:10.1007/s40263-022-00897-2](https://doi.org/10.1007/s40263-022-00897-2)
# - Taylor et al. (2006). Early onset of selective serotonin reuptake inhibitor antidepressant action: systematic review and meta-analysis. *Arch Gen Psychiatry* 63:1217–1223. [doi:10.1001/archpsyc.63.11.1217](https://doi.org/10.1001/archpsyc.63.11.1217)
# - Whittaker et al. (2021). *Ther Adv Psychopharmacol* 11. [doi:10.1177/20451253211056743](https://doi.org/10.1177/20451253211056743)
# - Wilkinson et al. (2018). *Am J Psychiatry* 175:150–158. [doi:10.1176/appi.ajp.2017.17040472](https://doi.org/10.1176/appi.ajp.2017.17040472)
# - Wilkinson et al. (2019). *Neuropsychopharmacology* 44:1233–1238. [doi:10.1038/s41386-019-0317-8](https://doi.org/10.1038/s41386-019-0317-8)
# - Williams et al. (2018). *Am J Psychiatry* 175:1205–1215. [doi:10.1176/appi.ajp.2018.18020138](https://doi.org/10.1176/appi.ajp.2018.18020138)
# - Yale chart review of 2342 infusions (2024). *Gen Hosp Psychiatry* (authors not recorded). [doi:10.1016/j.genhosppsych.2024.07.001](https://doi.org/10.1016/j.genhosppsych.2024.07.001)
# - Yang Y et al. (2018). *Nature* 554:317–322. [doi:10.1038/nature25509](https://doi.org/10.1038/nature25509)
# - Yoon et al. (2025). Ketamine plus naltrexone for depression with alcohol use disorder. *Int J Neuropsychopharmacol*. [doi:10.1093/ijnp/pyaf056](https://doi.org/10.1093/ijnp/pyaf056)
# - Zanos et al. (2016). *Nature* 533:481–486 (DOI not verified).
# - Zhou et al. (2021). *J Neurosci* 41:4131. [doi:10.1523/JNEUROSCI.2521-20.2021](https://doi.org/10.1523/JNEUROSCI.2521-20.2021)

# %% [markdown]
# > **Educational use only:** this notebook is not medical advice and gives no dosing recommendations.
