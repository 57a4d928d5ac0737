"""Demos for notebook 03, "Disinhibition and the glutamate surge".

Each demo draws the models of ``ketamine_moa.circuit`` (through ``chain.simulate``) with the
parameters of ``src/ketamine_moa/data/parameters.csv``; nothing here adds model logic.
``build`` makes the figure once, ``update`` changes its artists in place, ``sweep`` draws a new
static figure for readers without a kernel.

Data drawn on the figures:

* mPFC Glx +37.8 +/- 7.5% above baseline at ~26 min after 0.5 mg/kg IV over 40 min
  (Milak et al. 2016, doi:10.1038/mp.2015.83; finding GLU-04);
* antidepressant infusion peak about 0.5-1 uM and anaesthesia about 5-10 uM in plasma
  (Zanos et al. 2018, doi:10.1124/pr.117.015198), the same bands as notebook 02.

The infusion amounts are inputs of a toy model, not advice.
"""

from __future__ import annotations

import math
import numpy as np

from ..circuit import unadapted_pyramidal_rate_rel
from ..regimens import run_doses
from ..params import model_parameters
from ..pk import single_infusion
from ..plotting import (PALETTE, WHATIF_ROLES, marker_style, new_figure, role_style,
                        rounded_axis_top, shading)
from ..published import published
from ..receptors import blocked_fraction
from ..widgets import Choice, Demo, Slider
from . import finish_axes
from .channel import (ANAESTHETIC_EXAMPLE_UM, ANAESTHETIC_RANGE_UM, ANTIDEPRESSANT_RANGE_UM,
                      BAND_STYLE)

#: Milak et al. 2016: (minutes after infusion start, Glx % above baseline, +/- SEM).
MEASURED_GLX = next((v.x, v.value, v.sd) for v in published("glx_rise"))
T_END_H = 6.0
CLAMP_GRID_UM = np.logspace(-1, np.log10(20.0), 300)

SERIES_STYLE = {  # vocabulary role, label: the series differ without colour too
    "interneuron_rate_rel": ("interneuron", "interneuron rate"),
    "pyramidal_rate_rel": ("glutamate", "pyramidal rate = glutamate"),
}


def infusion_run(mg_per_kg: float = 0.5, interventions: dict | None = None,
                 trigger: str = "disinhibition"):
    """``simulate`` for one 40-min IV infusion, 6 h long (memoised in ``regimens``; read
    only)."""
    return run_doses(single_infusion(float(mg_per_kg)), T_END_H, interventions, trigger=trigger)


def clamped_pyramidal_rate(conc_uM):
    """Unadapted pyramidal rate at a clamped concentration (the inverted U)."""
    nmda = model_parameters().nmda
    b_i = blocked_fraction(conc_uM, nmda.nmda_tonic_open_rate_interneuron_per_s, nmda)
    b_e = blocked_fraction(conc_uM, nmda.nmda_tonic_open_rate_pyramidal_per_s, nmda)
    return unadapted_pyramidal_rate_rel(b_i, b_e, model_parameters().circuit)


def _infusion_span(ax) -> None:
    ax.axvspan(0, 40, **shading("drug_given"), label="infusion (40 min)")


def _milak_point(ax, label=True) -> None:
    t, value, err = MEASURED_GLX
    ax.errorbar([t], [value], yerr=[err], fmt="D", color=PALETTE["black"], gid="measured",
                mfc="white", mew=2, ms=10, capsize=5, zorder=6,
                label="Glx, patients (Milak 2016)" if label else None)


# --- 1. time course: interneurons fall, pyramidal cells rise --------------------------------

#: Bottom of the time-course axis: interneuron firing dips to -33% at 2 mg/kg, the slider's top.
TIME_COURSE_BOTTOM_PCT = -40


