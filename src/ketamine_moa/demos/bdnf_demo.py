"""Demos for notebook 04, "AMPA and BDNF release": blocker experiments and Val66Met.

Each demo runs ``ketamine_moa.chain.simulate`` for the research-trial infusion (0.5 mg/kg IV
over 40 min, ``pk.single_infusion()``) with one intervention of the plasticity stage; nothing
here adds model logic. ``build`` makes the figure once, ``update`` changes its artists in
place, ``sweep`` draws a static figure for readers without a kernel.

Experiments shown (rodent findings; the toy only mimics their logic):

* NBQX, an AMPA-receptor antagonist, weakens ketamine's antidepressant-like effect (Maeng et
  al. 2008, doi:10.1016/j.biopsych.2007.05.028);
* a function-blocking anti-BDNF antibody in mPFC blocks the 24 h effect, and ketamine-evoked
  BDNF release needs AMPA receptors (Lepack et al. 2015, doi:10.1093/ijnp/pyu033);
* Met/Met BDNF Val66Met knock-in mice show a markedly impaired synaptogenic response (Liu et
  al. 2012, pmid:22036038); the Met allele lowers activity-dependent BDNF secretion (Egan et
  al. 2003, doi:10.1016/S0092-8674(03)00035-7).
"""

from __future__ import annotations

import numpy as np

from ..regimens import run_doses
from ..pk import single_infusion
from ..plotting import PALETTE, marker_style, new_figure, role_style
from ..widgets import Choice, Demo, Slider
from . import finish_axes

EARLY_H = 6.0              # window of the surge panels
LONG_H = 14 * 24.0         # window of the spine panel
SPINE_READOUT_H = 24.0     # the 24 h spine gain read-out

EXPERIMENTS = (("none (drug alone)", "none"), ("NBQX (ampa_block)", "ampa_block"),
               ("anti-BDNF antibody (bdnf_block)", "bdnf_block"),
               ("TrkB block (trkb_block)", "trkb_block"))
EXPERIMENT_LABEL = {"none": "drug alone", "ampa_block": "NBQX", "bdnf_block": "anti-BDNF",
                    "trkb_block": "TrkB block"}
GENOTYPES = (("Val/Val", 0.0), ("Val/Met", 0.5), ("Met/Met", 1.0))
GENOTYPE_STYLE = {  # vocabulary role, hatch: the common genotype is the reference response
    0.0: ("ketamine", ""),
    0.5: ("whatif_1", "//"),
    1.0: ("whatif_2", "xx"),
}


def _run(name: str, fraction: float, t_end_h: float = LONG_H):
    """``simulate`` for the research-trial infusion with one intervention (memoised)."""
    interventions = {} if name == "none" else {name: float(fraction)}
    return run_doses(single_infusion(), t_end_h, interventions)


def spine_gain_pct(name: str, fraction: float, t_end_h: float = 48.0) -> float:
    """Spine density gain at 24 h (% above the pre-treatment level), read from the run to
    ``t_end_h`` (the 48 h and the 14-day runs give the same number at 24 h for every blocker
    and slider step, so a demo reads it from the run it draws and needs no second run)."""
    return 100.0 * (float(_run(name, fraction, t_end_h).at("spine_density_rel",
                                                           SPINE_READOUT_H)) - 1.0)


# --- 1. blocker experiments ----------------------------------------------------------------

EARLY_PANELS = (("glutamate_rel", "glutamate"), ("ampa_activation_rel", "AMPA activation"),
                ("bdnf_release_rel", "BDNF release"))


