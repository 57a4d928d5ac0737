"""Demos for notebook 02, "Blocking the NMDA channel": occupancy, trapping, use-dependence.

Each demo draws the models of ``ketamine_moa.receptors`` with the parameters of
``src/ketamine_moa/data/parameters.csv``; nothing here adds model logic. ``build`` makes the
figure once, ``update`` changes its artists in place, ``sweep`` draws a new static figure for
readers without a kernel.

Reference ranges drawn on the figures (plasma, not brain, concentrations):

* antidepressant infusion peak, about 0.5-1 uM: 185 ng/mL = 0.78 uM after 0.5 mg/kg IV over
  40 min (Zarate et al. 2006, tabulated by Zanos et al. 2018, doi:10.1124/pr.117.015198);
* anaesthesia, about 5-10 uM (1200-2400 ng/mL; same table).

Measured block: about 50% at 1 uM (Gerhard et al. 2020, doi:10.1172/JCI130808) and
80 +/- 2% at 10 uM in rat cortical neurons; 86 +/- 1% of the block left after a 120 s
agonist-free washout (Mealing et al. 1999, J Pharmacol Exp Ther 288:204, PMID 9862772).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.transforms import blended_transform_factory

from ..regimens import block_left, run_doses, washout_run
from ..params import model_parameters
from ..pk import single_infusion
from ..plotting import PALETTE, marker_style, new_figure, role_style, shading
from ..published import published
from ..receptors import blocked_fraction, hill_block
from ..widgets import Choice, Demo, Slider
from . import finish_axes

#: Plasma ranges (uM) shaded on the figures; see the module docstring for sources.
ANTIDEPRESSANT_RANGE_UM = (0.5, 1.0)
ANAESTHETIC_RANGE_UM = (5.0, 10.0)
#: Measured block (fraction of NMDA current): (concentration uM, block, +/- error or None).
MEASURED_BLOCK = tuple((v.x, v.value, None if math.isnan(v.sd) else v.sd)
                       for v in published("nmda_block"))
#: Mealing et al. 1999: share of the block left after 120 s without agonist.
MEASURED_TRAPPED = next((v.x, v.value, v.sd) for v in published("trapped_block_left"))
#: A concentration in the anaesthetic range, marked on the occupancy curve.
ANAESTHETIC_EXAMPLE_UM = 7.0
#: Share of the block below which the trapping figure counts it as gone.
CLEARED_BELOW = 0.01
LOADING_S = 30.0               # drug + agonist phase of the washout protocol
TEST_S = 30.0                  # agonist-only test phase after the washout
WASHOUT_MIN_S = 0.01           # a Phase needs a duration > 0; slider 0 maps to this
CONC_GRID_UM = np.logspace(-2, 2, 300)
RATE_GRID_PER_S = np.logspace(-3.3, 1.6, 200)
USE_SWEEP_SLOWEST_PER_S = 0.001  # the slowest opening rate drawn on the use-dependence figure

BAND_STYLE = {
    "antidepressant": shading("antidepressant_range"),
    "anaesthetic": shading("anaesthetic_range"),
}


def _nmda():
    return model_parameters().nmda


def standard_infusion_peak() -> dict[str, float]:
    """Peak plasma ketamine and peak block per cell type for 0.5 mg/kg IV over 40 min.

    This is the research-trial infusion (Zarate et al. 2006) run through ``simulate``; it
    is used only as a reference point on the figures, not as advice.
    """
    run = run_doses(single_infusion(0.5), 6.0)
    return {
        "plasma_uM": float(run["ketamine_plasma_uM"].max()),
        "interneuron": float(run["nmda_block_interneuron"].max()),
        "pyramidal": float(run["nmda_block_pyramidal"].max()),
    }


def _shade_ranges(ax, label_heights=(93.0, 30.0), with_labels=True) -> None:
    """Shade the antidepressant and anaesthetic plasma ranges on a concentration axis."""
    ax.axvspan(*ANTIDEPRESSANT_RANGE_UM, **BAND_STYLE["antidepressant"])
    ax.axvspan(*ANAESTHETIC_RANGE_UM, **BAND_STYLE["anaesthetic"])
    if with_labels:
        ax.text(np.sqrt(np.prod(ANTIDEPRESSANT_RANGE_UM)), label_heights[0],
                "antidepressant\ninfusion peak", ha="center", va="top", fontsize=11)
        ax.text(np.sqrt(np.prod(ANAESTHETIC_RANGE_UM)), label_heights[1],
                "anaesthesia", ha="center", va="bottom", fontsize=11, rotation=90)


def _conc_axis(ax) -> None:
    ax.set_xscale("log")
    ax.set_xlim(CONC_GRID_UM[0], CONC_GRID_UM[-1])
    ax.set_xticks([0.01, 0.1, 1, 10, 100], ["0.01", "0.1", "1", "10", "100"])
    ax.set_xlabel("ketamine concentration (µM, log scale)")


# --- 1. occupancy: the Hill block curve ---------------------------------------------------

def _occupancy_build():
    nmda = _nmda()
    fig, (ax, bar_ax) = new_figure(11.5, 5.2, ncols=2, gridspec_kw={"width_ratios": [3.0, 1.0]})
    _shade_ranges(ax)
    ax.plot(CONC_GRID_UM, 100 * hill_block(CONC_GRID_UM, nmda.ketamine_nmda_ic50_uM,
                                           nmda.ketamine_nmda_hill_n),
            **role_style("ketamine"), label="model: Hill block")
    _conc_axis(ax)
    finish_axes(ax, ylim=(0, 100), ylabel="NMDA current blocked (%)")
    guide_v, = ax.plot([], [], color=PALETTE["black"], ls="--", lw=1.5)
    guide_h, = ax.plot([], [], color=PALETTE["black"], ls="--", lw=1.5)
    point, = ax.plot([], [], "o", color=PALETTE["black"], ms=11, zorder=5)
    title = ax.set_title(" ")

    bars = bar_ax.bar([0, 1], [0, 0], color=[PALETTE["vermillion"], PALETTE["grey"]],
                      hatch=["//", ""], edgecolor=PALETTE["black"], width=0.7)
    bar_ax.set_xticks([0, 1], ["blocked", "still\nflowing"])
    finish_axes(bar_ax, ylim=(0, 112), ylabel="NMDA current (%)")
    bar_ax.grid(axis="x", visible=False)
    bar_text = [bar_ax.text(i, 0, "", ha="center", va="bottom", fontsize=13) for i in (0, 1)]
    return fig, dict(guide_v=guide_v, guide_h=guide_h, point=point, title=title,
                     bars=bars, bar_text=bar_text)


def _occupancy_update(artists, log10_conc_uM: float) -> None:
    nmda = _nmda()
    conc = 10.0 ** log10_conc_uM
    block = float(hill_block(conc, nmda.ketamine_nmda_ic50_uM, nmda.ketamine_nmda_hill_n))
    artists["guide_v"].set_data([conc, conc], [0, 100 * block])
    artists["guide_h"].set_data([CONC_GRID_UM[0], conc], [100 * block, 100 * block])
    artists["point"].set_data([conc], [100 * block])
    artists["title"].set_text(f"{conc:.3g} µM ketamine: {block:.0%} of the current blocked")
    for bar, text, value in zip(artists["bars"], artists["bar_text"], (block, 1.0 - block)):
        bar.set_height(100 * value)
        text.set_position((bar.get_x() + bar.get_width() / 2, 100 * value + 2))
        text.set_text(f"{value:.0%}")


def _occupancy_sweep():
    nmda = _nmda()
    peak = standard_infusion_peak()["plasma_uM"]
    fig, ax = new_figure(10.5, 5.8)
    _shade_ranges(ax)
    ax.plot(CONC_GRID_UM, 100 * hill_block(CONC_GRID_UM, nmda.ketamine_nmda_ic50_uM,
                                           nmda.ketamine_nmda_hill_n),
            **role_style("ketamine"),
            label=f"model: IC$_{{50}}$ = {nmda.ketamine_nmda_ic50_uM:g} µM, "
                  f"n$_H$ = {nmda.ketamine_nmda_hill_n:g}")
    conc, block, _ = MEASURED_BLOCK[0]
    ax.plot([conc], [100 * block], **marker_style("measured", marker="s"), ms=10, zorder=6,
            label="measured ≈50% at 1 µM (Gerhard 2020)")
    conc, block, err = MEASURED_BLOCK[1]
    ax.errorbar([conc], [100 * block], yerr=[100 * err], fmt="D", color=PALETTE["black"],
                gid="measured",
                mfc="white", mew=2, ms=10, capsize=5, zorder=6,
                label="measured 80 ± 2% at 10 µM (Mealing 1999)")
    for conc, dx in ((peak, 1.25), (ANAESTHETIC_EXAMPLE_UM, 0.55)):
        model = float(hill_block(conc, nmda.ketamine_nmda_ic50_uM, nmda.ketamine_nmda_hill_n))
        ax.plot([conc], [100 * model], "o", color=PALETTE["vermillion"], ms=9, zorder=5)
        ax.annotate(f"model: {model:.0%}\nat {conc:.2g} µM", (conc, 100 * model),
                    xytext=(conc * dx, 100 * model + (-22 if dx > 1 else 4)),
                    ha="left" if dx > 1 else "right", fontsize=12,
                    arrowprops=dict(arrowstyle="-", color=PALETTE["black"], lw=1))
    _conc_axis(ax)
    finish_axes(ax, ylim=(0, 100), ylabel="NMDA current blocked (%)",
                title="Block rises steeply between the antidepressant and anaesthetic ranges",
                title_size=None, legend="lower right", legend_size=None)
    return fig


def _occupancy_alt_text() -> str:
    nmda = _nmda()
    peak = standard_infusion_peak()["plasma_uM"]
    at_peak, at_anaesthetic = (
        float(hill_block(conc, nmda.ketamine_nmda_ic50_uM, nmda.ketamine_nmda_hill_n))
        for conc in (peak, ANAESTHETIC_EXAMPLE_UM))
    (low_uM, low, _), (high_uM, high, _) = MEASURED_BLOCK
    return ("Hill block curve of ketamine on the NMDA current against concentration on a log "
            f"axis: the model gives {at_peak:.0%} block at the {peak:.2f} µM antidepressant "
            f"infusion peak and {at_anaesthetic:.0%} at {ANAESTHETIC_EXAMPLE_UM:g} µM in the "
            f"anaesthetic range, against measured points of {low:.0%} at {low_uM:g} µM and "
            f"{high:.0%} at {high_uM:g} µM.")


occupancy = Demo(
    name="occupancy",
    title="How much of the NMDA current does ketamine block?",
    controls=(
        # log10 steps so the 0.05-50 uM range spreads evenly; -0.125 is 0.75 uM.
        Slider("log10_conc_uM", "ketamine concentration (log10 µM)", -1.3, 1.7, 0.025, -0.125),
    ),
    build=_occupancy_build,
    update=_occupancy_update,
    sweep=_occupancy_sweep,
    sweep_file="02_occupancy_curve.png",
    sweep_alt_text=_occupancy_alt_text,
    prompt=("the slider is in log10 units (−1 is 0.1 µM, 0 is 1 µM, 1 is 10 µM). At the "
            "antidepressant peak (about 0.75 µM), is most of the current blocked, or less than "
            "half? How much at anaesthetic levels (5-10 µM)?"),
)


# --- 2. trapping: washout with and without agonist ----------------------------------------

AGONIST_OPTIONS = (("absent (no glutamate)", 0.0), ("present (glutamate)", 1.0))


def _trapping_build():
    fig, ax = new_figure(11.0, 5.8)
    drug_span = ax.axvspan(0, LOADING_S, **shading("drug_given"), label="ketamine in the bath")
    open_line, = ax.plot([], [], **role_style("channel_open"), label="open (ions flow)")
    blocked_line, = ax.plot([], [], **role_style("ketamine_block"),
                            label="blocked (drug in pore)")
    trapped_line, = ax.plot([], [], **role_style("channel_trapped"),
                            label="trapped (closed with drug inside)")
    bounds = [ax.axvline(x, color=PALETTE["black"], lw=1) for x in (LOADING_S, LOADING_S)]
    top = blended_transform_factory(ax.transData, ax.transAxes)
    labels = [ax.text(x, 0.98, name, transform=top, ha="center", va="top", fontsize=12,
                      bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1))
              for x, name in ((LOADING_S / 2, "load"), (0, "washout"), (0, "test"))]
    finish_axes(ax, ylim=(0, 1.0), xlabel="time (s)", ylabel="fraction of channels")
    title = ax.set_title(" ", fontsize=14)
    fig.legend(handles=[drug_span, open_line, blocked_line, trapped_line],
               loc="outside lower center", ncol=4, fontsize=11, frameon=False)
    return fig, dict(ax=ax, open=open_line, blocked=blocked_line, trapped=trapped_line,
                     bounds=bounds, labels=labels, title=title)


def _trapping_update(artists, conc_uM: float, washout_s: float, agonist: float) -> None:
    washout = max(float(washout_s), WASHOUT_MIN_S)
    trace, remaining = washout_run(float(conc_uM), washout, float(agonist), LOADING_S, TEST_S)
    artists["open"].set_data(trace.t_s, trace.open)
    artists["blocked"].set_data(trace.t_s, trace.blocked)
    artists["trapped"].set_data(trace.t_s, trace.trapped)
    wash_end = LOADING_S + washout
    artists["bounds"][1].set_xdata([wash_end, wash_end])
    _, wash_label, test_label = artists["labels"]
    wash_label.set_position((LOADING_S + washout / 2, 0.98))
    wash_label.set_visible(washout >= 45.0)
    wash_label.set_text("washout, no glutamate" if agonist == 0 else "washout, glutamate")
    test_label.set_position((wash_end + TEST_S / 2, 0.98))
    artists["ax"].set_xlim(0, wash_end + TEST_S)
    state = "without" if agonist == 0 else "with"
    artists["title"].set_text(f"{conc_uM:.2g} µM, then {washout_s:.0f} s washout {state} "
                              f"glutamate: {remaining:.0%} of the block remains")


def _trapping_sweep():
    grids = {  # washout times (s): dense where the curve bends
        0.0: np.array([WASHOUT_MIN_S, 1, 2, 5, 10, 20, 30, 60, 90, 120, 150, 180, 240, 300]),
        1.0: np.array([WASHOUT_MIN_S, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 60,
                       120, 300]),
    }
    fig, ax = new_figure(10.5, 5.8)
    styles = {0.0: ("ketamine", "no glutamate: channels stay shut"),
              1.0: ("whatif_1", "glutamate present: channels open")}
    for agonist, (role, label) in styles.items():
        remaining = [block_left(1.0, t, agonist) for t in grids[agonist]]
        ax.plot(grids[agonist], 100 * np.array(remaining), **role_style(role),
                label=f"model, {label}")
    t, value, err = MEASURED_TRAPPED
    ax.errorbar([t], [100 * value], yerr=[100 * err], fmt="D", color=PALETTE["black"],
                gid="measured",
                mfc="white", mew=2, ms=11, capsize=5, zorder=6,
                label="measured 86 ± 1% at 120 s, no agonist\n(Mealing 1999; the escape rate "
                      "is calibrated to it)")
    ax.annotate(f"with glutamate the drug\nleaves within about {_clearing_time_s():.0f} s",
                (4, 8), xytext=(25, 22),
                fontsize=12, arrowprops=dict(arrowstyle="->", color=PALETTE["black"], lw=1.2))
    finish_axes(ax, xlim=(0, 300), ylim=(0, 105), xlabel="drug-free washout (s)",
                ylabel="block remaining (% of block\nat end of loading)",
                title="Unblocking needs opening: 1 µM ketamine, 30 s loading, then washout",
                title_size=None)
    ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.45), framealpha=0.95)
    return fig


def _clearing_time_s(conc_uM: float = 1.0) -> int:
    """The first whole second of washout with glutamate after which less than
    ``CLEARED_BELOW`` of the block is left."""
    return next(t for t in range(1, 301)
                if block_left(conc_uM, t, 1.0) < CLEARED_BELOW)


def _trapping_alt_text() -> str:
    t, value, err = MEASURED_TRAPPED
    kept = block_left(1.0, t, 0.0)
    return (f"Block remaining after a drug-free washout of 0 to 300 s: without glutamate the "
            f"model keeps {kept:.0%} of the block at {t:.0f} s, matching the measured "
            f"{100 * value:.0f} ± {100 * err:.0f}%, while with glutamate present the block is "
            f"gone within about {_clearing_time_s()} s.")


trapping = Demo(
    name="trapping",
    title="Trapping: does the block wash out when the drug is gone?",
    controls=(
        Slider("conc_uM", "ketamine during loading (µM)", 0.1, 10.0, 0.1, 1.0),
        Slider("washout_s", "drug-free washout (s)", 0.0, 300.0, 5.0, 120.0),
        Choice("agonist", "glutamate during washout", AGONIST_OPTIONS, 0.0),
    ),
    build=_trapping_build,
    update=_trapping_update,
    sweep=_trapping_sweep,
    sweep_file="02_trapping_washout.png",
    sweep_alt_text=_trapping_alt_text,
    prompt=("after 30 s of drug plus glutamate the drug is washed away. With no glutamate "
            "during the washout, will the block fade within seconds or stay? What changes if "
            "glutamate is present?"),
)


# --- 3. use-dependence: busy channels are blocked more ------------------------------------

def _cell_rates() -> dict[str, float]:
    nmda = _nmda()
    return {"interneuron": nmda.nmda_tonic_open_rate_interneuron_per_s,
            "pyramidal": nmda.nmda_tonic_open_rate_pyramidal_per_s}


CELL_STYLE = {  # vocabulary role and marker: cell types differ without colour too
    "interneuron": ("interneuron", "s"),
    "pyramidal": ("glutamate", "^"),  # the pyramidal cells are the glutamate releasers
}


def _use_build():
    nmda = _nmda()
    peak = standard_infusion_peak()["plasma_uM"]
    rates = _cell_rates()
    fig, (ax, rate_ax) = new_figure(12.0, 5.4, ncols=2)
    _shade_ranges(ax, with_labels=False)
    ax.plot(CONC_GRID_UM, 100 * blocked_fraction(CONC_GRID_UM, nmda.nmda_open_rate_agonist_per_s,
                                                 nmda),
            **role_style("whatif_4"), label="saturating glutamate")
    for cell, rate in rates.items():
        role, _ = CELL_STYLE[cell]
        ax.plot(CONC_GRID_UM, 100 * blocked_fraction(CONC_GRID_UM, rate, nmda),
                **role_style(role), label=f"{cell}-like ({rate:g} /s)")
    current, = ax.plot(CONC_GRID_UM, np.zeros_like(CONC_GRID_UM), **role_style("your_setting"),
                       label="slider rate")
    _conc_axis(ax)
    finish_axes(ax, ylim=(0, 100), ylabel="receptors blocked (%)",
                title="Steady-state block vs concentration", legend="upper left")

    rate_ax.plot(RATE_GRID_PER_S, 100 * np.array([blocked_fraction(peak, r, nmda)
                                                  for r in RATE_GRID_PER_S]),
                 color=PALETTE["black"], lw=2)
    for cell, rate in rates.items():
        role, marker = CELL_STYLE[cell]
        colour = role_style(role)["color"]
        block = float(blocked_fraction(peak, rate, nmda))
        rate_ax.plot([rate], [100 * block], marker, color=colour, ms=11, zorder=5)
        rate_ax.annotate(cell, (rate, 100 * block), xytext=(8, -18), textcoords="offset points",
                         fontsize=12, color=colour)
    point, = rate_ax.plot([], [], "o", color=PALETTE["vermillion"], ms=13, mfc="none", mew=3,
                          zorder=6)
    rate_ax.set_xscale("log")
    rate_ax.set_xlim(RATE_GRID_PER_S[0], RATE_GRID_PER_S[-1])
    rate_ax.set_xticks([0.001, 0.01, 0.1, 1, 10], ["0.001", "0.01", "0.1", "1", "10"])
    finish_axes(rate_ax, ylim=(0, 60), xlabel="tonic opening rate (1/s, log scale)",
                ylabel=f"blocked at {peak:.2f} µM (%)")
    title = rate_ax.set_title(" ", fontsize=14)
    return fig, dict(current=current, point=point, title=title)


def _use_update(artists, log10_open_rate_per_s: float) -> None:
    nmda = _nmda()
    rate = 10.0 ** log10_open_rate_per_s
    peak = standard_infusion_peak()["plasma_uM"]
    artists["current"].set_ydata(100 * blocked_fraction(CONC_GRID_UM, rate, nmda))
    block = float(blocked_fraction(peak, rate, nmda))
    artists["point"].set_data([rate], [100 * block])
    artists["title"].set_text(f"{rate:.2g} /s → {block:.0%} blocked at {peak:.2f} µM")


def _use_sweep():
    nmda = _nmda()
    peak = standard_infusion_peak()
    rates = _cell_rates()
    fig, ax = new_figure(10.5, 6.0)
    _shade_ranges(ax, label_heights=(74.0, 30.0))
    # (0.5 /s is left out: its curve lies under the saturating one.)
    others = ((USE_SWEEP_SLOWEST_PER_S, "whatif_1", f"{USE_SWEEP_SLOWEST_PER_S:g} /s"),
              (nmda.nmda_open_rate_agonist_per_s, "whatif_4",
               f"{nmda.nmda_open_rate_agonist_per_s:g} /s (saturating glutamate)"))
    for rate, role, label in others:
        ax.plot(CONC_GRID_UM, 100 * blocked_fraction(CONC_GRID_UM, rate, nmda),
                **role_style(role), label=f"opening rate {label}")
    for cell, rate in rates.items():
        role, marker = CELL_STYLE[cell]
        ax.plot(CONC_GRID_UM, 100 * blocked_fraction(CONC_GRID_UM, rate, nmda),
                **role_style(role, linewidth=3.5), marker=marker,
                markevery=[int(np.argmin(abs(CONC_GRID_UM
                                                                           - peak["plasma_uM"])))],
                ms=12, mec=PALETTE["black"],
                label=f"{cell}-like, {rate:g} /s: {peak[cell]:.0%} at {peak['plasma_uM']:.2f} µM")
    _conc_axis(ax)
    finish_axes(ax, ylim=(0, 100), ylabel="receptors blocked at steady state (%)",
                title="Busier channels are blocked more (markers: peak of the research infusion)",
                legend="upper left")
    return fig


def _use_alt_text() -> str:
    nmda = _nmda()
    peak = standard_infusion_peak()
    rates = _cell_rates()
    return ("Steady-state NMDA receptor block against ketamine concentration for opening rates "
            f"from {USE_SWEEP_SLOWEST_PER_S:g} to {nmda.nmda_open_rate_agonist_per_s:g} per "
            f"second: at the {peak['plasma_uM']:.2f} µM infusion peak the interneuron-like "
            f"receptors ({rates['interneuron']:g} /s) are {peak['interneuron']:.0%} blocked and "
            f"the pyramidal-like ones ({rates['pyramidal']:g} /s) {peak['pyramidal']:.0%}.")


use_dependence = Demo(
    name="use_dependence",
    title="Use-dependence: busy channels get blocked more",
    controls=(
        # log10 of the opening rate: -3 is 0.001 /s, -1.3 is 0.05 /s (interneuron-like),
        # -2.3 is 0.005 /s (pyramidal-like), 1.3 is 20 /s (saturating glutamate).
        # Stored at -0.5 (0.32 /s), between the cell types and saturation, so that no curve
        # lies under the slider's.
        Slider("log10_open_rate_per_s", "tonic opening rate (log10 1/s)", -3.0, 1.3, 0.1, -0.5),
    ),
    build=_use_build,
    update=_use_update,
    sweep=_use_sweep,
    sweep_file="02_use_dependence.png",
    sweep_alt_text=_use_alt_text,
    prompt=("the slider is log10 of the opening rate (−1.3 is 0.05 /s, interneuron-like; −2.3 "
            "is 0.005 /s, pyramidal-like). Will quiet channels carry more drug, less, or the "
            "same at 0.75 µM?"),
)


DEMOS = (occupancy, trapping, use_dependence)