def _time_build():
    fig, ax = new_figure(10.5, 5.8)
    _infusion_span(ax)
    ax.axhline(0, color=PALETTE["black"], lw=1)
    lines = {}
    for key, (role, label) in SERIES_STYLE.items():
        lines[key], = ax.plot([], [], **role_style(role, linewidth=3), label=label)
    _milak_point(ax)
    finish_axes(ax, ylim=(TIME_COURSE_BOTTOM_PCT, 60), xlabel="time since infusion start (min)",
                ylabel="change from baseline (%)")
    title = finish_axes(ax, title=" ", legend="upper right")
    return fig, dict(ax=ax, lines=lines, title=title)


def _time_update(artists, mg_per_kg: float, t_shown_h: float) -> None:
    run = infusion_run(mg_per_kg)
    t_min = 60 * run.t_h
    for key, line in artists["lines"].items():
        line.set_data(t_min, 100 * (run[key] - 1))
    artists["ax"].set_xlim(0, 60 * t_shown_h)
    top = max(60.0, 100 * (run["pyramidal_rate_rel"].max() - 1) + 10)
    artists["ax"].set_ylim(TIME_COURSE_BOTTOM_PCT, top)
    glu = run["glutamate_rel"]
    i = int(np.argmax(glu))
    artists["title"].set_text(f"{mg_per_kg:.2g} mg/kg over 40 min: glutamate peaks "
                              f"{100 * (glu[i] - 1):+.0f}% at {t_min[i]:.0f} min")


def _time_sweep():
    fig, (ax, amt_ax) = new_figure(13.0, 5.6, ncols=2)
    run = infusion_run(0.5)
    t_min = 60 * run.t_h
    _infusion_span(ax)
    for key, (role, label) in SERIES_STYLE.items():
        ax.plot(t_min, 100 * (run[key] - 1), **role_style(role, linewidth=3), label=label)
    _milak_point(ax)
    ax.axhline(0, color=PALETTE["black"], lw=1)
    finish_axes(ax, xlim=(0, 180), ylim=(-30, 55), xlabel="time since infusion start (min)",
                ylabel="change from baseline (%)", title="0.5 mg/kg over 40 min",
                legend="upper right", legend_size=10.5)

    _infusion_span(amt_ax)
    # The research amount in glutamate's own style, each other amount in its own what-if hue.
    styles = ((0.1, WHATIF_ROLES[0]), (0.25, WHATIF_ROLES[1]), (0.5, "glutamate"),
              (1.0, WHATIF_ROLES[2]), (2.0, WHATIF_ROLES[3]))
    for mg, role in styles:
        glu = infusion_run(mg)["glutamate_rel"]
        amt_ax.plot(t_min, 100 * (glu - 1), **role_style(role, linewidth=3.5 if mg == 0.5 else 2.5),
                    label=f"{mg:g} mg/kg" + (" (research amount)" if mg == 0.5 else ""))
    _milak_point(amt_ax, label=False)
    amt_ax.axhline(0, color=PALETTE["black"], lw=1)
    finish_axes(amt_ax, xlim=(0, 180), ylim=(-30, 55), xlabel="time since infusion start (min)",
                ylabel="glutamate, change from baseline (%)",
                title="Glutamate for other infused amounts", legend="upper right",
                legend_size=10.5)
    return fig


def _time_alt_text() -> str:
    run = infusion_run(0.5)
    t_min = 60 * run.t_h
    interneuron, glu = run["interneuron_rate_rel"], run["glutamate_rel"]
    i_low, i_peak = int(np.argmin(interneuron)), int(np.argmax(glu))
    back_h = run.t_h[i_peak + int(np.argmax(glu[i_peak:] <= 1.0))]
    return ("Model time courses for a 40-minute infusion: interneuron firing falls to "
            f"{1 - interneuron[i_low]:.0%} below baseline at {t_min[i_low]:.0f} min while "
            f"pyramidal firing and glutamate rise to {glu[i_peak] - 1:.0%} above baseline at "
            f"{t_min[i_peak]:.0f} min, near the measured +{MEASURED_GLX[1]:.0f}% Glx, and return "
            f"to baseline within about {math.ceil(back_h):.0f} hours; larger amounts give "
            "earlier, taller surges.")


