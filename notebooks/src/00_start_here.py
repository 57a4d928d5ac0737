# %% [markdown]
# # Start Here: How Ketamine Works as a Rapid Antidepressant
#
# Most antidepressants, such as the SSRIs, help a little within the first week but need weeks
# for their full benefit. A single
# infusion of ketamine can lift depressive symptoms within hours, and the benefit lasts
# days, although the drug itself is gone from the blood within a day. This collection
# follows that puzzle link by link, from the drug in the blood to new synapses, with small
# models you can run, change and check against published data.
#
# **Learning objectives** (about 20 minutes)
#
# - Name the links of the chain from ketamine in the blood to a change in mood, and the
#   links of the slower SSRI chain.
# - Read a log-time axis and place each link on it: minutes, hours, days, weeks.
# - Use a live demo: predict, move a control, compare, and find the static figure below it.
# - Know where the models come from (`src/ketamine_moa/data/parameters.csv`) and what they are not.
#
# > **Educational use only.** These notebooks explain mechanisms with simplified models.
# > They are not medical advice and give no dosing recommendations.

# %% [markdown]
# > **Content note.** This unit is about depression and its treatment. Notebook 09 also discusses
# > suicidal thoughts (sections 4 and 7) and the misuse of ketamine. If a part is hard for you, you
# > may skip it or step out, and you can talk to your teacher. If you are struggling, or worried
# > about someone, contact your local support services: your doctor, student support, or an
# > emergency or crisis line. If you take medication, do not change it because of anything in these
# > notebooks: talk to the clinician who prescribes it.

# %% [markdown]
# ## Setup
#
# Every notebook starts with one cell of imports. The models live in the `ketamine_moa`
# package next to the notebooks; the notebooks only tell the story and draw.

# %%
from ketamine_moa import model_parameters, simulate, single_infusion
from ketamine_moa.cohort import REMISSION_POINTS, RESPONSE_FRACTION  # noqa: F401 (Markdown)
from ketamine_moa.demos.overview import FIRST_WIDGET, chain_figure
from ketamine_moa.demos.overview import first_widget_readout  # noqa: F401 (teacher guide)
from ketamine_moa.pk import ketamine_terminal_half_life_h
from ketamine_moa.plotting import use_house_style
from ketamine_moa.widgets import panel, show_figure, show_sweep

use_house_style()

# %% [markdown]
# ## 1. The whole chain in one picture
#
# The top half of the figure shows the two chains as boxes and arrows. The bottom half puts
# each link on a **log-time axis**: every tick is a step of roughly ten times, so one minute
# and twelve weeks fit on one line. Read it from left to right.

# %%
show_figure(chain_figure(),
            "Two flow diagrams, ketamine (solid boxes) and a daily SSRI (dashed boxes), above a "
            "log-time chart from 1 minute to 14 weeks: ketamine's plasma level, NMDA block, "
            "glutamate surge and BDNF signalling all happen within hours, new spines and better "
            "mood last from about a day to two weeks, while the SSRI's plasma level and SERT "
            "occupancy come within days and its adaptations and remission take weeks.",
            "00_chain_overview.png",
            caption="The ketamine and SSRI chains, and when each link acts on a log-time axis.")

# %% [markdown]
# What the picture says:
#
# - **Ketamine is a fast trigger.** Its plasma level and the block of NMDA receptors last
#   hours (notebooks 01-02). Through a brief burst of glutamate (03), AMPA receptors and the
#   release of the growth factor BDNF (04), it switches on mTORC1 and protein synthesis, and
#   new dendritic spines grow over the next day (05). The spines outlast the drug by days.
# - **An SSRI occupies its target in days, helps within a week, and builds its full benefit
#   over weeks.** The serotonin transporter (SERT) is about 80% occupied within days (Meyer
#   et al. 2001); pooled trials show a benefit over placebo by the end of week 1 that keeps
#   growing at a decreasing rate (Taylor et al. 2006), not a four-to-six-week delay; and
#   remission often takes two months or more (Trivedi et al. 2006), because slower
#   adaptations follow (06).
# - Notebook 07 puts every stage of both drugs on one axis, and notebook 08 turns the
#   mechanism into virtual patients and checks it against trial numbers.
#
# Some links are well established and others are contested; each notebook says which, and
# what its toy model leaves out.