def _blockers_build():
    fig, axes = new_figure(12.0, 7.6, nrows=2, ncols=2)
    axes = axes.ravel()
    ref = _run("none", 0.0)
    early = ref.t_h <= EARLY_H
    lines = {}
    for ax, (key, label) in zip(axes[:3], EARLY_PANELS):
        ax.plot(ref.t_h[early], ref[key][early], **role_style("ketamine"), label="drug alone")
        lines[key], = ax.plot([], [], **role_style("blocked", linewidth=3), label="with blocker")
        ax.axhline(1.0, color=PALETTE["black"], lw=0.8)
        finish_axes(ax, xlim=(0, EARLY_H), ylim=(0.85, 1.4),
                    xlabel="time since infusion start (h)",
                    ylabel=f"{label}\n(relative to baseline)", title=label)
    axes[0].legend(loc="upper right", fontsize=11, framealpha=0.95)
    days = ref.t_h / 24.0
    spine_ax = axes[3]
    spine_ax.plot(days, ref["spine_density_rel"], **role_style("ketamine"), label="drug alone")
    lines["spine_density_rel"], = spine_ax.plot([], [], **role_style("blocked", linewidth=3),
                                                label="with blocker")
    spine_ax.axhline(1.0, color=PALETTE["black"], lw=0.8)
    finish_axes(spine_ax, xlim=(0, LONG_H / 24.0), ylim=(0.98, 1.15),
                xlabel="time since infusion start (days)",
                ylabel="spine density\n(1 = before treatment)", title="spine density over 14 days")
    title = fig.suptitle(" ", fontsize=15)
    return fig, dict(lines=lines, title=title)


def _blockers_update(artists, experiment: str, fraction: float) -> None:
    fraction = 0.0 if experiment == "none" else float(fraction)
    run = _run(experiment, fraction)
    early = run.t_h <= EARLY_H
    for key, line in artists["lines"].items():
        if key == "spine_density_rel":
            line.set_data(run.t_h / 24.0, run[key])
        else:
            line.set_data(run.t_h[early], run[key][early])
    alone = spine_gain_pct("none", 0.0, LONG_H)
    gain = spine_gain_pct(experiment, fraction, LONG_H)
    what = ("drug alone" if experiment == "none"
            else f"{EXPERIMENT_LABEL[experiment]} at {fraction:.0%}")
    surge = 100 * (run["glutamate_rel"].max() - 1)
    artists["title"].set_text(f"{what}: glutamate peak +{surge:.0f}%, 24 h spine gain "
                              f"+{gain:.1f}% ({100 * gain / alone:.0f}% of drug alone)")


def _blockers_series() -> dict:
    """What the blocker sweep draws: peaks above baseline (%) and 24 h spine gains (% of drug
    alone) over the blocked fraction, with the half-block read-out."""
    fractions = np.linspace(0.0, 1.0, 21)
    alone = spine_gain_pct("none", 0.0)
    return dict(
        fractions=fractions,
        glutamate=[100 * (_run("bdnf_block", f, 48.0)["glutamate_rel"].max() - 1)
                   for f in fractions],
        flat=[100 * (_run("bdnf_block", f, 48.0)["bdnf_release_rel"].max() - 1)
              for f in fractions],
        falling=[100 * (_run("ampa_block", f, 48.0)["bdnf_release_rel"].max() - 1)
                 for f in fractions],
        trkb=[100 * (_run("bdnf_block", f, 48.0)["trkb_activation_rel"].max() - 1)
              for f in fractions],
        gains=[100 * spine_gain_pct("ampa_block", f) / alone for f in fractions],
        half=100 * spine_gain_pct("ampa_block", 0.5) / alone,
    )


def _blockers_sweep():
    series = _blockers_series()
    fractions, flat, falling, trkb = (series[k] for k in ("fractions", "flat", "falling", "trkb"))
    fig, (peak_ax, gain_ax) = new_figure(12.5, 5.6, ncols=2)
    # Under the antibody glutamate and BDNF release have the same peak: one line, one label.
    peak_ax.plot(fractions, flat, **role_style("glutamate", linewidth=3), marker="s", ms=8,
                 markevery=4, label="anti-BDNF: glutamate and BDNF release (unchanged)")
    peak_ax.plot(fractions, falling, **role_style("bdnf", linewidth=3), marker="o", ms=8,
                 markevery=4, label="NBQX: BDNF release (falls)")
    peak_ax.plot(fractions, trkb, **role_style("trkb", linewidth=3), marker="^", ms=8,
                 markevery=(2, 4), label="either blocker: TrkB activation (falls)")
    finish_axes(peak_ax, xlim=(0, 1), ylim=(0, 52), xlabel="blocked fraction",
                ylabel="peak above baseline (%)",
                title="The surge survives both blockers; TrkB does not", legend="upper right")

    gains, half = series["gains"], series["half"]
    gain_ax.plot(fractions, gains, **role_style("spines", linewidth=3),
                 label="NBQX or anti-BDNF (identical in this toy)")
    gain_ax.plot(fractions, 100 * (1 - fractions), **role_style("reference", linewidth=2),
                 label="if the gain were proportional to the signal")
    gain_ax.plot([0.5], [half], **marker_style("spines"), ms=11, zorder=5)
    gain_ax.annotate(f"half the signal:\n{half:.0f}% of the gain", (0.5, half),
                     xytext=(0.58, 55), fontsize=12,
                     arrowprops=dict(arrowstyle="->", color=PALETTE["black"], lw=1.2))
    finish_axes(gain_ax, xlim=(0, 1), ylim=(0, 105), xlabel="blocked fraction",
                ylabel="24 h spine gain (% of drug alone)",
                title="The spine gain collapses before the block is complete",
                legend="upper right")
    return fig


