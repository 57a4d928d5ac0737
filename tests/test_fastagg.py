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


@pytest.mark.skipif(not _fastagg.AVAILABLE, reason="this matplotlib lacks the glyph API")
def test_a_panel_thread_and_the_main_thread_drawing_at_once_draw_the_right_glyphs():
    """A live panel draws on its own thread while the notebook draws static figures: neither
    may draw a glyph at the other's font size (each thread keeps its own font objects)."""
    import sys
    import threading

    small, large = _figure(0.37), _figure(1.61)
    for text in large.findobj(matplotlib.text.Text):
        text.set_fontsize(text.get_fontsize() * 1.7)
    expected_small = _pixels(small, FigureCanvasAgg)
    expected_large = _pixels(large, FigureCanvasAgg)
    wrong = []

    def panel_thread():
        for _ in range(15):
            _fastagg._GLYPHS.clear()   # every glyph rasterised again, not taken from the cache
            if not np.array_equal(_pixels(small, _fastagg.CachingCanvasAgg), expected_small):
                wrong.append("panel")

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)   # switch threads as often as possible
    try:
        _fastagg._LAYOUTS.clear()
        _pixels(small, _fastagg.CachingCanvasAgg)   # the main thread lays the text out first
        thread = threading.Thread(target=panel_thread)
        thread.start()
        for _ in range(15):
            if not np.array_equal(_pixels(large, FigureCanvasAgg), expected_large):
                wrong.append("main")
        thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not wrong, f"glyphs drawn at the wrong size in: {sorted(set(wrong))}"
    fonts_by_thread: dict[int, set[int]] = {}
    for key, items in _fastagg._LAYOUTS.items():
        fonts_by_thread.setdefault(key[0], set()).update(id(item[0]) for item in items)
    assert len(fonts_by_thread) == 2, "each thread lays its text out with its own fonts"
    main, panel = fonts_by_thread.values()
    assert not main & panel