# %% [markdown]
# ## 2. How to use a live demo
#
# Each demo has controls above a figure. The same pattern repeats in every notebook:
#
# 1. **Predict first.** Read the question above the demo and write down your guess.
# 2. **Move one control at a time.** The figure redraws when you release the slider.
#    Use the arrow keys on a focused slider for fine steps.
# 3. **Compare** what you see with your prediction, then read "What you should have seen".
#
# If you are reading a static copy (nbviewer, HTML or PDF), the controls do not respond:
# there is no Python running behind them. Each demo is therefore followed by a **static
# figure** that shows the same model across a range of the main control.
#
# **Predict first:** if you double the amount infused, what happens to the peak plasma
# level? To the time of the peak? To the share of NMDA current blocked at the peak?

# %%
panel(FIRST_WIDGET)

# %%
show_sweep(FIRST_WIDGET)
half_life_h = ketamine_terminal_half_life_h(model_parameters().pk_ketamine)

# %% [markdown]
# **What you should have seen.** The peak scales with the amount (the model is linear), the
# peak comes at the end of the 40-minute infusion whatever the amount, and every curve falls
# with the same half-life of about {{ half_life_h:.0f }} hours. The block does **not** double:
# it saturates, because each channel can hold only one drug molecule (notebook 02).
#
# The demos call the same function you can call yourself. `simulate` runs the chain and
# returns every stage on one time grid, in hours:

# %%
run = simulate(single_infusion(mg_per_kg=0.5), t_end_h=48)
peak_uM = run["ketamine_plasma_uM"].max()
t_peak_min = run.t_h[run["ketamine_plasma_uM"].argmax()] * 60
left_24h = run.at("ketamine_plasma_uM", 24) / peak_uM
print(f"outputs: {', '.join(run)}")
print(f"peak plasma ketamine: {peak_uM:.2f} µM at {t_peak_min:.0f} min")
print(f"left at 24 h: {100 * left_24h:.2f}% of the peak")

# %% [markdown]
# ## 3. Map of the collection
#
# | # | notebook | question | status |
# |---|---|---|---|
# | 00 | start here | what is the chain, how do I use this? | ready |
# | 01 | ketamine in the body | how much reaches the blood, for how long, by each route? | ready |
# | 02 | blocking the NMDA channel | what does ketamine do to the receptor, and how much at which level? | ready |
# | 03 | disinhibition and the glutamate surge | how does blocking a receptor *raise* glutamate? | ready |
# | 04 | AMPA and BDNF release | why AMPA carries the surge; what BDNF does | ready |
# | 05 | mTORC1 and new synapses | how a brief signal builds spines that last days | ready |
# | 06 | why SSRIs take weeks | target occupied in days, first benefit in a week, full benefit in weeks | ready |
# | 07 | the whole chain, fast vs slow | every stage of both drugs on one axis; the puzzle solved | ready |
# | 08 | from mechanism to patients | virtual cohorts vs trial numbers; the findings scorecard | ready |
# | 09 | claims and evidence | common claims graded against the evidence; safety | ready |
#
# Each notebook follows the same template: story, objectives, setup, numbered sections with
# a model, a live demo, a static figure and exercises, then a summary, what the model leaves
# out, references and this notice. Exercise solutions sit in cells tagged `solution`.