time_course = Demo(
    name="time_course",
    title="Interneurons fall first, pyramidal cells rise after a lag",
    controls=(
        # Stored at 1 mg/kg (the figure below draws 0.5 mg/kg), so the stored demo adds a case.
        Slider("mg_per_kg", "infused amount over 40 min (mg/kg)", 0.1, 2.0, 0.05, 1.0),
        Slider("t_shown_h", "time shown (h)", 0.5, 6.0, 0.25, 3.0),
    ),
    build=_time_build,
    update=_time_update,
    sweep=_time_sweep,
    sweep_file="03_glutamate_surge.png",
    sweep_alt_text=_time_alt_text,
    prompt=("during a 40-min infusion, which cell type changes first, and does glutamate keep "
            "rising for as long as the drug is infused?"),
)


# --- 2. the inverted U with clamped exposure ------------------------------------------------

def _shade(ax, y_label: float) -> None:
    ax.axvspan(*ANTIDEPRESSANT_RANGE_UM, **BAND_STYLE["antidepressant"])
    ax.axvspan(*ANAESTHETIC_RANGE_UM, **BAND_STYLE["anaesthetic"])
    ax.text(np.sqrt(np.prod(ANTIDEPRESSANT_RANGE_UM)), y_label, "antidepressant\ninfusion peak",
            ha="center", va="top", fontsize=11)
    ax.text(np.sqrt(np.prod(ANAESTHETIC_RANGE_UM)), y_label, "anaesthesia", ha="center",
            va="top", fontsize=11)


def _conc_axis(ax) -> None:
    ax.set_xscale("log")
    ax.set_xlim(CLAMP_GRID_UM[0], CLAMP_GRID_UM[-1])
    ax.set_xticks([0.1, 0.3, 1, 3, 10, 20], ["0.1", "0.3", "1", "3", "10", "20"])
    ax.set_xlabel("clamped ketamine concentration (µM, log scale)")


def _u_build():
    fig, ax = new_figure(10.5, 5.8)
    _shade(ax, 195)
    ax.axhline(100, **role_style("reference"), label="baseline")
    ax.plot(CLAMP_GRID_UM, 100 * clamped_pyramidal_rate(CLAMP_GRID_UM),
            **role_style("glutamate", linewidth=3), label="pyramidal rate before adaptation")
    point, = ax.plot([], [], **marker_style("your_setting", marker="o"), ms=13, mfc="none",
                     mew=3, zorder=6, label="slider")
    _conc_axis(ax)
    title = finish_axes(ax, ylim=(0, 200), ylabel="pyramidal rate (% of baseline)", title=" ",
                        legend="lower left")
    return fig, dict(point=point, title=title)


def _u_update(artists, conc_uM: float) -> None:
    rate = float(clamped_pyramidal_rate(conc_uM))
    artists["point"].set_data([conc_uM], [100 * rate])
    artists["title"].set_text(f"clamped at {conc_uM:.2g} µM: pyramidal rate {100 * rate:.0f}% "
                              "of baseline")


def _u_sweep():
    fig, ax = new_figure(10.5, 5.8)
    _shade(ax, 195)
    ax.axhline(100, **role_style("reference"), label="baseline")
    rate = clamped_pyramidal_rate(CLAMP_GRID_UM)
    ax.plot(CLAMP_GRID_UM, 100 * rate, **role_style("glutamate", linewidth=3),
            label="pyramidal rate before adaptation")
    i = int(np.argmax(rate))
    ax.plot([CLAMP_GRID_UM[i]], [100 * rate[i]], "^", color=PALETTE["green"], ms=12,
            mec=PALETTE["black"], zorder=6)
    ax.annotate(f"peak {100 * rate[i]:.0f}% at {CLAMP_GRID_UM[i]:.1f} µM",
                (CLAMP_GRID_UM[i], 100 * rate[i]), xytext=(0.13, 150), fontsize=12,
                arrowprops=dict(arrowstyle="-", color=PALETTE["black"], lw=1))
    for conc in (ANAESTHETIC_EXAMPLE_UM,):
        value = float(clamped_pyramidal_rate(conc))
        ax.plot([conc], [100 * value], "o", color=PALETTE["vermillion"], ms=10, zorder=6)
        ax.annotate(f"{100 * value:.0f}% at {conc:g} µM", (conc, 100 * value),
                    xytext=(1.6, 40), fontsize=12,
                    arrowprops=dict(arrowstyle="-", color=PALETTE["black"], lw=1))
    _conc_axis(ax)
    finish_axes(ax, ylim=(0, 200), ylabel="pyramidal rate (% of baseline)",
                title="The inverted U: disinhibition wins at low exposure, block wins at high",
                legend="lower left")
    return fig


