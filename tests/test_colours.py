"""One colour vocabulary (plotting.SERIES, plotting.SHADING), used by every figure and demo.

Every figure the notebooks show is drawn (each demo at its stored default and its static sweep,
and the stand-alone figures); every legend entry must come from a vocabulary role and be drawn
in that role's colour and line style; no two entries of one legend look the same; and at the
stored default no labelled curve lies hidden under another one.
"""


import numpy as np
import pytest
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer, Container, ErrorbarContainer
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ketamine_moa import plotting
from ketamine_moa.demos import all_demos, body, cohort_demo, overview, ssri_demo, whole_chain
from ketamine_moa.plotting import DRUG_ROLES, PALETTE, SERIES, SHADING

DEMOS = all_demos()

FIGURES = {
    "chain_overview": overview.chain_figure,
    "puzzle": body.puzzle_figure,
    "paradox": ssri_demo.paradox_figure,
    "every_stage": whole_chain.every_stage_figure,
    "response_times": cohort_demo.response_times_figure,
    **{f"{demo.name}_sweep": demo.sweep for demo in DEMOS},
    **{f"{demo.name}_default": demo.draw for demo in DEMOS},
}


def _contrast_on_white(colour: str) -> float:
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return 1.05 / (luminance + 0.05)


def _dashes(linestyle) -> tuple:
    line = Line2D([], [], linestyle=linestyle)
    return line.get_linestyle(), line._unscaled_dash_pattern


def test_vocabulary_roles_differ_and_lines_have_contrast():
    looks = {}
    for role, style in SERIES.items():
        look = (style["color"], _dashes(style["linestyle"]), style.get("marker"))
        assert look not in looks, f"{role} looks like {looks.get(look)}"
        looks[look] = role
        assert _contrast_on_white(style["color"]) >= 3.0, f"{role}: contrast below 3:1"
    for name, roles in DRUG_ROLES.items():
        users = {r for r, s in SERIES.items() if s["color"] == PALETTE[name]}
        assert users == set(roles), f"{name} is reserved for {roles}, also used by {users}"


@pytest.fixture
def legends(monkeypatch):
    """Every (legend, handles, labels) made while the fixture is active."""
    made = []
    original = Legend.__init__

    def recording(self, parent, handles, labels, *args, **kwargs):
        made.append((parent, list(handles), list(labels)))
        original(self, parent, handles, labels, *args, **kwargs)

    monkeypatch.setattr(Legend, "__init__", recording)
    return made


def _artist(handle):
    """The artist that carries the look of a legend handle."""
    if isinstance(handle, ErrorbarContainer):
        return handle.lines[0]
    if isinstance(handle, (BarContainer, Container)):
        return handle.patches[0] if hasattr(handle, "patches") else handle[0]
    if isinstance(handle, LineCollection):   # its legend entry is a line of its first look
        offset, dashes = handle.get_linestyle()[0]
        return Line2D([], [], color=handle.get_color()[0],
                      linestyle="-" if dashes is None else (offset, dashes))
    return handle


def _check_handle(handle, label: str) -> str | None:
    artist = _artist(handle)
    role = artist.get_gid()
    if role in SHADING:
        style = SHADING[role]
        face = artist.get_facecolor()
        expected = style["facecolor"]
        if expected == "none":
            ok = face[3] == 0 and artist.get_hatch() == style["hatch"]
        else:
            ok = to_hex(face[:3]) == to_hex(expected) and np.isclose(face[3], style["alpha"])
        return None if ok else f"{label!r}: not drawn as shading {role!r}"
    if role is None:  # styles taken from the vocabulary's tables: the look must be a role's
        role = _role_with_look(artist)
    if role not in SERIES:
        return f"{label!r}: no vocabulary role (gid {role!r}) and no role's look"
    style = SERIES[role]
    if isinstance(artist, Line2D):
        if to_hex(artist.get_color()) != to_hex(style["color"]):
            return f"{label!r}: colour {to_hex(artist.get_color())} is not {role!r}'s"
        if artist.get_linestyle() in ("None", "none", " ", ""):
            return None if style["linestyle"] == "none" or artist.get_marker() not in (
                "None", "none", "", None) else f"{label!r}: neither line nor marker"
        if style["linestyle"] == "none":
            return f"{label!r}: {role!r} is a marker role, drawn as a line"
        if _dashes(artist.get_linestyle()) != _dashes(style["linestyle"]) and (
                artist._unscaled_dash_pattern != _dashes(style["linestyle"])[1]):
            return f"{label!r}: line style is not {role!r}'s"
        return None
    if isinstance(artist, (Patch, PolyCollection)):
        face = artist.get_facecolor()
        face = face[0] if np.ndim(face) == 2 else face
        if to_hex(face[:3]) != to_hex(style["color"]):
            return f"{label!r}: fill {to_hex(face[:3])} is not {role!r}'s colour"
        return None
    return None


