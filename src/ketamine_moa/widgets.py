"""Turn a figure function into a live control panel, and show figures for static readers.

A demo is declared once (``Demo``): its controls (each with a unit and a range the model
accepts), a ``build`` function that makes the figure and returns the artists to change, an
``update`` function that changes those artists in place (``set_data``), and a ``sweep``
function that draws the same model across a range of the main control, for readers
without a kernel. ``panel(demo)`` wires it to ipywidgets; the picture is a PNG in an
``ipywidgets.Image``, so the stored notebook keeps a picture of the default state too.

Speed, all of it here (a demo module holds only what its figure shows and what its controls
mean): a panel keeps one figure (``LiveFigure``). The parts that do not change (axes, ticks,
labels, static curves, legends) are drawn once and kept as a background bitmap; a move
restores that bitmap and draws only the artists ``build`` returned (blitting). Anything else an
update changes (axis limits, other text, added or removed artists, a legend that now reads or
looks different) is detected and triggers a full redraw; an update may simply make its legend
again. Text is drawn from a cache of glyph bitmaps (``_fastagg``), the picture is encoded as an
unfiltered RGBA PNG, and a panel keeps the pictures of the settings it has shown, so going back
to one costs nothing. In a kernel, pictures are drawn on a thread of the panel's own
(``LatestWins``), newest setting first, so a drag shows frames at the drawing rate rather than
one per browser round trip; while no move comes, that thread draws ahead (the pictures one key
press away, and the backgrounds across the first slider's range). Model runs are memoised in
``ketamine_moa.regimens``.
"""

from __future__ import annotations

import base64
import html
import io
import json
import struct
import sys
import threading
import traceback
import zlib
from dataclasses import dataclass
from collections import OrderedDict
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import matplotlib
import numpy as np
import PIL.Image
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ._fastagg import canvas_class
from .plotting import figures_dir

try:  # ISA-L's deflate (the "fast" extra): the same format, about 7x faster than zlib here
    from isal.isal_zlib import compress as _deflate
except ImportError:  # pragma: no cover - without the extra
    from zlib import compress as _deflate
from .validation import check_number


@dataclass(frozen=True)
class Slider:
    """A numeric control; ``label`` carries the unit, e.g. "dose (mg/kg)"."""

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float

    def __post_init__(self) -> None:
        if not self.min <= self.default <= self.max:
            raise ValueError(f"Slider {self.name!r}: default {self.default} "
                             f"outside [{self.min}, {self.max}]")


