"""Demo for notebook 09, "Claims and evidence": dissociation and blood pressure track the drug.

One IV infusion is run through ``ketamine_moa.chain.simulate``; the demo draws three of its
outputs, ``ketamine_plasma_uM``, ``dissociation`` (0..1, a toy scale) and
``systolic_bp_change_mmHg`` (see ``ketamine_moa.symptoms``), against time and against the
plasma level. Both read-outs are direct functions of the plasma level in the toy, so they peak
when plasma peaks (at the end of the infusion) and fall as it falls. Nothing here adds model
logic. The sliders (amount in mg/kg and infusion duration, over the ranges of notebook 01)
illustrate pharmacology: they are not a dosing guide, and nothing here is a dosing
recommendation.

Data the figures are compared with:

* systolic blood pressure peaks 40 min after the start of 0.5 mg/kg over 40 min, +16.0 mmHg
  on average (SD 11.2) over 2342 infusions (Yale chart review, Gen Hosp Psychiatry 2024,
  doi:10.1016/j.genhosppsych.2024.07.001; finding SAFE-01 in src/ketamine_moa/data/findings.csv);
* dissociation (CADSS) is measured during the infusion, at 40 min, and is a drug-level effect
  (Luckenbaugh et al. 2014, doi:10.1016/j.jad.2014.02.017).
"""

from __future__ import annotations

import numpy as np

from ..chain import Run
from ..regimens import run_doses
from ..params import model_parameters
from ..pk import single_infusion
from ..readouts import fade_time_h, format_duration, peak
from ..plotting import PALETTE, SERIES, new_figure, role_style, rounded_axis_top
from ..widgets import Demo, Slider
from . import finish_axes
from .body import TRIAL_INFUSION_MIN, TRIAL_MG_PER_KG

T_END_H = 6.0                 # six hours after the start of the infusion
#: SAFE-01: mean (SD) systolic rise at 40 min after the start of 0.5 mg/kg over 40 min.
BP_DATA_T_H, BP_DATA_MEAN_MMHG, BP_DATA_SD_MMHG = 40 / 60, 16.0, 11.2
#: Ranges as in notebook 01 (``body.PLASMA_ROUTE``): model limits, not advice.
MG_PER_KG_RANGE = (0.1, 2.0)
INFUSION_MIN_RANGE = (0.0, 120.0)
FRACTION_OF_PEAK = 0.1        # "gone": below a tenth of its own peak

def _look(role: str) -> tuple:
    return SERIES[role]["color"], SERIES[role]["linestyle"]


READOUTS = (  # output, y label, colour, line style (of the quantity's vocabulary role)
    ("ketamine_plasma_uM", "plasma ketamine\n(µM)", *_look("ketamine")),
    ("dissociation", "dissociation\n(0–1, toy scale)", *_look("dissociation")),
    ("systolic_bp_change_mmHg", "systolic rise\n(mmHg)",
     *_look("blood_pressure")),
)


def infusion_course(mg_per_kg: float = TRIAL_MG_PER_KG,
                    infusion_min: float = TRIAL_INFUSION_MIN) -> Run:
    """``simulate`` for one IV infusion of ``mg_per_kg`` over ``infusion_min`` (0 = bolus),
    memoised and read-only."""
    return run_doses(single_infusion(float(mg_per_kg), duration_h=float(infusion_min) / 60),
                     T_END_H)


def describe_time(hours: float) -> str:
    """A duration as ``format_duration`` words; NaN (never within the run) as "after 6 h"."""
    return format_duration(hours) if np.isfinite(hours) else f"after {T_END_H:g} h"


def _how(mg_per_kg: float, infusion_min: float) -> str:
    over = "as a bolus" if infusion_min == 0 else f"over {infusion_min:.0f} min"
    return f"{mg_per_kg:.2f} mg/kg IV {over}"


def _hill_curves(plasma_uM: np.ndarray) -> dict[str, np.ndarray]:
    """Dissociation and systolic rise as functions of the plasma level (the toy's curves)."""
    from ..symptoms import dissociation, systolic_bp_change_mmHg

    params = model_parameters().symptoms
    return {"dissociation": dissociation(plasma_uM, params),
            "systolic_bp_change_mmHg": systolic_bp_change_mmHg(plasma_uM, params)}


def _time_axes(axes) -> None:
    for ax, (_, label, _, _) in zip(axes, READOUTS):
        finish_axes(ax, xlim=(0, T_END_H), ylabel=label)
    axes[1].set_ylim(0, 1.05)
    axes[2].set_ylim(-1, 1.05 * model_parameters().symptoms.bp_rise_max_mmHg)
    # No tick at the right end: its label would touch the next column's first one.
    axes[-1].set_xticks(range(int(T_END_H)))
    axes[-1].set_xlabel("time since the infusion started (h)")


