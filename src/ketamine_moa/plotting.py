"""House style: a colour-blind-safe palette, projector-size fonts, a labelled log-time axis.

Figures are built as ``matplotlib.figure.Figure`` objects (not through pyplot), so a figure
is shown only where a notebook displays it, and a widget can redraw it in place.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

#: Okabe & Ito (2008) colour-universal-design palette, safe for the common colour-vision
#: deficiencies; pair colours with line styles or labels so meaning never rests on colour.
PALETTE = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}
KETAMINE_COLOUR = PALETTE["vermillion"]
SSRI_COLOUR = PALETTE["blue"]
ROUTE_STYLE = {  # colour and line style per route, so routes differ without colour too
    "iv": (PALETTE["vermillion"], "-"),
    "intranasal": (PALETTE["blue"], "--"),
    "sublingual": (PALETTE["green"], "-."),
    "oral": (PALETTE["purple"], ":"),
}
#: Two line styles beyond matplotlib's "-", "--", "-." and ":", so that up to five series (and
#: thin context lines) differ without colour: dash-dot-dot, and loose dots for context lines.
DASH_DOT_DOT = (0, (6, 2, 1, 2, 1, 2))
LOOSE_DOTS = (0, (1, 4))

STYLE = {
    "font.size": 14,
    "axes.titlesize": 15,
    "axes.labelsize": 14,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "lines.linewidth": 2.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "axes.prop_cycle": matplotlib.cycler(color=[PALETTE[k] for k in
                                                ("vermillion", "blue", "green", "purple",
                                                 "orange", "sky", "black")]),
}

#: Tick positions (hours) and labels for log-time axes from minutes to months.
TIME_TICKS_H = [1 / 60, 10 / 60, 1, 6, 24, 72, 168, 336, 672, 2016]
TIME_LABELS = ["1 min", "10 min", "1 h", "6 h", "1 d", "3 d", "1 wk", "2 wk", "4 wk", "12 wk"]


def use_house_style() -> None:
    """Apply the house style to matplotlib's defaults (call once per notebook)."""
    matplotlib.rcParams.update(STYLE)


def new_figure(width_in: float = 10.0, height_in: float = 5.5,
               **subplot_kw) -> tuple[Figure, object]:
    """A Figure in the house style with subplots (``nrows``, ``ncols``, ...)."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width_in, height_in), layout="constrained")
        axes = fig.subplots(**subplot_kw)
    return fig, axes


def log_time_axis(ax, t_min_h: float, t_max_h: float, label: str = "time since first dose") -> None:
    """Log-scaled time axis with readable tick labels ("1 h", "1 d", "1 wk")."""
    ax.set_xscale("log")
    ax.set_xlim(t_min_h, t_max_h)
    ticks = [(t, lab) for t, lab in zip(TIME_TICKS_H, TIME_LABELS) if t_min_h <= t <= t_max_h]
    ax.xaxis.set_major_locator(FixedLocator([t for t, _ in ticks]))
    ax.set_xticklabels([lab for _, lab in ticks])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xlabel(f"{label} (log scale)")


#: The environment variable that tells a notebook where to save its figures. Only the build
#: (``python -m ketamine_moa.build``) sets it, to the project's ``figures/``; a student running a
#: notebook, or any other use of the package, saves nothing.
FIGURES_DIR_VARIABLE = "KETAMINE_MOA_FIGURES_DIR"


def figures_dir() -> Path | None:
    """Where notebooks save figures: ``$KETAMINE_MOA_FIGURES_DIR`` (created), or None if unset."""
    folder = os.environ.get(FIGURES_DIR_VARIABLE)
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def rounded_axis_top(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) >= ``value``.

    For axes that follow a slider: the limit changes in a few steps rather than on every
    move, so the scale stays comparable between nearby settings and a live panel can redraw
    only the curves (see ``widgets.LiveFigure``).
    """
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"axis top must be a positive finite number, got {value!r}")
    scale = 10.0 ** math.floor(math.log10(value))
    return next(step * scale for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
                if step * scale >= value * (1 - 1e-12))