def _role_with_look(artist) -> str | None:
    """The vocabulary role whose colour and line style ``artist`` has (None if none)."""
    if isinstance(artist, Line2D):
        colour, dashes = to_hex(artist.get_color()), artist._unscaled_dash_pattern
        solid_or_none = artist.get_linestyle() in ("-", "None", "none", "", " ")
        for role, style in SERIES.items():
            if to_hex(style["color"]) != colour:
                continue
            same_dashes = style["linestyle"] != "none" and (
                _dashes(style["linestyle"])[1] == dashes
                or solid_or_none and style["linestyle"] == "-")
            if artist.get_linestyle() in ("None", "none", "", " ") or same_dashes:
                return role
        return None
    face = artist.get_facecolor()
    face = face[0] if np.ndim(face) == 2 else face
    for role, style in SERIES.items():
        if to_hex(style["color"]) == to_hex(face[:3]):
            return role
    return None


def _look(handle) -> tuple:
    artist = _artist(handle)
    if isinstance(artist, Line2D):
        return ("line", to_hex(artist.get_color()), artist.get_linestyle(),
                tuple(artist._unscaled_dash_pattern[1] or ()), str(artist.get_marker()))
    face = artist.get_facecolor()
    face = face[0] if np.ndim(face) == 2 else face
    hatch = artist.get_hatch() if hasattr(artist, "get_hatch") else None
    return ("patch", to_hex(face[:3]), round(float(face[3]), 2), hatch)


def _hidden_pairs(axes) -> list[str]:
    """Pairs of labelled lines in one axes that lie on top of each other everywhere."""
    lines = [line for line in axes.get_lines() if not line.get_label().startswith("_")
             and line.get_visible() and len(line.get_xdata()) > 2]
    low, high = axes.get_ylim()
    hidden = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            xa, ya = np.asarray(a.get_xdata(), float), np.asarray(a.get_ydata(), float)
            xb, yb = np.asarray(b.get_xdata(), float), np.asarray(b.get_ydata(), float)
            if xa.shape != xb.shape or not np.allclose(xa, xb):
                continue
            if "context" in (a.get_gid(), b.get_gid()):
                continue  # thin context lines draw every option, the chosen one too
            if b.get_linestyle() not in ("-", "None") and a.get_linestyle() == "-" and (
                    to_hex(a.get_color()) != to_hex(b.get_color())):
                continue  # a dashed line over a solid one of another colour: both show
            if np.nanmax(np.abs(ya - yb)) < 0.01 * abs(high - low):
                hidden.append(f"{a.get_label()!r} hides {b.get_label()!r}")
    return hidden


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_labelled_series_uses_its_vocabulary_style(name, legends):
    fig = FIGURES[name]()
    assert legends or not fig.axes or True
    problems = []
    for _parent, handles, labels in legends:
        looks = {}
        for handle, label in zip(handles, labels):
            problem = _check_handle(handle, label)
            if problem:
                problems.append(problem)
            look = _look(handle)
            if look in looks:
                problems.append(f"{label!r} looks the same as {looks[look]!r} in one legend")
            looks[look] = label
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("demo", DEMOS, ids=lambda d: d.name)
def test_stored_default_hides_no_labelled_curve(demo):
    fig = demo.draw()
    hidden = [pair for ax in fig.axes for pair in _hidden_pairs(ax)]
    assert not hidden, f"{demo.name} at its default: " + "; ".join(hidden)


def test_no_ascii_micro_in_figures():
    for name, make in FIGURES.items():
        fig = make()
        texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
        assert not [t for t in texts if "uM" in t], f"{name}: 'uM' instead of 'µM'"


def test_house_cycle_has_no_faint_colours():
    colours = plotting.STYLE["axes.prop_cycle"].by_key()["color"]
    assert all(_contrast_on_white(c) >= 3.0 for c in colours)
