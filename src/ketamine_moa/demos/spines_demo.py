"""Demos for notebook 05, "mTORC1 and new synapses": rapamycin, onset vs maintenance.

Each demo runs ``ketamine_moa.chain.simulate`` for the research-trial infusion (0.5 mg/kg IV
over 40 min, used only as a reference, not as advice) with one intervention of
``ketamine_moa.plasticity``; nothing here adds model logic. ``build`` makes the figure once,
``update`` changes its artists in place, ``sweep`` draws a new static figure for readers
without a kernel.

Sources for what the figures are compared with:

* rapamycin blocks ketamine's synaptogenesis in rat PFC (Li et al. 2010,
  doi:10.1126/science.1190287);
* spine density stays raised up to ~2 weeks (Phoumthipphavong et al. 2016,
  doi:10.1523/ENEURO.0133-15.2016);
* new spines maintain, not start, the effect (Moda-Sava et al. 2019, doi:10.1126/science.aat8078);
* clinical effect peaks at about day 1 and is lost by days 10-12 (Kishimoto et al. 2016,
  doi:10.1017/S0033291716000064).
"""

from __future__ import annotations

import numpy as np

from ..readouts import improvement
from ..regimens import run_doses
from ..pk import single_infusion
from ..plotting import (PALETTE, log_time_axis, new_figure, role_style, rounded_axis_top,
                        shading)
from ..widgets import Choice, Demo, Slider
from . import after_start, bottom_legend, finish_axes

T_END_H = 14 * 24.0          # two weeks
T_MIN_H = 10 / 60            # left edge of the log-time axis (10 min)
#: Kishimoto et al. 2016: clinical superiority over placebo lost by days 10-12.
CLINICAL_LOSS_DAYS = (10.0, 12.0)


def course(mtorc1_block: float = 0.0, spine_formation_block: float = 0.0):
    """``simulate`` for one research-trial infusion over two weeks with the given blocks
    (memoised, read-only)."""
    return run_doses(single_infusion(), T_END_H,
                     {"mtorc1_block": float(mtorc1_block),
                      "spine_formation_block": float(spine_formation_block)})


# --- 1. rapamycin: mTORC1 block -----------------------------------------------------------

PANELS = (  # output, y label
    ("mtorc1_activity_rel", "mTORC1 activity\n(% above baseline)"),
    ("synaptic_protein_rel", "synaptic proteins\n(% above baseline)"),
    ("spine_density_rel", "spine density (% above\nstressed baseline)"),
)


def _panel_ylim(key: str) -> tuple[float, float]:
    """Y limits (% change) that hold the unblocked response, the largest of every setting."""
    top = rounded_axis_top(100 * (float(course(0.0)[key].max()) - 1))
    return -0.08 * top, top


def _rapamycin_build():
    fig, axes = new_figure(10.5, 9.0, nrows=3, sharex=True)
    reference = course(0.0)
    artists = {"lines": [], "axes": axes}
    for ax, (key, label) in zip(axes, PANELS):
        t, y = after_start(reference, key)
        ax.plot(t, 100 * (y - 1), **role_style("ketamine"), label="ketamine alone")
        line, = ax.plot([], [], **role_style("blocked", linewidth=3), label="with mTORC1 block")
        artists["lines"].append(line)
        finish_axes(ax, ylim=_panel_ylim(key), ylabel=label)
    log_time_axis(axes[-1], T_MIN_H, T_END_H, label="time after infusion start")
    axes[0].legend(loc="upper right", fontsize=11, framealpha=0.95)
    artists["title"] = fig.suptitle(" ", fontsize=15)
    return fig, artists


def _rapamycin_update(artists, mtorc1_block: float) -> None:
    run = course(round(float(mtorc1_block), 4))
    for line, (key, _) in zip(artists["lines"], PANELS):
        t, y = after_start(run, key)
        line.set_data(t, 100 * (y - 1))
    gain = run.at("spine_density_rel", 24.0) - 1
    alone = course(0.0).at("spine_density_rel", 24.0) - 1
    artists["title"].set_text(f"mTORC1 block {mtorc1_block:.0%}: spine gain at 24 h is "
                              f"{100 * gain:.1f}% ({gain / alone:.0%} of ketamine alone)")