def _u_alt_text() -> str:
    rate = clamped_pyramidal_rate(CLAMP_GRID_UM)
    top = int(np.argmax(rate))
    back = top + int(np.argmax(rate[top:] < 1.0))
    at_example = float(clamped_pyramidal_rate(ANAESTHETIC_EXAMPLE_UM))
    return ("Unadapted pyramidal firing against clamped ketamine concentration on a log axis: "
            f"it rises to about {rate[top]:.0%} of baseline near {CLAMP_GRID_UM[top]:.1f} µM, "
            f"falls back to baseline near {CLAMP_GRID_UM[back]:.0f} µM and drops to "
            f"{at_example:.0%} at {ANAESTHETIC_EXAMPLE_UM:g} µM in the anaesthetic band.")


inverted_u = Demo(
    name="inverted_u",
    title="The inverted U: pyramidal firing against a clamped concentration",
    controls=(
        Slider("conc_uM", "clamped ketamine concentration (µM)", 0.1, 20.0, 0.05, 0.75),
    ),
    build=_u_build,
    update=_u_update,
    sweep=_u_sweep,
    sweep_file="03_inverted_u.png",
    sweep_alt_text=_u_alt_text,
    prompt=("if the concentration were held fixed, would more ketamine always mean more "
            "pyramidal firing?"),
)


# --- 3. cell-type knockouts ----------------------------------------------------------------

KNOCKOUT_OPTIONS = (("none (wild type)", "none"),
                    ("interneuron NMDA receptors lost", "interneuron_nmda_loss"),
                    ("pyramidal NMDA receptors lost", "pyramidal_nmda_loss"))
KNOCKOUT_STYLE = {  # vocabulary role, label: wild type is ketamine's response, knockouts black
    "none": ("ketamine", "wild type"),
    "interneuron_nmda_loss": ("blocked", "interneuron NMDA loss"),
    "pyramidal_nmda_loss": ("blocked_2", "pyramidal NMDA loss"),
}


def _knockout_interventions(knockout: str, loss: float) -> dict:
    return {} if knockout == "none" else {knockout: float(loss)}


def _ko_build():
    fig, ax = new_figure(10.5, 5.8)
    _infusion_span(ax)
    ax.axhline(0, color=PALETTE["black"], lw=1)
    wild = infusion_run(0.5)
    ax.plot(60 * wild.t_h, 100 * (wild["glutamate_rel"] - 1), **role_style("ketamine"),
            label="wild type (reference)")
    line, = ax.plot([], [], **role_style("your_setting"), label="chosen genotype")
    finish_axes(ax, xlim=(0, 240), ylim=(-105, 100), xlabel="time since infusion start (min)",
                ylabel="glutamate, change from baseline (%)")
    title = finish_axes(ax, title=" ", legend="upper right")
    return fig, dict(line=line, title=title)


def _ko_update(artists, knockout: str, loss: float) -> None:
    run = infusion_run(0.5, _knockout_interventions(knockout, loss))
    glu = run["glutamate_rel"]
    artists["line"].set_data(60 * run.t_h, 100 * (glu - 1))
    name = dict((v, k) for k, v in KNOCKOUT_OPTIONS)[knockout]
    shown = name if knockout == "none" else f"{loss:.0%} of {name.split(' lost')[0]} lost"
    artists["title"].set_text(f"{shown}: glutamate peak {100 * (glu.max() - 1):+.0f}%")


