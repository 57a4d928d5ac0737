"""Every demo: has a unit in each slider label, a static sweep figure with alt text, and a
panel that redraws when a control moves. Each slider's min, max and default (and every
choice) are drawn in test_demo_properties.py."""

import io

import pytest

from ketamine_moa.demos import all_demos
from ketamine_moa.widgets import Slider, figure_png, panel

DEMOS = all_demos()


def test_demo_names_are_unique():
    names = [d.name for d in DEMOS]
    assert len(names) == len(set(names)) and len(names) >= 6


@pytest.mark.parametrize("demo", DEMOS, ids=lambda d: d.name)
def test_demo_declares_units_and_static_figure(demo):
    for control in demo.controls:
        if isinstance(control, Slider):
            assert "(" in control.label and ")" in control.label, f"{control.name}: unit missing"
    assert demo.sweep_file.endswith(".png") and len(demo.alt_text()) > 40
    assert figure_png(demo.sweep()).startswith(b"\x89PNG")


@pytest.mark.parametrize("demo", DEMOS, ids=lambda d: d.name)
def test_panel_redraws_when_a_control_moves(demo):
    widget = panel(demo)
    image = widget.children[-1]
    before = image.value
    control = widget.children[1]
    if hasattr(control, "options"):
        values = [value for _, value in control.options]
        control.value = next(v for v in values if v != control.value)
    else:
        control.value = control.max if control.value != control.max else control.min
    assert image.value != before
    assert "run the notebook" in repr(widget)


def test_a_tall_figure_gets_a_slide_layout_and_keeps_its_size():
    from matplotlib.figure import Figure
    from PIL import Image

    from ketamine_moa.widgets import SLIDE_FIGSIZE_IN, slide_figure_png

    tall = Figure(figsize=(10, 9), layout="constrained")
    tall.subplots(3, 1, sharex=True)
    png = slide_figure_png(tall)
    width, height = Image.open(io.BytesIO(png)).size
    assert height / width == pytest.approx(SLIDE_FIGSIZE_IN[1] / SLIDE_FIGSIZE_IN[0], abs=2e-3)
    assert tuple(tall.get_size_inches()) == (10, 9)
    assert slide_figure_png(Figure(figsize=(12, 6))) is None


def _static_figure(opaque: bool):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3.5), layout="constrained")
    ax = fig.subplots()
    ax.plot([0, 1, 2], [0, 1, 0.4], label="ketamine (µM)")
    ax.set_xlabel("time since the infusion began (h)")
    ax.legend()
    if not opaque:
        fig.patch.set_alpha(0.0)
        ax.patch.set_alpha(0.5)
    return fig


@pytest.mark.parametrize("opaque", [True, False], ids=["opaque", "see-through"])
def test_a_static_figure_holds_the_pixels_savefig_draws(opaque):
    """``figure_png`` skips savefig's extra layout pass and stores an opaque figure as RGB:
    the picture is the one savefig writes, pixel for pixel, at the same size and dpi."""
    import numpy as np
    from PIL import Image

    png = Image.open(io.BytesIO(figure_png(_static_figure(opaque))))
    buffer = io.BytesIO()
    _static_figure(opaque).savefig(buffer, format="png")
    reference = Image.open(buffer)
    assert png.mode == ("RGB" if opaque else "RGBA")
    assert png.size == reference.size
    assert png.info["dpi"] == pytest.approx(reference.info["dpi"])
    assert np.array_equal(np.asarray(png.convert("RGBA")), np.asarray(reference.convert("RGBA")))