def _bp_data(ax, label: bool = True) -> None:
    ax.errorbar([BP_DATA_T_H], [BP_DATA_MEAN_MMHG], yerr=[BP_DATA_SD_MMHG], fmt="s",
                color=PALETTE["black"], gid="measured", ms=8, capsize=5, zorder=5,
                label="chart review: mean ± SD at 40 min\n(0.5 mg/kg over 40 min)" if label
                else None)


# --- the live demo ------------------------------------------------------------------------

def _build():
    fig, axes = new_figure(11.5, 8.2, nrows=3, sharex=True)
    reference = infusion_course()
    artists = {"time": [], "ends": []}
    for ax, (key, _, colour, ls) in zip(axes, READOUTS):
        ax.plot(reference.t_h, reference[key], **role_style("ketamine"),
                label="reference: 0.5 mg/kg over 40 min")
        line, = ax.plot([], [], **role_style("your_setting"), label="this setting")
        artists["time"].append(line)
        artists["ends"].append(ax.axvline(0.0, color=PALETTE["black"], ls=":", lw=1.3,
                                          label="end of the infusion"))
    _time_axes(axes)
    _bp_data(axes[2])
    axes[0].legend(loc="upper right", fontsize=11, framealpha=0.95)
    axes[2].legend(handles=axes[2].get_legend_handles_labels()[0][-1:], loc="upper right",
                   fontsize=11, framealpha=0.95)
    artists["plasma_ax"] = axes[0]
    artists["title"] = fig.suptitle(" ", fontsize=14)
    return fig, artists


def _update(artists, mg_per_kg: float, infusion_min: float) -> None:
    mg_per_kg, infusion_min = round(float(mg_per_kg), 4), round(float(infusion_min), 4)
    run = infusion_course(mg_per_kg, infusion_min)
    end_h = infusion_min / 60
    for line, end, (key, _, _, _) in zip(artists["time"], artists["ends"], READOUTS):
        line.set_data(run.t_h, run[key])
        end.set_xdata([end_h, end_h])
    artists["plasma_ax"].set_ylim(
        0, rounded_axis_top(max(1.2, 1.1 * float(run["ketamine_plasma_uM"].max()))))
    plasma, when = peak(run, "ketamine_plasma_uM")
    diss = peak(run, "dissociation")[0]
    bp = peak(run, "systolic_bp_change_mmHg")[0]
    below_h = fade_time_h(run, FRACTION_OF_PEAK, "dissociation")
    below = (f"is below {FRACTION_OF_PEAK:.0%} of its peak from {describe_time(below_h)} after "
             "the start" if np.isfinite(below_h)
             else f"stays above {FRACTION_OF_PEAK:.0%} of its peak for all {T_END_H:g} h")
    artists["title"].set_text(
        f"{_how(mg_per_kg, infusion_min)}. Peaks at {describe_time(when)}: "
        f"plasma {plasma:.2f} µM, dissociation {diss:.2f}, systolic +{bp:.1f} mmHg\n"
        f"dissociation {below}")


# --- the static sweep ---------------------------------------------------------------------

# mg/kg over 40 min, and min at 0.5 mg/kg, each with its vocabulary role: the research
# infusion is ketamine's own style, each other setting a what-if hue of its own.
AMOUNTS = ((0.25, "whatif_1"), (0.5, "ketamine"), (1.0, "whatif_2"))
DURATIONS = ((20.0, "whatif_3"), (40.0, "ketamine"), (100.0, "whatif_4"))
SWEEP_MARKERS = ("o", "s", "^")