@dataclass(frozen=True)
class Choice:
    """A control with named options: ``options`` is a tuple of (label, value) pairs."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...]
    default: Any

    def __post_init__(self) -> None:
        if self.default not in [value for _, value in self.options]:
            raise ValueError(f"Choice {self.name!r}: default {self.default!r} is not an option")


Control = Slider | Choice


@dataclass(frozen=True)
class Demo:
    """An interactive demo: controls, a figure built once, updated in place, and a sweep."""

    name: str
    title: str
    controls: tuple[Control, ...]
    build: Callable[[], tuple[Figure, Any]]
    update: Callable[..., None]
    sweep: Callable[[], Figure]
    sweep_file: str
    #: The static figure's alt text, or a function that computes it from the model runs the
    #: figure draws (so its numbers follow a recalibration); read it with ``alt_text()``.
    sweep_alt_text: str | Callable[[], str]
    prompt: str = ""

    def alt_text(self) -> str:
        """The static figure's alt text (computed on first use if given as a function)."""
        if callable(self.sweep_alt_text):
            return _computed_alt_text(self.sweep_alt_text)
        return self.sweep_alt_text

    def defaults(self) -> dict[str, Any]:
        return {c.name: c.default for c in self.controls}

    def checked(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` merged over the defaults; each must be a known control within its range.

        Raises ValueError (TypeError for a non-number on a slider) naming the control, its
        label (which carries the unit) and the allowed range or options.
        """
        controls = {c.name: c for c in self.controls}
        for name, value in values.items():
            if name not in controls:
                raise ValueError(f"{self.name}: unknown control {name!r}; controls: "
                                 + ", ".join(controls))
            control = controls[name]
            if isinstance(control, Slider):
                check_number(f"{self.name}: {name} ({control.label})", value, "",
                             control.min, control.max)
            elif value not in [v for _, v in control.options]:
                options = ", ".join(repr(v) for _, v in control.options)
                raise ValueError(f"{self.name}: {name} ({control.label}) = {value!r} is not an "
                                 f"option; options: {options}")
        return {**self.defaults(), **values}

    def draw(self, **values: Any) -> Figure:
        """Build the figure and draw it at ``values`` (defaults for the rest), after checks."""
        values = self.checked(values)
        fig, artists = self.build()
        self.update(artists, **values)
        return fig

    def settings_to_check(self) -> list[dict[str, Any]]:
        """Defaults, then each slider at its min and max and each choice at every option."""
        settings = [self.defaults()]
        for control in self.controls:
            values = ((control.min, control.max) if isinstance(control, Slider)
                      else tuple(v for _, v in control.options))
            settings += [{**self.defaults(), control.name: v} for v in values]
        return settings


@lru_cache(maxsize=None)
def _computed_alt_text(compute: Callable[[], str]) -> str:
    return compute()


#: zlib level of a static figure's PNG: on the 28 figures of the build, level 3 of an RGB image
#: encodes in 721 ms and 4.12 MB where ``savefig``'s RGBA at Pillow's default level 6 takes
#: 1283 ms and 4.47 MB (the same pixels).
FIGURE_PNG_LEVEL = 3


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes (no time stamp, so identical input gives identical bytes).

    The house figures use constrained layout, which already fits every label inside the
    figure, so the page is not cropped again ("tight" would lay the figure out twice). Text is
    drawn from the glyph cache (``_fastagg``; the same pixels, a fraction of the time).

    With the default savefig settings the figure is drawn once at ``savefig.dpi`` (the layout
    runs inside that draw) and its pixels are encoded here, as ``savefig`` would show them:
    ``savefig`` with a layout engine first draws the whole figure once more with drawing
    switched off, only to run the layout, which cost a quarter to a half of each figure's time.
    An opaque figure (every house figure) is stored without its alpha channel, at
    ``FIGURE_PNG_LEVEL``.
    """
    canvas = fig.canvas if isinstance(fig.canvas, canvas_class()) else canvas_class()(fig)
    buffer = io.BytesIO()
    rc = matplotlib.rcParams
    if (rc["savefig.bbox"] is not None or rc["savefig.transparent"]
            or any(not isinstance(rc[key], str) or rc[key] != "auto"
                   for key in ("savefig.facecolor", "savefig.edgecolor"))):
        fig.savefig(buffer, format="png", bbox_inches=fig.bbox_inches,
                    metadata={"Software": None})
        return buffer.getvalue()
    dpi = fig.dpi if rc["savefig.dpi"] == "figure" else rc["savefig.dpi"]
    screen_dpi = fig.dpi
    fig.dpi = dpi
    try:
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
        pixels = rgba[..., :3] if rgba[..., 3].min() == 255 else rgba
        PIL.Image.fromarray(np.ascontiguousarray(pixels)).save(
            buffer, format="png", compress_level=FIGURE_PNG_LEVEL, dpi=(dpi, dpi))
    finally:
        fig.dpi = screen_dpi
    return buffer.getvalue()


#: Width of a live panel's picture in pixels; figures are rendered at this width (about
#: 75-95 dpi for the 10-13 inch house figures), so nothing is drawn that is scaled away.
LIVE_WIDTH_PX = 960


#: Backgrounds a panel keeps (one full-size bitmap each, 1.2-3.2 MB): enough for the few axis
#: ranges a slider steps through (notebook 09's dose slider moves its plasma axis through 6),
#: so dragging back over them costs no full redraw.
BACKGROUNDS_KEPT = 8


def _artists_in(container: Any) -> list[Artist]:
    """The artists in ``container`` (nested dicts, lists, tuples, bar containers).

    Axes and figures are skipped: a demo may hand over its axes to change their limits,
    but they belong to the background.
    """
    if isinstance(container, (Axes, Figure)):
        return []
    if isinstance(container, Artist):
        return [container]
    if isinstance(container, dict):
        container = list(container.values())
    if isinstance(container, (list, tuple)):  # BarContainer is a tuple of patches
        return [artist for item in container for artist in _artists_in(item)]
    return []


class LiveFigure:
    """A demo figure re-rendered by blitting its changing artists over a cached background.

    ``artists`` is what the demo's ``build`` returned: those artists are marked animated, so a
    full draw leaves them out and they are drawn on top of the saved background after each
    update. The background is redrawn in full only when the rest of the figure changed:
    axis limits or scales, any other text, or the set of artists in an axes; the last few
    backgrounds are kept by that state, so a change back to one of them restores it.
    """

    def __init__(self, fig: Figure, artists: Any, width_px: int = LIVE_WIDTH_PX) -> None:
        self.fig = fig
        self.canvas = canvas_class()(fig)
        fig.set_dpi(width_px / fig.get_figwidth())
        self.animated = sorted({id(a): a for a in _artists_in(artists)}.values(),
                               key=lambda artist: artist.get_zorder())
        for artist in self.animated:
            artist.set_animated(True)
        self._background = None
        self._background_state: tuple | None = None
        self._watched_texts: list[Text] = []
        #: Backgrounds drawn before, by the static state they show (newest last): a slider
        #: that moves an axis limit back to one shown before restores that background.
        self._backgrounds: OrderedDict[tuple, tuple] = OrderedDict()
        #: Axes whose legend an update has made again with other content: from then on that
        #: axes' legend is drawn on top like the animated artists, not kept in the background.
        self._live_legend_axes: set[int] = set()
        self.full_redraws = 0

    def _static_state(self, watched: list[Text] | None = None) -> tuple:
        """What the background depends on besides the animated artists.

        Axis limits and scales (which also fix the tick labels), which artists each axes and
        the figure hold (a legend by what it reads and shows, so an update may make it again),
        and the strings of every other text (titles, labels, notes).
        """
        axes_state = tuple((tuple(ax.viewLim.bounds), ax.get_xscale(), ax.get_yscale(),
                            self._children_identity(ax)) for ax in self.fig.axes)
        watched = self._watched_texts if watched is None else watched
        return (axes_state, tuple(map(_identity, self.fig.get_children())),
                tuple(text.get_text() for text in watched))

    def _kept_background(self, state: tuple) -> tuple | None:
        """A kept background that shows the figure as it is now, or None. Each is compared
        with the texts watched when it was drawn (tick labels come and go). The axes are put
        back where that background's layout put them: another axis range can move them (the
        layout fits the tick labels), and the changing artists are drawn where the axes are."""
        for key, kept in reversed(self._backgrounds.items()):
            if (len(kept[2]) == len(self.fig.axes) and key[0] == state[0]
                    and key[1] == state[1] and key == self._static_state(kept[1])):
                for ax, box in zip(self.fig.axes, kept[2]):
                    ax._set_position(Bbox.from_bounds(*box))  # as the layout engine does
                self._backgrounds.move_to_end(key)
                return key, kept

    def _axes_boxes(self) -> np.ndarray:
        """Where each axes sits in the figure now (the last layout's result)."""
        return np.array([ax.get_position().bounds for ax in self.fig.axes])

    def _children_identity(self, ax: Axes) -> tuple:
        """The identities of what ``ax`` holds, its legend left out if it is live."""
        live = id(ax) in self._live_legend_axes
        return tuple(_identity(child) for child in ax.get_children()
                     if not (live and isinstance(child, Legend)))

    def _legends_changed_only(self, state: tuple) -> set[int]:
        """The axes whose legend alone differs from the background's (none if anything else
        differs as well)."""
        old = self._background_state
        if old is None or old[1:] != state[1:] or len(old[0]) != len(state[0]):
            return set()
        changed = set()
        for ax, before, now in zip(self.fig.axes, old[0], state[0]):
            if before == now:
                continue
            if before[:3] != now[:3] or _without_legends(before[3]) != _without_legends(now[3]):
                return set()
            changed.add(id(ax))
        return changed

    def _live_legends(self) -> list[Legend]:
        return [ax.get_legend() for ax in self.fig.axes
                if id(ax) in self._live_legend_axes and ax.get_legend() is not None]

    def _texts_to_watch(self) -> list[Text]:
        """The figure's non-animated texts other than tick labels (those follow the limits)
        and legend texts (a legend is compared by its content)."""
        skip = {id(part) for artist in self.animated for part in artist.findobj()}
        # Every tick's labels, not only the ones shown now: an axis keeps the spare ticks it
        # made for other limits, and their labels would tie a background to those limits.
        skip |= {id(label) for ax in self.fig.axes for axis in (ax.xaxis, ax.yaxis)
                 for tick in [*axis.majorTicks, *axis.minorTicks]
                 for label in (tick.label1, tick.label2)}
        skip |= {id(text) for legend in self.fig.findobj(Legend) for text in legend.texts}
        return [text for text in self.fig.findobj(Text) if id(text) not in skip]

    def _background_for_now(self) -> bool:
        """Make the background the one that shows the figure as it is now: a kept one, or one
        drawn in full. True if it was just drawn (the canvas holds it), else False."""
        state = self._static_state()
        kept = self._kept_background(state) if state != self._background_state else None
        if kept is not None:
            (self._background_state, (self._background, self._watched_texts, _)) = kept
            state = self._background_state
        if state == self._background_state:
            return False
        # A legend that an update makes again with other labels or looks is drawn on top
        # from now on, so a new legend alone costs no full redraw.
        self._live_legend_axes |= self._legends_changed_only(state)
        for legend in self.fig.findobj(Legend):  # an axes legend never moves the layout
            if legend.axes is not None and legend in legend.axes.get_children():
                legend.set_in_layout(False)
        for legend in self._live_legends():
            legend.set_animated(True)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        self._watched_texts = self._texts_to_watch()
        self._background_state = self._static_state()
        self.full_redraws += 1
        self._backgrounds[self._background_state] = (self._background, self._watched_texts,
                                                      self._axes_boxes())
        if len(self._backgrounds) > BACKGROUNDS_KEPT:
            self._backgrounds.popitem(last=False)
        return True

    def prepare_background(self) -> None:
        """Draw and keep the background of the figure as it is now, if none is kept (the full
        redraw a later move to this state would otherwise wait for)."""
        self._background_for_now()

    def render_png(self) -> bytes:
        """PNG bytes of the figure as it is now (deterministic for the same state)."""
        if not self._background_for_now():
            self.canvas.restore_region(self._background)
        legends = self._live_legends()
        for legend in legends:
            legend.set_in_layout(False)
            legend.set_animated(True)
        for artist in sorted([*self.animated, *legends], key=lambda a: a.get_zorder()):
            self.fig.draw_artist(artist)
        return png_from_rgba(np.asarray(self.canvas.buffer_rgba()))


def _without_legends(identities: tuple) -> tuple:
    return tuple(i for i in identities if not (isinstance(i, tuple) and i[:1] == ("legend",)))


def _identity(artist: Artist) -> Any:
    """An artist's identity for the background state; a legend's is what it shows."""
    if not isinstance(artist, Legend):
        return id(artist)
    return ("legend", artist._loc, tuple(text.get_text() for text in artist.texts),
            tuple(map(_look, artist.legend_handles)))


def _look(handle: Artist | None) -> tuple:
    """What a legend handle looks like (colour, line and marker style, hatch)."""
    if isinstance(handle, Line2D):
        return (str(handle.get_color()), str(handle.get_linestyle()), handle.get_linewidth(),
                str(handle.get_marker()), handle.get_markersize(),
                str(handle.get_markerfacecolor()), handle.get_alpha(), handle.get_visible())
    if isinstance(handle, Patch):
        return (tuple(handle.get_facecolor()), tuple(handle.get_edgecolor()),
                handle.get_hatch(), handle.get_alpha(), handle.get_visible())
    return (type(handle).__name__,)


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def png_from_rgba(rgba: np.ndarray) -> bytes:
    """An RGBA PNG of an (height, width, 4) uint8 image, encoded for speed.

    No row filters, deflate level 1 (PNG spec, RFC 2083), by ISA-L when it is installed (the
    "fast" extra: 3-5 ms instead of 17-37 ms for zlib level 1 on these 1.7-2.7 MB images, and
    a smaller file), else zlib. The canvas's RGBA buffer is copied as it is, one block: taking
    out the alpha channel (an RGB PNG) is a strided copy that costs more than it saves; Pillow
    at compress level 1 takes that copy and uses zlib, so it was no faster.
    """
    height, width = rgba.shape[:2]
    rows = np.empty((height, 1 + 4 * width), np.uint8)
    rows[:, 0] = 0  # byte 0 of each row: filter 0 (none)
    rows[:, 1:] = np.ascontiguousarray(rgba).reshape(height, 4 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", _deflate(rows.data, 1)) + _png_chunk(b"IEND", b""))


#: Where a folder of figures keeps their alt texts (file name -> sentence).
ALT_TEXT_FILE = "alt_text.json"


def record_alt_text(folder: Path, file_name: str, alt_text: str) -> None:
    """Store the figure's alt text in ``folder/alt_text.json`` (file name -> sentence)."""
    path = folder / ALT_TEXT_FILE
    table = json.loads(path.read_text()) if path.exists() else {}
    table[file_name] = alt_text
    path.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")


def figure_html(png: bytes, alt_text: str, caption: str | None = None) -> str:
    """An ``<img>`` holding ``png`` (a data URI) with its alt text, and a one-line visible
    caption under it if ``caption`` is given."""
    data = base64.b64encode(png).decode("ascii")
    image = (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt_text)}" '
             'style="max-width: 100%">')
    if not caption:
        return image
    return (f'<figure style="margin: 0">{image}<figcaption style="font-style: italic">'
            f'{html.escape(caption)}</figcaption></figure>')


#: A figure taller than this (height / width) is laid out again for the class slides: a deck
#: slide (1280x720) leaves about 1260x625 for a picture, so a tall figure would be scaled down
#: until its tick labels are about 12 px high on a 1080p screen.
SLIDE_ASPECT_MAX = 0.56
#: The slide layout: the same figure at 16 x 8 inches (constrained layout re-fits it), whose
#: text then shows at about 1.1x its printed size on a 1920x1080 screen.
SLIDE_FIGSIZE_IN = (16.0, 8.0)
#: Output metadata key of a figure's slide layout (base64 PNG), read by ``publish/export.py``.
SLIDE_PNG_KEY = "ketamine_moa/slide_png"


def slide_figure_png(fig: Figure) -> bytes | None:
    """``fig`` laid out for a 16:8 slide (``SLIDE_FIGSIZE_IN``) as PNG bytes, or None if it is
    no taller than ``SLIDE_ASPECT_MAX`` and fits a slide as it is. The figure keeps its size."""
    width_in, height_in = fig.get_size_inches()
    if height_in / width_in <= SLIDE_ASPECT_MAX:
        return None
    fig.set_size_inches(*SLIDE_FIGSIZE_IN)
    try:
        return figure_png(fig)
    finally:
        fig.set_size_inches(width_in, height_in)


def show_figure(fig: Figure, alt_text: str, file_name: str | None = None,
                caption: str | None = None) -> None:
    """Display ``fig`` as an HTML image with its alt text; optionally save it.

    The output is an ``<img alt=...>`` (not a bare ``image/png``, whose alt text neither
    JupyterLab nor a stock ``jupyter nbconvert --to html``, as nbviewer uses, would show) and a
    plain-text form "[Figure: <alt text>]". The figure is rendered once. When the build runs the
    notebook (``figures_dir()`` is set), a copy with the same bytes is saved there as
    ``file_name``, its alt text in ``alt_text.json``, where the README and the HTML pages pick
    them up; otherwise nothing is written. ``caption`` is a one-line visible caption under the
    figure (what it shows, in words, without model numbers). The build also stores a tall
    figure's slide layout (``slide_figure_png``) in the output's metadata, for the decks only.
    """
    from IPython.display import display

    png = figure_png(fig)
    folder = figures_dir()
    metadata = {}
    if folder is not None:
        if file_name is not None:
            (folder / file_name).write_bytes(png)
            record_alt_text(folder, file_name, alt_text)
        slide_png = slide_figure_png(fig)
        if slide_png is not None:
            metadata[SLIDE_PNG_KEY] = base64.b64encode(slide_png).decode("ascii")
    display({"text/html": figure_html(png, alt_text, caption),
             "text/plain": f"[Figure: {alt_text}]"}, metadata=metadata, raw=True)


def sweep_caption(demo: Demo) -> str:
    """The one-line caption under a demo's static figure."""
    return f"Static figure: {demo.title}, across a range of settings (the demo above, frozen)."


def show_sweep(demo: Demo) -> None:
    """Draw, save and display the demo's static sweep figure, with its caption."""
    show_figure(demo.sweep(), demo.alt_text(), demo.sweep_file, sweep_caption(demo))


def readout_format(control: Slider) -> str:
    """The slider's number format: as many decimals as its step, min and default need, so a
    whole-number slider reads "200", not "200.00", and a 0.05 step reads "0.50"."""
    decimals = 0
    for value in (control.step, control.min, control.default):
        while decimals < 4 and abs(round(value, decimals) - value) > 1e-9:
            decimals += 1
    return f".{decimals}f"


#: Pictures a panel keeps (about 60 kB each): a setting shown before is shown again at once.
FRAMES_KEPT = 64


def _make_widget(control: Control):
    import ipywidgets as w

    style = {"description_width": "initial"}
    layout = w.Layout(width="640px")
    if isinstance(control, Slider):
        return w.FloatSlider(value=control.default, min=control.min, max=control.max,
                             step=control.step, description=control.label,
                             readout_format=readout_format(control),
                             continuous_update=True, style=style, layout=layout)
    return w.Dropdown(options=list(control.options), value=control.default,
                      description=control.label, style=style, layout=layout)


#: ipywidgets stores at most this many characters of a widget's plain-text form.
FALLBACK_MAX_CHARS = 110


def fallback_text(demo: Demo) -> str:
    """A demo's stored plain-text form: what to do, and which static figure shows the model."""
    return f"[Live demo: run the notebook to move it. Static figure below: {demo.sweep_file}]"


#: A panel draws ahead (the settings one key press away) once no move has come for this long,
#: so a key press usually finds its picture ready; during a drag moves come faster than this.
DRAW_AHEAD_AFTER_S = 0.05


class LatestWins:
    """Draws requested settings on a thread of its own, the newest first, and works ahead.

    ``request`` returns at once. A setting that arrives while a frame is being drawn replaces
    any setting still waiting (latest value wins), so the picture never lags behind a backlog,
    and the last setting requested is always the last one shown. Why a thread: ipywidgets'
    front end sends a slider's next value only once the kernel has gone idle after the last
    one; drawing in the kernel's message handler made every frame cost a browser round trip
    plus its drawing, one after the other. When no request has come for
    ``DRAW_AHEAD_AFTER_S``, the jobs ``ahead(last shown)`` returns are run in turn (a request
    waits at most for the job running). ``show`` and the jobs run only on this thread once it
    has started, so the figure is never touched by two threads.
    """

    def __init__(self, show: Callable[[Any], None], name: str,
                 ahead: Callable[[Any], Iterable[Callable[[], Any]]] = lambda _setting: ()
                 ) -> None:
        self._show, self._ahead = show, ahead
        self._name = name
        self._wanted: Any = None
        self._waiting = False
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def request(self, setting: Any) -> None:
        with self._ready:
            self._wanted, self._waiting = setting, True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._ready.notify()

    def _next(self, jobs: Iterator[Callable[[], Any]]) -> tuple[bool, Any]:
        """(True, the setting asked for), or after a quiet moment (False, a job to run)."""
        with self._ready:
            if not self._waiting:
                self._ready.wait(DRAW_AHEAD_AFTER_S)
            while not self._waiting:
                job = next(jobs, None)
                if job is not None:
                    return False, job
                self._ready.wait()
            self._waiting = False
            return True, self._wanted

    def _run(self) -> None:
        jobs: Iterator[Callable[[], Any]] = iter(())
        while True:
            requested, work = self._next(jobs)
            try:
                if requested:
                    self._show(work)
                    jobs = iter(self._ahead(work))
                else:
                    work()
            except Exception:  # shown in the kernel's log; the next move draws again
                traceback.print_exc(file=sys.__stderr__)


def _settled(value: Any) -> Any:
    """A control's value as a panel keys and draws it: a float to 9 decimals, so the browser's
    0.15000000000000002 and a step computed here are the same setting."""
    return round(value, 9) if isinstance(value, float) else value


def one_move_away(controls: list[Control], values: dict[str, Any],
                  previous: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The settings one key press or one choice away from ``values``: each slider a step each
    way (within its range), then every other option of each drop-down. The control that moved
    last (from ``previous`` to ``values``) comes first, the way it moved first: the likeliest
    next press repeats the last one."""
    moved = [c for c in controls if previous is not None and previous[c.name] != values[c.name]]
    settings = []
    for control in sorted(controls, key=lambda c: (c not in moved, not isinstance(c, Slider))):
        if isinstance(control, Slider):
            steps = (control.step, -control.step)
            if control in moved and values[control.name] < previous[control.name]:
                steps = steps[::-1]
            for step in steps:
                value = _settled(float(values[control.name]) + step)
                if control.min <= value <= control.max:
                    settings.append({**values, control.name: value})
        else:
            settings += [{**values, control.name: option} for _, option in control.options
                         if option != values[control.name]]
    return settings


#: Settings across the first slider's range at which a panel checks, while idle, that the
#: background is kept (09's dose slider moves the plasma axis through 6 ranges; each new one
#: is a full redraw, 130-250 ms, that a drag would otherwise wait for).
BACKGROUND_SAMPLES = 16


def across_the_first_slider(controls: list[Control], values: dict[str, Any],
                            samples: int = BACKGROUND_SAMPLES) -> list[dict[str, Any]]:
    """``samples`` settings evenly across the first slider's range (on its steps), the others
    as in ``values``, nearest to the current value first; none if there is no slider."""
    slider = next((c for c in controls if isinstance(c, Slider)), None)
    if slider is None:
        return []
    steps = round((slider.max - slider.min) / slider.step)
    picks = {round(k * steps / (samples - 1)) for k in range(samples)}
    points = sorted((_settled(slider.min + k * slider.step) for k in picks),
                    key=lambda v: abs(v - values[slider.name]))
    return [{**values, slider.name: value} for value in points]


def _in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel, where moves come from a browser."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    return getattr(shell, "kernel", None) is not None


def panel(demo: Demo):
    """A live panel for ``demo``: its controls above an image of the figure.

    Each change updates the existing figure's artists and blits them over the cached
    background (``LiveFigure``); no new figure is created, and a setting shown before reuses
    its picture (``update`` draws from the control values alone). In a kernel the drawing runs on
    the panel's thread (``LatestWins``): the kernel is idle again at once, so the browser sends
    the next value of a drag while this one is drawn. Its plain-text form says what to do in a
    static view.
    """
    import ipywidgets as w

    class DemoPanel(w.VBox):
        def __repr__(self) -> str:
            # ipywidgets cuts a widget's stored text/plain at 110 characters: keep it short
            # enough that the pointer to the static figure survives.
            return fallback_text(demo)

    fig, artists = demo.build()
    live = LiveFigure(fig, artists)
    inputs = {c.name: _make_widget(c) for c in demo.controls}
    image = w.Image(format="png", layout=w.Layout(width="100%", max_width=f"{LIVE_WIDTH_PX}px"))

    frames: OrderedDict[tuple, bytes] = OrderedDict()  # setting -> its picture, newest last

    def frame(values: dict[str, Any]) -> bytes:
        key = tuple(values.values())
        if key not in frames:
            demo.update(artists, **values)
            frames[key] = live.render_png()
            if len(frames) > FRAMES_KEPT:
                frames.popitem(last=False)
        frames.move_to_end(key)
        return frames[key]

    def draw(values: dict[str, Any]) -> None:
        image.value = frame(values)

    def setting() -> dict[str, Any]:
        return {name: _settled(widget.value) for name, widget in inputs.items()}

    # In a kernel, moves are drawn on the panel's own thread; elsewhere (tests, scripts) at once.
    if _in_kernel():
        last_shown = setting()  # work ahead from it
        prepared: set[tuple] = set()  # settings whose background has been drawn ahead

        def background(values: dict[str, Any]) -> None:
            prepared.add(tuple(values.values()))
            demo.update(artists, **values)
            live.prepare_background()

        def ahead(values: dict[str, Any]) -> list[Callable[[], Any]]:
            nonlocal last_shown
            jobs = [partial(frame, near)
                    for near in one_move_away(demo.controls, values, last_shown)]
            known = prepared | frames.keys()   # a frame drawn made its background too
            jobs += [partial(background, far)
                     for far in across_the_first_slider(demo.controls, values)
                     if tuple(far.values()) not in known]
            last_shown = values
            return jobs

        drawer = LatestWins(draw, f"demo {demo.name}", ahead=ahead)

        def moved(_change) -> None:
            drawer.request(setting())
    else:
        def moved(_change) -> None:
            draw(setting())

    for widget in inputs.values():
        widget.observe(moved, names="value")
    draw(setting())  # the stored notebook keeps this picture of the defaults
    prompt = f"<br><i>Predict first:</i> {demo.prompt}" if demo.prompt else ""
    header = w.HTML(f"<b>{demo.title}</b>{prompt}")
    return DemoPanel([header, *inputs.values(), image])