# %% [markdown]
# ## 4. Glossary
#
# | term | meaning |
# |---|---|
# | **NMDA receptor** | a glutamate-gated ion channel that lets Na⁺ and Ca²⁺ in when open; ketamine's main target |
# | **open-channel blocker** | a drug that enters an open channel pore and plugs it; ketamine is one |
# | **trapping** | the channel closes with the blocker inside, so the block outlasts the drug around it |
# | **interneuron** | a local inhibitory (GABA) neuron; many fire tonically and brake pyramidal cells |
# | **pyramidal neuron** | the main excitatory (glutamate) neuron of the cortex |
# | **disinhibition** | less inhibition: when interneurons slow down, pyramidal cells speed up |
# | **AMPA receptor** | the fast glutamate receptor that carries most excitatory current |
# | **BDNF** | brain-derived neurotrophic factor, a growth factor released by active synapses |
# | **TrkB** | the receptor for BDNF |
# | **mTORC1** | a kinase complex that switches on the making of synaptic proteins |
# | **dendritic spine** | a small protrusion that carries an excitatory synapse; stress removes them |
# | **SSRI** | selective serotonin reuptake inhibitor, e.g. citalopram |
# | **SERT** | the serotonin transporter that SSRIs block |
# | **5-HT1A autoreceptor** | a serotonin receptor on serotonin neurons that slows their firing |
# | **bioavailability (F)** | the fraction of a dose that reaches the circulation |
# | **half-life** | the time for a concentration to halve once distribution is over |
# | **µM** | micromolar, micromoles per litre (written "uM" in the data files) |
# | **MADRS** | Montgomery-Åsberg Depression Rating Scale, 0-60 points, lower is better (Montgomery and Åsberg 1979) |
# | **response / remission** | at least {{ 1 - RESPONSE_FRACTION:.0% }} lower score / a score low enough to count as well (e.g. MADRS ≤ {{ REMISSION_POINTS:.0f }}) |

# %% [markdown]
# ## Summary
#
# - Ketamine acts through a fast chain (hours) that triggers slow growth (days); an SSRI
#   occupies its target in days, helps within the first week and builds its full benefit
#   through adaptations that take weeks.
# - A log-time axis shows both on one line.
# - Every demo: predict, move one control, compare, and check the static figure.
#
# ## What these models leave out
#
# Each model is a deliberately small toy, fitted to a few published numbers, and each
# notebook lists what it leaves out. In short: averages stand in for people, rodent
# mechanisms stand in for human ones where human data do not exist, brain concentrations are
# taken equal to plasma ones, and several competing explanations (the ketamine metabolite
# hydroxynorketamine, the lateral habenula, opioid receptors) are discussed rather than
# modelled.
#
# ## References
#
# - Meyer JH et al. (2001) Am J Psychiatry 158:1843-1849. doi:10.1176/appi.ajp.158.11.1843
# - Trivedi MH et al. (2006) Am J Psychiatry 163:28-40. doi:10.1176/appi.ajp.163.1.28
# - Kishimoto T et al. (2016) Psychol Med 46:1459-1472. doi:10.1017/S0033291716000064
# - Li N et al. (2010) Science 329:959-964. doi:10.1126/science.1190287
# - Milak MS et al. (2016) Mol Psychiatry 21:320-327. doi:10.1038/mp.2015.83
# - Moda-Sava RN et al. (2019) Science 364:eaat8078. doi:10.1126/science.aat8078
# - Santarelli L et al. (2003) Science 301:805-809. doi:10.1126/science.1083328
# - Blier P et al. (1998) Ann N Y Acad Sci 861:204-216. doi:10.1111/j.1749-6632.1998.tb10192.x
# - Gerhard DM et al. (2020) J Clin Invest 130:1336-1349. doi:10.1172/JCI130808
# - Zanos P et al. (2018) Pharmacol Rev 70:621-660. doi:10.1124/pr.117.015198
# - Phoumthipphavong V et al. (2016) eNeuro 3:ENEURO.0133-15.2016. doi:10.1523/ENEURO.0133-15.2016
# - Kragh-Sørensen P et al. (1981) Acta Pharmacol Toxicol 48:53-60. PMID 6939299
# - Montgomery SA, Åsberg M (1979) Br J Psychiatry 134:382-389. doi:10.1192/bjp.134.4.382
#
# > **Educational use only.** This notebook explains mechanisms with simplified models. It is
# > not medical advice and gives no dosing recommendations.