def _sweep():
    fig, axes = new_figure(15.0, 9.6, nrows=3, ncols=3, sharey="row",
                           gridspec_kw={"width_ratios": [1, 1, 0.85]})
    for ax in axes[:, 1]:
        ax.sharex(axes[0, 0])
    for ax in axes[:, 0]:
        ax.sharex(axes[0, 0])
    columns = (
        ([(mg, TRIAL_INFUSION_MIN, ls, f"{mg:g} mg/kg") for mg, ls in AMOUNTS],
         "amount varied, each over 40 min"),
        ([(TRIAL_MG_PER_KG, m, ls, f"over {m:.0f} min") for m, ls in DURATIONS],
         "0.5 mg/kg, duration varied"),
    )
    for col, (settings, title) in enumerate(columns):
        for (mg, minutes, role, label), marker in zip(settings, SWEEP_MARKERS):
            run = infusion_course(mg, minutes)
            colour = role_style(role)["color"]
            for ax, (key, _, _, _) in zip(axes[:, col], READOUTS):
                ax.plot(run.t_h, run[key], **role_style(role, linewidth=2.8), label=label)
            plasma = run["ketamine_plasma_uM"]
            for ax, key in zip(axes[1:, 2], ("dissociation", "systolic_bp_change_mmHg")):
                ax.plot(plasma, run[key], ls="none", marker=marker, ms=6, mfc="none",
                        color=colour, markevery=15)
        finish_axes(axes[0, col], title=title, legend="upper right", legend_size=12)
        _bp_data(axes[2, col], label=col == 0)
        axes[-1, col].set_xlabel("time since the infusion started (h)")
    _time_axes(axes[:, 0])
    for ax in axes[:-1, :2].ravel():
        ax.tick_params(labelbottom=False)
    axes[0, 0].set_ylim(0, 1.7)
    axes[2, 0].legend(handles=axes[2, 0].get_legend_handles_labels()[0][-1:],
                      loc="upper right", fontsize=11, framealpha=0.95)
    grid = np.linspace(0.0, 1.6, 200)
    curves = _hill_curves(grid)
    for ax, key in zip(axes[1:, 2], ("dissociation", "systolic_bp_change_mmHg")):
        ax.plot(grid, curves[key], color=PALETTE["black"], lw=1.5, zorder=1)
        ax.set_xlim(0, 1.6)
        ax.tick_params(labelleft=False)
    axes[1, 2].set_title("the same runs against plasma", fontsize=14)
    axes[1, 2].tick_params(labelbottom=False)
    axes[2, 2].set_xlabel("plasma ketamine (µM)")
    axes[2, 2].set_xticks([0.5, 1.0, 1.5])  # none at 0, next to the middle column's ticks
    axes[1, 2].sharex(axes[2, 2])
    axes[0, 2].axis("off")
    axes[0, 2].text(0.0, 0.9, "Below: all six runs, rising and\nfalling (markers), lie on one\n"
                    "curve (black). In the toy each\nread-out is set by the plasma\n"
                    "level alone: no delay and\nno tolerance.",
                    transform=axes[0, 2].transAxes, va="top", fontsize=13)
    fig.suptitle("Dissociation and the systolic rise peak with the plasma level and fall with it",
                 fontsize=15)
    return fig


def _alt_text() -> str:
    """Alt text of the sweep, from the same runs it draws (the reference infusion and the
    amounts and durations of ``AMOUNTS`` and ``DURATIONS``)."""
    run = infusion_course()
    plasma, t_plasma = peak(run, "ketamine_plasma_uM")
    diss, t_diss = peak(run, "dissociation")
    bp, t_bp = peak(run, "systolic_bp_change_mmHg")
    below = fade_time_h(run, FRACTION_OF_PEAK, "dissociation")
    amounts = [mg for mg, _ in AMOUNTS]
    durations = [minutes for minutes, _ in DURATIONS]
    return ("Plasma ketamine, dissociation (0-1 toy scale) and systolic blood-pressure rise "
            f"over {T_END_H:g} h of one IV infusion, for {min(amounts):g}-{max(amounts):g} mg/kg "
            f"over {TRIAL_INFUSION_MIN:.0f} min and for {TRIAL_MG_PER_KG:g} mg/kg over "
            f"{min(durations):.0f}-{max(durations):.0f} min: all peak with plasma at the "
            f"infusion's end and fall with it. {TRIAL_MG_PER_KG:g} mg/kg over "
            f"{TRIAL_INFUSION_MIN:.0f} min gives {plasma:.2f} µM, dissociation {diss:.2f} and "
            f"+{bp:.0f} mmHg at {60 * t_bp:.0f} min (chart review: +{BP_DATA_MEAN_MMHG:.0f} mmHg, "
            f"SD {BP_DATA_SD_MMHG:.0f}); dissociation is below a tenth of its peak by "
            f"{60 * below:.0f} min.")

safety = Demo(
    name="safety",
    title="Dissociation and blood pressure during an infusion track the drug level",
    controls=(
        # Stored at 1 mg/kg, so "this setting" stands apart from the 0.5 mg/kg reference.
        Slider("mg_per_kg", "amount (mg/kg)", *MG_PER_KG_RANGE, 0.05, 1.0),
        Slider("infusion_min", "infusion duration (min)", *INFUSION_MIN_RANGE, 5.0,
               TRIAL_INFUSION_MIN),
    ),
    build=_build,
    update=_update,
    sweep=_sweep,
    sweep_file="09_safety_track_the_drug_level.png",
    sweep_alt_text=_alt_text,
    prompt=("lengthen the infusion without changing the amount. Do the peaks of dissociation "
            "and of the blood-pressure rise move earlier, later or stay put? Do they get "
            "bigger or smaller?"),
)


DEMOS = (safety,)
