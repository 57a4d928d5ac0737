"""House style: a colour-blind-safe palette, projector-size fonts, a labelled log-time axis.

Figures are built as ``matplotlib.figure.Figure`` objects (not through pyplot), so a figure
is shown only where a notebook displays it, and a widget can redraw it in place.
"""

from __future__ import annotations

import math
import re
import os
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

#: Okabe & Ito (2008) colour-universal-design palette, safe for the common colour-vision
#: deficiencies; pair colours with line styles or labels so meaning never rests on colour.
#: Orange, sky and yellow reach only about 2.3:1 (yellow 1.3:1) against white, too faint for a
#: line on a projector: they are used only for shading (``SHADING``). Two darker colours join
#: them for lines, amber (Okabe-Ito orange darkened, 4.3:1) and wine (5.6:1), and a mid grey
#: (5.7:1); every line colour in ``SERIES`` has at least 3:1 against white (WCAG 1.4.11).
PALETTE = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
    "amber": "#A86F00", "wine": "#9E4A7D", "grey": "#666666",
}
KETAMINE_COLOUR = PALETTE["vermillion"]
SSRI_COLOUR = PALETTE["blue"]
#: Two line styles beyond matplotlib's "-", "--", "-." and ":", so that up to five series (and
#: thin context lines) differ without colour: dash-dot-dot, and loose dots for context lines.
DASH_DOT_DOT = (0, (6, 2, 1, 2, 1, 2))
LOOSE_DOTS = (0, (1, 4))
#: More line styles, each unlike "-", "--", "-." and ":" even without colour (a segment at
#: least twice as long or short), for the vocabulary roles that share a figure.
LONG_DASH = (0, (10, 1.6))
SPACED_DASH = (0, (3.7, 4))
SPACED_LONG_DASH = (0, (10, 4))
LONG_DASH_DOT = (0, (14, 2, 1, 2))
SHORT_DASH_DOT = (0, (2.2, 1.6, 1, 1.6))

#: The colour vocabulary: every labelled series in every figure and demo is drawn with the
#: style of one of these roles (``role_style(role)``), so a colour and line style mean the same
#: thing in every notebook. ``tests/test_colours.py`` draws every figure and checks it.
#:
#: * Drugs: vermillion is ketamine and blue the SSRI (citalopram), and nothing else. A drug's
#:   own level (plasma, the share of its target blocked) and a comparison of the two drugs use
#:   the drug's colour: ketamine solid, the SSRI dashed.
#: * Quantities downstream of the target, when a figure shows several of them, each have one
#:   colour and line style (glutamate green solid, BDNF purple solid, spines wine dashed ...).
#: * Comparison roles: the drug's own response (drug alone, wild type, no block) keeps the
#:   drug's colour; ``control`` (no drug: untreated, saline, placebo) is grey spaced long
#:   dashes; knockouts and blockers are black spaced dashes (a second and third one black
#:   dash-dot and dash-dot-dot); ``your_setting`` (a ketamine demo's chosen setting against
#:   its reference) is thick vermillion long-dash-dot, ``ssri_your_setting`` (the same in an
#:   SSRI demo) thick blue long-dash-dot;
#:   what-if conditions other than the default get their own hues
#:   (``whatif_1`` ... ``whatif_4``: amber, purple, green, grey, each with its own line style);
#:   thin reference lines (thresholds, IC50) are black dotted; thin context lines (the other
#:   options of a demo) grey loose dots; single virtual patients thin grey solid lines;
#:   measured points are black markers.
#: No two roles share both colour and line style; only ketamine is solid and only the SSRI
#: plain dashed, so roles that share a legend differ without colour too
#: (``tests/test_accessibility.py``).
SERIES = {
    # drugs, and ketamine's own target
    "ketamine": {"color": PALETTE["vermillion"], "linestyle": "-"},
    "ketamine_block": {"color": PALETTE["vermillion"], "linestyle": "-."},  # drug in the pore
    "your_setting": {"color": PALETTE["vermillion"], "linestyle": LONG_DASH_DOT,
                     "linewidth": 3.5},
    "ssri": {"color": PALETTE["blue"], "linestyle": "--"},
    "ssri_occupancy": {"color": PALETTE["blue"], "linestyle": "-", "marker": "o"},
    "ssri_your_setting": {"color": PALETTE["blue"], "linestyle": LONG_DASH_DOT,
                          "linewidth": 3.5},
    # quantities
    "glutamate": {"color": PALETTE["green"], "linestyle": "-"},
    "ampa": {"color": PALETTE["green"], "linestyle": "--"},
    "potentiation": {"color": PALETTE["green"], "linestyle": "-."},
    "interneuron": {"color": PALETTE["purple"], "linestyle": "--"},
    "bdnf": {"color": PALETTE["purple"], "linestyle": SHORT_DASH_DOT},
    "trkb": {"color": PALETTE["wine"], "linestyle": "-."},
    "neurogenesis": {"color": PALETTE["purple"], "linestyle": ":", "linewidth": 3.0},
    "mtorc1": {"color": PALETTE["amber"], "linestyle": "-."},
    "protein": {"color": PALETTE["amber"], "linestyle": DASH_DOT_DOT},
    "spines": {"color": PALETTE["wine"], "linestyle": "--"},
    "improvement": {"color": PALETTE["black"], "linestyle": "-", "linewidth": 3.5},
    "serotonin": {"color": PALETTE["grey"], "linestyle": "--"},
    "channel_open": {"color": PALETTE["wine"], "linestyle": "-"},
    "channel_trapped": {"color": PALETTE["amber"], "linestyle": ":", "linewidth": 3.5},
    "autoreceptor": {"color": PALETTE["grey"], "linestyle": "-."},
    "dissociation": {"color": PALETTE["green"], "linestyle": DASH_DOT_DOT},
    "blood_pressure": {"color": PALETTE["amber"], "linestyle": "-"},
    # comparison roles
    "control": {"color": PALETTE["grey"], "linestyle": SPACED_LONG_DASH, "linewidth": 2.0},
    "active_placebo": {"color": PALETTE["purple"], "linestyle": DASH_DOT_DOT},
    "blocked": {"color": PALETTE["black"], "linestyle": SPACED_DASH},
    "blocked_2": {"color": PALETTE["black"], "linestyle": "-."},
    "blocked_3": {"color": PALETTE["black"], "linestyle": DASH_DOT_DOT},
    "whatif_1": {"color": PALETTE["amber"], "linestyle": LONG_DASH},
    "whatif_2": {"color": PALETTE["purple"], "linestyle": "-."},
    "whatif_3": {"color": PALETTE["green"], "linestyle": ":", "linewidth": 3.0},
    "whatif_4": {"color": PALETTE["grey"], "linestyle": DASH_DOT_DOT},
    "reference": {"color": PALETTE["black"], "linestyle": ":", "linewidth": 1.5},
    "context": {"color": PALETTE["grey"], "linestyle": LOOSE_DOTS, "linewidth": 1.2},
    "individual": {"color": PALETTE["grey"], "linestyle": "-", "linewidth": 1.0},
    "measured": {"color": PALETTE["black"], "linestyle": "none", "marker": "D"},
}
#: The what-if hues in order, for a sweep of conditions beside the default one.
WHATIF_ROLES = ("whatif_1", "whatif_2", "whatif_3", "whatif_4")
#: Roles that may use a drug's colour: vermillion means ketamine, blue the SSRI.
DRUG_ROLES = {"vermillion": ("ketamine", "ketamine_block", "your_setting"),
              "blue": ("ssri", "ssri_occupancy", "ssri_your_setting")}