def _ko_sweep():
    fig, ax = new_figure(10.5, 5.8)
    _infusion_span(ax)
    ax.axhline(0, color=PALETTE["black"], lw=1)
    for knockout, (role, label) in KNOCKOUT_STYLE.items():
        run = infusion_run(0.5, _knockout_interventions(knockout, 1.0))
        glu = run["glutamate_rel"]
        ax.plot(60 * run.t_h, 100 * (glu - 1), **role_style(role, linewidth=3.5),
                label=f"{label}: peak {100 * (glu.max() - 1):+.0f}%")
    finish_axes(ax, xlim=(0, 240), ylim=(-105, 100), xlabel="time since infusion start (min)",
                ylabel="glutamate, change from baseline (%)",
                title="Knockouts (complete loss), 0.5 mg/kg over 40 min", legend="upper right")
    return fig


def _ko_alt_text() -> str:
    glu = {knockout: infusion_run(0.5, _knockout_interventions(knockout, 1.0))["glutamate_rel"]
           for knockout in KNOCKOUT_STYLE}
    low = int(np.argmin(glu["interneuron_nmda_loss"]))
    t_low = 60 * infusion_run(0.5).t_h[low]
    return ("Glutamate after the standard infusion in three model genotypes: the wild-type "
            f"surge of {glu['none'].max() - 1:+.0%} disappears when interneurons lack NMDA "
            f"receptors, where glutamate instead falls almost to zero at {t_low:.0f} min, and "
            f"grows to {glu['pyramidal_nmda_loss'].max() - 1:+.0%} when pyramidal cells lack "
            "them.")


knockouts = Demo(
    name="knockouts",
    title="Which cell type's NMDA receptors does the surge need?",
    controls=(
        # Stored with the interneuron knockout, so the chosen curve differs from wild type.
        Choice("knockout", "NMDA receptors removed from", KNOCKOUT_OPTIONS,
               "interneuron_nmda_loss"),
        Slider("loss", "share of that cell type's NMDA receptors removed (fraction)",
               0.0, 1.0, 0.05, 1.0),
    ),
    build=_ko_build,
    update=_ko_update,
    sweep=_ko_sweep,
    sweep_file="03_knockouts.png",
    sweep_alt_text=_ko_alt_text,
    prompt=("which knockout removes the glutamate surge: NMDA receptors gone from "
            "interneurons, or from pyramidal cells?"),
)


# --- 4. two triggers for BDNF ----------------------------------------------------------------

TRIGGER_STYLE = {  # vocabulary role, label: the model's default hypothesis, then the what-if
    "disinhibition": ("ketamine", "disinhibition (surge drives BDNF)"),
    "rest_block": ("whatif_1", "rest block (pyramidal block drives BDNF)"),
}


def _trigger_build():
    fig, ax = new_figure(10.5, 5.8)
    _infusion_span(ax)
    ax.axhline(0, color=PALETTE["black"], lw=1)
    lines = {}
    for trigger, (role, label) in TRIGGER_STYLE.items():
        lines[trigger], = ax.plot([], [], **role_style(role, linewidth=3), label=label)
    finish_axes(ax, xlim=(0, 240), xlabel="time since infusion start (min)",
                ylabel="BDNF release, change from baseline (%)")
    title = finish_axes(ax, title=" ", legend="upper right")
    return fig, dict(ax=ax, lines=lines, title=title)


def _trigger_update(artists, mg_per_kg: float, knockout: str) -> None:
    interventions = _knockout_interventions(knockout, 1.0)
    peaks = {}
    for trigger, line in artists["lines"].items():
        bdnf = infusion_run(mg_per_kg, interventions, trigger)["bdnf_release_rel"]
        line.set_data(60 * infusion_run(mg_per_kg).t_h, 100 * (bdnf - 1))
        peaks[trigger] = 100 * (bdnf.max() - 1)
    artists["ax"].set_ylim(-5, rounded_axis_top(max(60.0, 1.15 * max(peaks.values()))))
    artists["title"].set_text(f"{mg_per_kg:.2g} mg/kg: BDNF peak {peaks['disinhibition']:+.0f}% "
                              f"(disinhibition), {peaks['rest_block']:+.0f}% (rest block)")