RAPAMYCIN_LEVELS = ((0.0, "ketamine", "no block"), (0.25, "whatif_1", "25% block"),
                    (0.5, "whatif_2", "50% block"), (0.75, "whatif_3", "75% block"),
                    (1.0, "blocked", "full block"))


def _rapamycin_sweep():
    fig, axes = new_figure(10.5, 9.6, nrows=3, sharex=True)
    for block, role, label in RAPAMYCIN_LEVELS:
        run = course(block)
        for ax, (key, _) in zip(axes, PANELS):
            t, y = after_start(run, key)
            ax.plot(t, 100 * (y - 1), **role_style(role), label=label)
    for ax, (key, ylabel) in zip(axes, PANELS):
        finish_axes(ax, ylim=_panel_ylim(key), ylabel=ylabel)
    log_time_axis(axes[-1], T_MIN_H, T_END_H, label="time after infusion start")
    return bottom_legend(fig, "Blocking mTORC1 removes the protein and spine response (one "
                         "infusion)", axes[0].get_legend_handles_labels(), ncol=5, title_size=15)


def _rapamycin_alt_text() -> str:
    """The sweep's alt text, with the peaks of the unblocked run it draws."""
    alone = course(0.0)
    mtor, protein, spines = (alone[key].max() - 1 for key, _ in PANELS)
    return ("Three panels over two weeks on a log-time axis for one infusion: mTORC1 "
            f"activity peaks about {mtor:.0%} above baseline within an hour, synaptic proteins "
            f"about {protein:.0%} at a few hours and spine density about {spines:.0%} at day "
            "1-2, and each response shrinks step by step as the mTORC1 block goes from 0 to "
            f"{RAPAMYCIN_LEVELS[-1][0]:.0%}, where all three stay flat.")


rapamycin = Demo(
    name="rapamycin",
    title="Rapamycin as a one-click experiment: block mTORC1",
    # Stored at half block, so the blocked curves stand apart from ketamine alone.
    controls=(Slider("mtorc1_block", "mTORC1 block (fraction)", 0.0, 1.0, 0.05, 0.5),),
    build=_rapamycin_build,
    update=_rapamycin_update,
    sweep=_rapamycin_sweep,
    sweep_file="05_rapamycin_sweep.png",
    sweep_alt_text=_rapamycin_alt_text,
    prompt=("with mTORC1 fully blocked, what happens to the synaptic proteins and the spines? "
            "With a half block, is the spine gain half as big, more than half, or less?"),
)


# --- 2. onset vs maintenance: block new spines --------------------------------------------

SPINE_OPTIONS = (("off (spines can form)", 0.0), ("on (no new spines)", 1.0))
SPINE_STYLE = {0.0: ("ketamine", "spine formation intact"),
               1.0: ("blocked", "spine formation blocked")}


def _shade_clinical_loss(ax) -> None:
    ax.axvspan(24 * CLINICAL_LOSS_DAYS[0], 24 * CLINICAL_LOSS_DAYS[1],
               **shading("trial_benefit_lost"))
    ax.text(24 * 9.5, 9.8, "trials: effect\nlost by day 10-12", ha="right", va="top",
            fontsize=11)
    ax.axvline(24.0, **role_style("reference"))
    ax.text(22.0, 9.8, "trials: peak\nat day 1", ha="right", va="top", fontsize=11)


def _onset_build():
    fig, ax = new_figure(11.0, 5.6)
    _shade_clinical_loss(ax)
    reference = course()
    ax.plot(*after_start(reference, "improvement"), **role_style("ketamine"),
            label="reference: spine formation intact")
    line, = ax.plot([], [], **role_style("blocked", linewidth=3.5), label="this setting")
    log_time_axis(ax, T_MIN_H, T_END_H, label="time after infusion start")
    finish_axes(ax, ylim=(0, 10), ylabel="improvement in score\n(points, baseline minus score)",
                legend="upper left")
    title = ax.set_title(" ", fontsize=14)
    return fig, dict(line=line, title=title)


