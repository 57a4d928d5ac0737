"""Notebook 00: the whole chain in one figure, and a first widget to learn the controls."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..regimens import run_doses
from ..params import model_parameters
from ..pk import ketamine_terminal_half_life_h, single_infusion
from ..plotting import (KETAMINE_COLOUR, SSRI_COLOUR, log_time_axis, marker_style, new_figure,
                        role_style, rounded_axis_top)
from ..readouts import peak
from ..receptors import hill_block
from ..widgets import Demo, Slider
from . import finish_axes

KETAMINE_CHAIN = (
    "plasma\nketamine", "NMDA block\n(interneurons\nfirst)", "glutamate\nsurge", "AMPA\nactivation",
    "BDNF\nrelease", "TrkB,\nmTORC1,\nproteins", "new\nspines", "mood",
)
SSRI_CHAIN = (
    "plasma\ncitalopram", "SERT\noccupied", "5-HT up,\nraphe\nfeedback",
    "5-HT1A\nauto-\nreceptors\nadapt", "slow BDNF\ntranscription",
    "plasticity,\nneuro-\ngenesis", "mood",
)

#: When each stage is under way after the first dose (hours): (label, start_h, end_h, source).
KETAMINE_TIMES = (
    ("plasma ketamine", 1 / 60, 12, "Zanos 2018 doi:10.1124/pr.117.015198"),
    ("NMDA block", 1 / 60, 12, "follows plasma; Gerhard 2020 doi:10.1172/JCI130808"),
    ("glutamate surge", 10 / 60, 2, "Milak 2016 doi:10.1038/mp.2015.83"),
    ("BDNF, mTORC1", 0.5, 2, "Li 2010 doi:10.1126/science.1190287"),
    ("new spines", 12, 14 * 24, "Phoumthipphavong 2016 doi:10.1523/ENEURO.0133-15.2016"),
    ("mood better", 40 / 60, 11 * 24, "Kishimoto 2016 doi:10.1017/S0033291716000064"),
)
SSRI_TIMES = (
    ("plasma steady", 24, 12 * 168, "Kragh-Sorensen 1981 pmid:6939299"),
    ("SERT ~80% occupied", 24, 12 * 168, "Meyer 2001 doi:10.1176/appi.ajp.158.11.1843"),
    ("autoreceptors adapt", 72, 21 * 24, "Blier 1998 doi:10.1111/j.1749-6632.1998.tb10192.x"),
    ("slow BDNF, neurogenesis", 14 * 24, 12 * 168, "Santarelli 2003 doi:10.1126/science.1083328"),
    ("remission", 2 * 168, 14 * 168, "Trivedi 2006 doi:10.1176/appi.ajp.163.1.28"),
)


def _draw_row(ax, labels, y, colour, linestyle):
    xs = np.linspace(0.055, 0.945, 8)[: len(labels)]
    for i, (x, text) in enumerate(zip(xs, labels)):
        ax.add_patch(FancyBboxPatch((x - 0.05, y - 0.13), 0.10, 0.26,
                                    boxstyle="round,pad=0.005", facecolor="white",
                                    edgecolor=colour, linewidth=2.5, linestyle=linestyle))
        ax.text(x, y, text, ha="center", va="center", fontsize=11)
        if i:
            ax.add_patch(FancyArrowPatch((xs[i - 1] + 0.052, y), (x - 0.052, y),
                                         arrowstyle="-|>", mutation_scale=16, color=colour))


def chain_figure():
    """Both chains as flow diagrams above a log-time chart of when each stage acts."""
    fig, (flow, times) = new_figure(13.0, 9.0, nrows=2, height_ratios=[1.0, 1.3])
    flow.set_axis_off()
    finish_axes(flow, xlim=(-0.01, 1.01), ylim=(0, 1))
    flow.text(0.0, 0.97, "Ketamine: a fast trigger for slow growth", color=KETAMINE_COLOUR,
              fontsize=14, fontweight="bold", va="top")
    _draw_row(flow, KETAMINE_CHAIN, 0.70, KETAMINE_COLOUR, "-")
    flow.text(0.0, 0.45,
              "SSRI (citalopram, daily): target occupied in days, slow adaptations take weeks "
              "(dashed)",
              color=SSRI_COLOUR, fontsize=14, fontweight="bold", va="top")
    _draw_row(flow, SSRI_CHAIN, 0.18, SSRI_COLOUR, "--")

    rows = [(label, a, b, KETAMINE_COLOUR, None) for label, a, b, _ in KETAMINE_TIMES]
    rows += [(label, a, b, SSRI_COLOUR, "//") for label, a, b, _ in SSRI_TIMES]
    for i, (label, start, end, colour, hatch) in enumerate(rows):
        y = len(rows) - 1 - i
        times.barh(y, end - start, left=start, height=0.6,
                   color=colour if hatch is None else "white",
                   edgecolor=colour, hatch=hatch, linewidth=1.5)
        # Labels go inside long bars, left of bars that start late, right of short ones.
        if start > 100:
            x, ha, inside = start / 1.15, "right", False
        elif end / start < 8:
            x, ha, inside = end * 1.15, "left", False
        else:
            x, ha, inside = start * 1.15, "left", True
        times.text(x, y, label, va="center", ha=ha, fontsize=12, fontweight="bold",
                   color="white" if inside and hatch is None else "black",
                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0}
                   if hatch is not None or not inside else None)
    times.set_yticks([])
    times.grid(axis="y", visible=False)
    log_time_axis(times, 1 / 60, 14 * 168, label="time after the first dose")
    times.set_title("When each stage acts (solid bars: ketamine, one infusion; "
                    "hatched bars: daily SSRI)",
                    fontsize=13, loc="left")
    return fig


# --- a first widget: one slider, one figure -----------------------------------------------

def _build_first():
    fig, (plasma_ax, block_ax) = new_figure(11.0, 4.5, ncols=2)
    nmda = model_parameters().nmda
    conc = np.logspace(-2, 2, 200)
    block_ax.plot(conc,
                  100 * hill_block(conc, nmda.ketamine_nmda_ic50_uM, nmda.ketamine_nmda_hill_n),
                  **role_style("ketamine"), label="NMDA block (Hill)")
    block_ax.set_xscale("log")
    finish_axes(block_ax, ylim=(0, 100), xlabel="ketamine (µM, log scale)",
                ylabel="NMDA current blocked (%)")
    marker, = block_ax.plot([], [], **marker_style("your_setting", marker="o"), markersize=12,
                            label="peak of this dose")
    block_ax.legend(loc="upper left")
    line, = plasma_ax.plot([], [], **role_style("ketamine"))
    log_time_axis(plasma_ax, 1 / 60, 48, label="time since start")
    finish_axes(plasma_ax, ylim=(0, rounded_axis_top(1.1 * first_widget_readout(2.0)["peak_uM"])),
                ylabel="plasma ketamine (µM)")
    note = plasma_ax.text(0.98, 0.95, "", transform=plasma_ax.transAxes, ha="right", va="top")
    return fig, {"line": line, "marker": marker, "note": note, "plasma_ax": plasma_ax}


def _infusion_48h(mg_per_kg: float):
    """``simulate`` for one 40-min infusion of ``mg_per_kg``, 48 h (memoised per amount)."""
    return run_doses(single_infusion(mg_per_kg=mg_per_kg), 48.0)


def first_widget_readout(mg_per_kg: float) -> dict[str, float]:
    """What the first widget shows for ``mg_per_kg``: the plasma peak (uM), its time (h) and the
    share of NMDA current blocked at the peak (fraction, from the Hill curve)."""
    peak_uM, t_peak_h = peak(_infusion_48h(float(mg_per_kg)), "ketamine_plasma_uM")
    nmda = model_parameters().nmda
    return {"peak_uM": peak_uM, "t_peak_h": t_peak_h,
            "block_at_peak": float(hill_block(peak_uM, nmda.ketamine_nmda_ic50_uM,
                                              nmda.ketamine_nmda_hill_n))}


def _update_first(artists, mg_per_kg):
    run = _infusion_48h(float(mg_per_kg))
    t_h, conc = run.t_h[1:], run["ketamine_plasma_uM"][1:]
    artists["line"].set_data(t_h, conc)
    readout = first_widget_readout(mg_per_kg)
    peak_uM, block = readout["peak_uM"], 100 * readout["block_at_peak"]
    artists["marker"].set_data([peak_uM], [block])
    artists["note"].set_text(f"peak {peak_uM:.2f} µM\nblock at peak {block:.0f}%")


#: The amounts (mg/kg over 40 min) drawn in the first widget's static figure.
SWEEP_MG_PER_KG = (0.1, 0.25, 0.5, 1.0)


def _sweep_first():
    fig, ax = new_figure(9.0, 4.5)
    roles = ("whatif_1", "whatif_2", "ketamine", "whatif_3")  # 0.5 mg/kg: the research amount
    for mg_per_kg, role in zip(SWEEP_MG_PER_KG, roles):
        run = _infusion_48h(mg_per_kg)
        ax.plot(run.t_h[1:], run["ketamine_plasma_uM"][1:], **role_style(role),
                label=f"{mg_per_kg:g} mg/kg over 40 min")
    log_time_axis(ax, 1 / 60, 48, label="time since start")
    ax.set_ylabel("plasma ketamine (µM)")
    ax.legend()
    return fig


def _sweep_first_alt_text() -> str:
    """The static figure's alt text, with the amounts it draws and the model's half-life."""
    amounts = ", ".join(f"{a:g}" for a in SWEEP_MG_PER_KG[:-1]) + f" and {SWEEP_MG_PER_KG[-1]:g}"
    half_life_h = ketamine_terminal_half_life_h(model_parameters().pk_ketamine)
    return ("Plasma ketamine over 48 hours on a log-time axis for 40-minute infusions of "
            f"{amounts} mg/kg: peaks scale with the amount and all curves fall with the same "
            f"half-life of about {half_life_h:.0f} hours.")


FIRST_WIDGET = Demo(
    name="first_widget",
    title="Your first widget: infusion amount -> plasma level and NMDA block",
    controls=(Slider("mg_per_kg", "amount infused over 40 min (mg/kg)", 0.05, 2.0, 0.05, 0.5),),
    build=_build_first,
    update=_update_first,
    sweep=_sweep_first,
    sweep_file="00_first_widget_doses.png",
    sweep_alt_text=_sweep_first_alt_text,
    prompt="If you double the amount, what happens to the peak? To the time of the peak?",
)

DEMOS = (FIRST_WIDGET,)
