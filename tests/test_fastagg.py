"""The glyph-caching Agg canvas of the live demos draws exactly the pixels matplotlib's own Agg
canvas draws (text in several sizes, weights, rotations and sub-pixel positions, math text, and
the same figure drawn twice so the second draw comes from the cache); where this matplotlib
lacks the private glyph API, the live figures fall back to the ordinary canvas."""

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ketamine_moa import _fastagg

matplotlib.use("Agg")


def _figure(offset: float) -> Figure:
    fig = Figure(figsize=(6.4, 3.6), dpi=100)
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [0, 1, 0.5], label="ketamine 0.5 mg/kg (µM)")
    ax.set_title(f"Peak glutamate +{34 + offset:.1f}% at 0.{int(offset * 10)} h", weight="bold")
    ax.set_xlabel("time since infusion start (h)")
    ax.set_ylabel(r"NMDA block $b_E$ (fraction)")
    ax.text(0.3 + offset / 100, 0.4 + offset / 90, "readout 1.23", fontsize=9, rotation=30)
    ax.annotate("peak", (1, 1), xytext=(1.4 + offset / 77, 0.8), fontsize=13, style="italic",
                arrowprops={"arrowstyle": "->"})
    ax.tick_params(axis="x", labelrotation=45)
    ax.legend(loc="lower right")
    return fig


def _pixels(fig: Figure, canvas_type) -> np.ndarray:
    canvas = canvas_type(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


@pytest.mark.skipif(not _fastagg.AVAILABLE, reason="this matplotlib lacks the glyph API")
@pytest.mark.parametrize("offset", [0.0, 0.37, 1.61])
def test_cached_text_is_pixel_for_pixel_matplotlibs(offset):
    plain = _pixels(_figure(offset), FigureCanvasAgg)
    fig = _figure(offset)
    first = _pixels(fig, _fastagg.CachingCanvasAgg)
    second = _pixels(fig, _fastagg.CachingCanvasAgg)   # every glyph now from the cache
    assert np.array_equal(first, plain)
    assert np.array_equal(second, plain)


def test_live_figures_use_the_cache_only_where_matplotlib_allows(monkeypatch):
    assert _fastagg.canvas_class() is (
        _fastagg.CachingCanvasAgg if _fastagg.AVAILABLE else FigureCanvasAgg)
    monkeypatch.setattr(_fastagg, "AVAILABLE", False)
    assert _fastagg.canvas_class() is FigureCanvasAgg