def _blockers_alt_text() -> str:
    series = _blockers_series()
    return (f"Left: the +{min(series['glutamate']):.0f}% glutamate peak is unchanged by either "
            f"blocker and BDNF release stays at +{min(series['flat']):.0f}% under the anti-BDNF "
            f"antibody but falls to {series['falling'][-1]:.0f} with the NBQX fraction, while "
            f"TrkB activation falls to {series['trkb'][-1]:.0f} under both; right: the 24 h "
            f"spine gain falls to {series['half']:.0f}% of drug alone at half block and to "
            f"{series['gains'][-1]:.0f} at full block, far below a proportional line.")


blockers = Demo(
    name="blockers",
    title="NBQX, anti-BDNF and TrkB block: which steps does the surge need?",
    controls=(
        # Stored with NBQX, so the blocked curves stand apart from "drug alone".
        Choice("experiment", "experiment", EXPERIMENTS, "ampa_block"),
        Slider("fraction", "blocked share (fraction)", 0.0, 1.0, 0.05, 1.0),
    ),
    build=_blockers_build,
    update=_blockers_update,
    sweep=_blockers_sweep,
    sweep_file="04_blocker_sweep.png",
    sweep_alt_text=_blockers_alt_text,
    prompt=("pick an experiment. Which curves will change: the glutamate surge, AMPA "
            "activation, BDNF release, the spines? Is the answer the same for NBQX and the "
            "antibody?"),
)


# --- 2. BDNF Val66Met ----------------------------------------------------------------------

def _genotype_build():
    fig, (rel_ax, spine_ax) = new_figure(12.0, 5.8, ncols=2)
    release_ref = _run("bdnf_val66met", 0.0, 48.0)["bdnf_release_rel"].max() - 1
    gain_ref = spine_gain_pct("bdnf_val66met", 0.0) / 100
    lines = {}
    for label, value in GENOTYPES:
        run = _run("bdnf_val66met", value, 48.0)
        role, _ = GENOTYPE_STYLE[value]
        early = run.t_h <= EARLY_H
        # In the bar chart's units: each curve's change as a share of Val/Val's peak release
        # and 24 h spine gain.
        lines[value] = (
            rel_ax.plot(run.t_h[early], 100 * (run["bdnf_release_rel"][early] - 1) / release_ref,
                        **role_style(role), label=label)[0],
            spine_ax.plot(run.t_h, 100 * (run["spine_density_rel"] - 1) / gain_ref,
                          **role_style(role), label=label)[0],
        )
    marker, = spine_ax.plot([], [], "o", color=PALETTE["black"], ms=12, mfc="none", mew=3,
                            zorder=6)
    spine_ax.axvline(SPINE_READOUT_H, color="0.5", lw=1)
    for ax in (rel_ax, spine_ax):
        ax.axhline(0.0, color=PALETTE["black"], lw=0.8)
        ax.set_xlabel("time since infusion start (h)")
    fig.legend(handles=[pair[0] for pair in lines.values()], loc="outside lower center",
               ncols=3, fontsize=12, frameon=False)  # below the axes: no curve runs through it
    finish_axes(rel_ax, xlim=(0, EARLY_H), ylim=(-10, 125),
                ylabel="BDNF release, change\n(% of Val/Val peak)",
                title="BDNF release, first 6 h")
    spine_ax.set_xlim(0, 48)
    spine_ax.set_xticks([0, 12, 24, 36, 48])
    finish_axes(spine_ax, ylim=(-10, 150), ylabel="spine gain\n(% of Val/Val at 24 h)",
                title="spine density, first 2 days")
    title = fig.suptitle(" ", fontsize=15)
    return fig, dict(lines=lines, marker=marker, title=title)