#: One shading means one thing. Light orange: the drug is being given (infusion, bath);
#: light sky: the antidepressant plasma range; light grey: the anaesthetic plasma range;
#: light yellow: when trials saw a benefit; grey hatching: when trials saw it gone.
SHADING = {
    "drug_given": {"facecolor": PALETTE["orange"], "alpha": 0.2, "linewidth": 0},
    "antidepressant_range": {"facecolor": PALETTE["sky"], "alpha": 0.3, "linewidth": 0},
    "anaesthetic_range": {"facecolor": PALETTE["black"], "alpha": 0.12, "linewidth": 0},
    "trial_benefit": {"facecolor": PALETTE["yellow"], "alpha": 0.35, "linewidth": 0},
    "trial_benefit_lost": {"facecolor": "none", "edgecolor": PALETTE["grey"], "hatch": "//",
                           "linewidth": 0},
}

#: The role of each route of ketamine: IV is the reference infusion, the others what-ifs.
ROUTE_ROLE = {"iv": "ketamine", "intranasal": "whatif_1", "sublingual": "whatif_2",
              "oral": "whatif_3"}


def role_style(role: str, **overrides) -> dict:
    """Keyword arguments (colour, line style, width, marker, ``gid``) for a ``role`` series.

    ``ax.plot(t, y, **role_style("glutamate"), label=...)``. The ``gid`` names the role, so the
    colour test can check the artist; ``overrides`` change anything but the colour and line
    style (a marker size, ``zorder``). Raises ValueError for an unknown role.
    """
    if role not in SERIES:
        raise ValueError(f"series role {role!r} is not in plotting.SERIES; roles: "
                         + ", ".join(SERIES))
    style = dict(SERIES[role])
    for key in ("color", "linestyle"):
        if key in overrides and overrides[key] != style.get(key):
            raise ValueError(f"role_style({role!r}): {key} is fixed by the vocabulary")
    return {**style, **overrides, "gid": role}


def marker_style(role: str, **overrides) -> dict:
    """``role_style(role)`` for a marker only (no line), e.g. a live point or a measured value."""
    style = role_style(role, **overrides)
    style["linestyle"] = "none"
    style.setdefault("marker", "o")
    return style


def shading(role: str, **overrides) -> dict:
    """Keyword arguments for ``axvspan``/``fill_between`` with the ``role`` shading."""
    if role not in SHADING:
        raise ValueError(f"shading role {role!r} is not in plotting.SHADING; roles: "
                         + ", ".join(SHADING))
    return {**SHADING[role], **overrides, "gid": role}


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
                                                 "black")]),  # no faint orange or sky
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


def display_unit(unit: str) -> str:
    """A unit as printed for readers: the data files write "uM"; figures and tables say "µM"."""
    return re.sub(r"\buM\b", "µM", unit)