def _trigger_sweep():
    fig, (ax, bar_ax) = new_figure(13.0, 5.6, ncols=2)
    _infusion_span(ax)
    ax.axhline(0, color=PALETTE["black"], lw=1)
    peaks = {}
    for trigger, (role, label) in TRIGGER_STYLE.items():
        run = infusion_run(0.5, trigger=trigger)
        ax.plot(60 * run.t_h, 100 * (run["bdnf_release_rel"] - 1),
                **role_style(role, linewidth=3), label=label)
        peaks[trigger] = [100 * (infusion_run(0.5, _knockout_interventions(k, 1.0), trigger)
                                 ["bdnf_release_rel"].max() - 1) for k in KNOCKOUT_STYLE]
    finish_axes(ax, xlim=(0, 240), ylim=(-5, 50), xlabel="time since infusion start (min)",
                ylabel="BDNF release, change from baseline (%)",
                title="Wild type, 0.5 mg/kg over 40 min", legend="upper right", legend_size=10.5)

    x = np.arange(len(KNOCKOUT_STYLE))
    for shift, (trigger, (role, label)) in zip((-0.2, 0.2), TRIGGER_STYLE.items()):
        bars = bar_ax.bar(x + shift, peaks[trigger], width=0.38, color=role_style(role)["color"],
                          gid=role, hatch="" if trigger == "disinhibition" else "//",
                          edgecolor="white", label=label.split(" (")[0])
        bar_ax.bar_label(bars, fmt="%+.0f%%", fontsize=11)
    bar_ax.set_xticks(x, ["wild type", "interneuron\nNMDA loss", "pyramidal\nNMDA loss"])
    finish_axes(bar_ax, ylim=(0, 100), ylabel="peak BDNF release (% above baseline)",
                title="Knockouts separate the two triggers", legend="upper left")
    return fig


def _trigger_alt_text() -> str:
    peaks = {}
    for trigger in TRIGGER_STYLE:
        run = infusion_run(0.5, trigger=trigger)
        i = int(np.argmax(run["bdnf_release_rel"]))
        peaks[trigger] = (run["bdnf_release_rel"][i] - 1, 60 * run.t_h[i])
    (dis, t_dis), (rest, t_rest) = peaks["disinhibition"], peaks["rest_block"]
    rest_ko = infusion_run(0.5, {"pyramidal_nmda_loss": 1.0}, "rest_block")["bdnf_release_rel"]
    return ("BDNF release after the standard infusion under two hypotheses: the disinhibition "
            f"trigger gives a {dis:+.0%} peak at {t_dis:.0f} min that an interneuron knockout "
            f"removes, while the rest-block trigger gives a smaller {rest:+.0%} peak at "
            f"{t_rest:.0f} min that the interneuron knockout leaves alone and a pyramidal "
            f"knockout cuts to {rest_ko.max() - 1:+.0%}.")


triggers = Demo(
    name="triggers",
    title="Two hypotheses for what starts BDNF release",
    controls=(
        Slider("mg_per_kg", "infused amount over 40 min (mg/kg)", 0.1, 2.0, 0.05, 0.5),
        Choice("knockout", "NMDA receptors removed from", KNOCKOUT_OPTIONS, "none"),
    ),
    build=_trigger_build,
    update=_trigger_update,
    sweep=_trigger_sweep,
    sweep_file="03_two_triggers.png",
    sweep_alt_text=_trigger_alt_text,
    prompt=("which trigger gives the larger, earlier BDNF rise, and which one does an "
            "interneuron knockout abolish?"),
)


DEMOS = (time_course, inverted_u, knockouts, triggers)
