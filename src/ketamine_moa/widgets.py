"""Turn a figure function into a live control panel, and show figures for static readers.

A demo is declared once (``Demo``): its controls (each with a unit and a range the model
accepts), a ``build`` function that makes the figure and returns the artists to change, an
``update`` function that changes those artists in place (``set_data``), and a ``sweep``
function that draws the same model across a range of the main control, for readers
without a kernel. ``panel(demo)`` wires it to ipywidgets; the picture is a PNG in an
``ipywidgets.Image``, so the stored notebook keeps a picture of the default state too.
"""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass
from typing import Any, Callable

from matplotlib.figure import Figure

from .plotting import figures_dir, save_figure
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
            raise ValueError(f"Slider {self.name!r}: default {self.default} outside [{self.min}, {self.max}]")


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
    sweep_alt_text: str
    prompt: str = ""

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
                raise ValueError(f"{self.name}: {name} ({control.label}) = {value!r} is not an "
                                 "option; options: " + ", ".join(repr(v) for _, v in control.options))
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


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes (no time stamp, so identical input gives identical bytes)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def record_alt_text(file_name: str, alt_text: str) -> None:
    """Store the figure's alt text in figures/alt_text.json (file name -> sentence)."""
    path = figures_dir() / "alt_text.json"
    table = json.loads(path.read_text()) if path.exists() else {}
    table[file_name] = alt_text
    path.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")


def show_figure(fig: Figure, alt_text: str, file_name: str | None = None) -> None:
    """Display ``fig`` as a PNG whose plain-text form is its alt text; optionally save it.

    Saved figures go to figures/ (with their alt text in figures/alt_text.json), where the
    README and slides pick them up.
    """
    from IPython.display import display

    if file_name is not None:
        save_figure(fig, file_name)
        record_alt_text(file_name, alt_text)
    png = base64.b64encode(figure_png(fig)).decode("ascii")
    display({"image/png": png, "text/plain": f"[Figure: {alt_text}]"}, raw=True)


def show_sweep(demo: Demo) -> None:
    """Draw, save and display the demo's static sweep figure."""
    show_figure(demo.sweep(), demo.sweep_alt_text, demo.sweep_file)


def _make_widget(control: Control):
    import ipywidgets as w

    style = {"description_width": "initial"}
    layout = w.Layout(width="480px")
    if isinstance(control, Slider):
        return w.FloatSlider(value=control.default, min=control.min, max=control.max,
                             step=control.step, description=control.label,
                             continuous_update=False, style=style, layout=layout)
    return w.Dropdown(options=list(control.options), value=control.default,
                      description=control.label, style=style, layout=layout)


def panel(demo: Demo):
    """A live panel for ``demo``: its controls above an image of the figure.

    Each change updates the existing figure's artists and re-renders it; no new figure is
    created. Its plain-text form says what to do in a static view.
    """
    import ipywidgets as w

    class DemoPanel(w.VBox):
        def __repr__(self) -> str:
            return (f"[Interactive demo '{demo.title}': run the notebook to move the controls. "
                    f"The static figure '{demo.sweep_file}' shows the same model across a sweep.]")

    fig, artists = demo.build()
    inputs = {c.name: _make_widget(c) for c in demo.controls}
    image = w.Image(format="png", layout=w.Layout(max_width="900px"))

    def redraw(_change=None) -> None:
        demo.update(artists, **{name: widget.value for name, widget in inputs.items()})
        image.value = figure_png(fig)

    for widget in inputs.values():
        widget.observe(redraw, names="value")
    redraw()
    header = w.HTML(f"<b>{demo.title}</b>" + (f"<br><i>Predict first:</i> {demo.prompt}" if demo.prompt else ""))
    return DemoPanel([header, *inputs.values(), image])