def _genotype_update(artists, val66met: float) -> None:
    for value, pair in artists["lines"].items():
        chosen = value == val66met
        for line in pair:
            line.set_linewidth(4.0 if chosen else 1.5)
            line.set_alpha(1.0 if chosen else 0.45)
    run = _run("bdnf_val66met", val66met, 48.0)
    gain = spine_gain_pct("bdnf_val66met", val66met)
    artists["marker"].set_data([SPINE_READOUT_H], [100 * gain / spine_gain_pct("bdnf_val66met",
                                                                                0.0)])
    release = 100 * (run["bdnf_release_rel"].max() - 1)
    release_ref = 100 * (_run("bdnf_val66met", 0.0, 48.0)["bdnf_release_rel"].max() - 1)
    gain_ref = spine_gain_pct("bdnf_val66met", 0.0)
    name = dict((v, k) for k, v in GENOTYPES)[val66met]
    artists["title"].set_text(f"{name}: release {100 * release / release_ref:.0f}% and 24 h "
                              f"spine gain {100 * gain / gain_ref:.0f}% of Val/Val")


def _genotype_shares() -> dict[float, tuple[float, float]]:
    """Per genotype: peak BDNF release and 24 h spine gain, each in % of Val/Val."""
    release_ref = _run("bdnf_val66met", 0.0, 48.0)["bdnf_release_rel"].max() - 1
    gain_ref = spine_gain_pct("bdnf_val66met", 0.0)
    return {value: (100 * (_run("bdnf_val66met", value, 48.0)["bdnf_release_rel"].max() - 1)
                    / release_ref,
                    100 * spine_gain_pct("bdnf_val66met", value) / gain_ref)
            for _, value in GENOTYPES}


def _genotype_sweep():
    fig, ax = new_figure(10.5, 5.8)
    shares = _genotype_shares()
    width = 0.38
    for i, (label, value) in enumerate(GENOTYPES):
        role, hatch = GENOTYPE_STYLE[value]
        colour = role_style(role)["color"]
        release, gain = shares[value]
        for x, height, fill in ((i - width / 2, release, "white"), (i + width / 2, gain, colour)):
            ax.bar(x, height, width * 0.95, color=fill, edgecolor=PALETTE["black"],
                   hatch=hatch or None, lw=1.5)
            ax.text(x, height + 2, f"{height:.0f}%", ha="center", va="bottom", fontsize=12)
        ax.text(i - width / 2, -4, "release", ha="center", va="top", fontsize=11)
        ax.text(i + width / 2, -4, "24 h spines", ha="center", va="top", fontsize=11)
    ax.set_xticks(range(len(GENOTYPES)), [label for label, _ in GENOTYPES], fontsize=13)
    ax.tick_params(axis="x", pad=24, length=0)
    finish_axes(ax, ylim=(0, 115), ylabel="% of Val/Val",
                title="One Met allele or two: release falls a little, the spine gain a lot")
    return fig


def _genotype_alt_text() -> str:
    shares = _genotype_shares()
    release, gain = ([f"{shares[value][i]:.0f}%" for _, value in GENOTYPES] for i in (0, 1))
    return ("Bar chart by BDNF genotype, each bar labelled: activity-dependent BDNF release is "
            f"{release[0]}, {release[1]} and {release[2]} of Val/Val for Val/Val, Val/Met and "
            f"Met/Met, while the 24 h spine gain is {gain[0]}, {gain[1]} and {gain[2]}.")


genotype = Demo(
    name="genotype",
    title="BDNF Val66Met: less release, far fewer new spines",
    controls=(
        Choice("val66met", "BDNF genotype", GENOTYPES, 0.0),
    ),
    build=_genotype_build,
    update=_genotype_update,
    sweep=_genotype_sweep,
    sweep_file="04_val66met_bars.png",
    sweep_alt_text=_genotype_alt_text,
    prompt=("Met/Met halves the activity-dependent BDNF release in this toy. Will the 24 h "
            "spine gain also be halved, or shrink more, or less?"),
)


DEMOS = (blockers, genotype)