def _onset_update(artists, spine_formation_block: float) -> None:
    run = course(0.0, float(spine_formation_block))
    role, _ = SPINE_STYLE[float(spine_formation_block)]
    gain = improvement(run)
    artists["line"].set_data(*after_start(run, gain))
    artists["line"].set(**role_style(role, linewidth=3.5))
    at = [float(np.interp(h, run.t_h, gain)) for h in (2.0, 24.0, 168.0)]
    artists["title"].set_text(f"improvement: {at[0]:.1f} points at 2 h, {at[1]:.1f} at 1 day, "
                              f"{at[2]:.1f} at 1 week")


def _onset_sweep():
    fig, (ax, plasma_ax) = new_figure(11.0, 8.4, nrows=2, sharex=True,
                                      height_ratios=(2.2, 1))
    _shade_clinical_loss(ax)
    for block, (role, label) in SPINE_STYLE.items():
        run = course(0.0, block)
        ax.plot(*after_start(run, "improvement"), **role_style(role, linewidth=3), label=label)
    finish_axes(ax, ylim=(0, 10), ylabel="improvement in score\n(points)",
                title="New spines are not needed for the first hours, but keep the effect going",
                legend="upper left", legend_size=12)
    run = course()
    t, plasma = after_start(run, "ketamine_plasma_uM")
    peak = run["ketamine_plasma_uM"].max()
    plasma_ax.plot(t, 100 * plasma / peak, **role_style("ketamine"))
    at_day = 100 * run.at("ketamine_plasma_uM", 24.0) / peak
    plasma_ax.annotate(f"day 1: {at_day:.1f}% of peak", (24.0, at_day), xytext=(60, 45),
                       fontsize=12, arrowprops=dict(arrowstyle="->", color=PALETTE["black"]))
    finish_axes(plasma_ax, ylim=(0, 105), ylabel="plasma ketamine\n(% of peak)")
    log_time_axis(plasma_ax, T_MIN_H, T_END_H, label="time after infusion start")
    return fig


def _onset_alt_text() -> str:
    """The sweep's alt text, with the numbers of the runs it draws."""
    intact, blocked = course(0.0, 0.0), course(0.0, 1.0)
    gain = improvement(intact)
    peak_h = intact.t_h[int(np.argmax(gain))]
    loss = (intact.t_h >= 24 * CLINICAL_LOSS_DAYS[0]) & (intact.t_h <= 24 * CLINICAL_LOSS_DAYS[1])
    at_day = intact.at("ketamine_plasma_uM", 24.0) / intact["ketamine_plasma_uM"].max()
    return ("Score improvement over two weeks on a log-time axis, spine formation intact "
            "or blocked: the curves match for the first hours; with spines blocked the "
            "improvement is mostly gone by day 2 "
            f"({float(np.interp(48.0, blocked.t_h, improvement(blocked))):.1f} points), while "
            f"the intact one peaks at {gain.max():.1f} points after {peak_h / 24:.1f} days "
            f"and still holds about {gain[loss].mean():.0f} points at days "
            f"{CLINICAL_LOSS_DAYS[0]:.0f}-{CLINICAL_LOSS_DAYS[1]:.0f}, where trials show no "
            f"effect; a lower panel: plasma ketamine at {at_day:.1%} of its peak on day 1.")


onset_maintenance = Demo(
    name="onset_maintenance",
    title="Onset vs maintenance: what if no new spines can form?",
    # Stored with spine formation blocked, so the curve stands apart from the reference.
    controls=(Choice("spine_formation_block", "block new spine formation", SPINE_OPTIONS, 1.0),),
    build=_onset_build,
    update=_onset_update,
    sweep=_onset_sweep,
    sweep_file="05_onset_vs_maintenance.png",
    sweep_alt_text=_onset_alt_text,
    prompt=("with no new spines, will the improvement at 2 hours be smaller, the same or "
            "larger? And at 1 day and 1 week?"),
)


DEMOS = (rapamycin, onset_maintenance)
