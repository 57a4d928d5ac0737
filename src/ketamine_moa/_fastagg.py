"""Agg rendering for live figures, with text drawn from a cache of glyph bitmaps.

Matplotlib 3.11 lays out and rasterises every glyph of every text in Python, once per draw:
a 60-character title costs more than all the curves of a live figure. A live figure redraws
the same few strings (titles, readouts, tick labels) at the same sizes over and over, so
``CachingRendererAgg`` keeps each string's layout and each glyph's bitmap, keyed on the font,
size, resolution, rotation and the sub-pixel part of the glyph's position. A glyph shifted by
whole pixels rasterises to the same bitmap, shifted, so the picture is pixel for pixel the one
``RendererAgg`` draws; only the work is skipped. Math text and TeX go the ordinary way.

Layouts are kept per thread: matplotlib gives each thread its own font objects (their size and
transform are set before each glyph is drawn), and a live panel draws on a thread of its own
while the notebook may draw static figures on the main one; sharing a font object between the
two could draw a glyph at the other thread's size.
"""

from __future__ import annotations

import math
import threading

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import FT2Font

try:  # the glyph API this module reuses is private; matplotlib before 3.11 lacks it
    from matplotlib.ft2font import RenderMode
except ImportError:
    RenderMode = None

#: Whether this matplotlib has the private glyph API the cache needs; if not, ``canvas_class``
#: is matplotlib's own Agg canvas (the same pictures, drawn more slowly).
AVAILABLE = (RenderMode is not None and hasattr(RendererAgg, "_prepare_font")
             and all(hasattr(FT2Font, name) for name in ("_layout", "_set_transform",
                                                         "_render_glyph")))

_LAYOUTS: dict[tuple, tuple] = {}
_GLYPHS: dict[tuple, tuple] = {}
_MAX_ENTRIES = 20_000  # a bound on memory (each entry a few hundred bytes); cleared when hit


class CachingRendererAgg(RendererAgg):
    """``RendererAgg`` whose plain-text drawing reuses laid-out strings and glyph bitmaps."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        flags = get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        key = (threading.get_ident(), tuple(prop.get_family()), prop.get_style(),
               prop.get_variant(), prop.get_weight(), prop.get_stretch(), prop.get_file(), size,
               self.dpi, s, flags, features, language)
        items = _LAYOUTS.get(key)
        if items is None:
            font = self._prepare_font(prop)
            items = tuple((item.ft_object, item.glyph_index, item.x, item.y) for item in
                          font._layout(s, flags=flags, features=features, language=language))
            _remember(_LAYOUTS, key, items)
        self._draw_cached_glyphs(gc, x, y, angle, size, flags, items)

    def _draw_cached_glyphs(self, gc, x, y, angle, size, flags, items) -> None:
        # The arithmetic of RendererAgg._draw_text_glyphs_and_boxes (slant 0, extend 1).
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = None
        antialiased = gc.get_antialiased()
        for font, glyph_index, dx, dy in items:
            fx = round(0x40 * (x + dx * cos - dy * sin))
            fy = round(0x40 * (self.height - y + dx * sin + dy * cos))
            key = (id(font), size, self.dpi, glyph_index, angle, fx & 63, fy & 63, flags,
                   antialiased)
            glyph = _GLYPHS.get(key)
            if glyph is None:
                if matrix is None:
                    matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [fx, fy])
                bitmap = font._render_glyph(
                    glyph_index, flags, RenderMode.NORMAL if antialiased else RenderMode.MONO)
                buffer = np.array(bitmap.buffer)
                if not antialiased:
                    buffer *= 0xff
                glyph = (buffer, bitmap.left - (fx >> 6), bitmap.top - (fy >> 6), font)
                _remember(_GLYPHS, key, glyph)
            buffer, left, top, _ = glyph
            self._renderer.draw_text_image(
                buffer, left + (fx >> 6), int(self.height) - (top + (fy >> 6)) + buffer.shape[0],
                0, gc)


def _remember(table: dict, key: tuple, value: tuple) -> None:
    if len(table) >= _MAX_ENTRIES:
        table.clear()
    table[key] = value


class CachingCanvasAgg(FigureCanvasAgg):
    """An Agg canvas drawing with ``CachingRendererAgg``."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = CachingRendererAgg(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer



def canvas_class() -> type[FigureCanvasAgg]:
    """The canvas live figures draw on: the glyph-caching one where this matplotlib allows."""
    return CachingCanvasAgg if AVAILABLE else FigureCanvasAgg
