"""Property tests over what every demo draws (hypothesis, derandomised, 200 examples each).

For random settings of all of a demo's controls (slider values on the slider's own grid,
any option of a drop-down), one live figure per demo is updated in place as in a panel, and
every artist the update changes is checked: its numbers are finite, its curves stay inside
the axes' limits (nothing clipped off-scale; on a log axis a tail may fade out below), its
texts show no "nan"/"inf", and the update warns about nothing (warnings are errors in this
suite). Model outputs themselves are covered in test_properties.py.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from ketamine_moa.demos import all_demos
from ketamine_moa.plotting import use_house_style
from ketamine_moa.widgets import LiveFigure, Slider

DEMOS = all_demos()
NOT_A_NUMBER = re.compile(r"\b(nan|inf)\b", re.IGNORECASE)
VISIBLE_FRACTION = 0.005  # off-scale by less than half a percent of the axis is not visible


def control_values(control):
    """A strategy for one control: a slider value on its grid, or one of the options."""
    if isinstance(control, Slider):
        steps = int(round((control.max - control.min) / control.step))
        return st.integers(0, steps).map(
            lambda k: min(control.max, round(control.min + k * control.step, 10)))
    return st.sampled_from([value for _, value in control.options])


def settings_of(demo):
    return st.fixed_dictionaries({c.name: control_values(c) for c in demo.controls})


def check_drawn(demo, live: LiveFigure, values: dict) -> None:
    where = f"{demo.name} at {values}"
    for artist in live.animated:
        if not artist.get_visible():
            continue
        if isinstance(artist, Line2D):
            x, y = (np.asarray(data, dtype=float) for data in artist.get_data())
            assert np.isfinite(x).all() and np.isfinite(y).all(), f"{where}: non-finite line"
            if (y.size and artist.axes is not None
                    and artist.get_transform() == artist.axes.transData):
                low, high = sorted(artist.axes.get_ylim())
                tolerance = VISIBLE_FRACTION * (high - low)
                if artist.axes.get_yscale() == "log":  # a tail may fade below a log axis
                    low, tolerance = -np.inf, VISIBLE_FRACTION * high
                assert y.min() >= low - tolerance and y.max() <= high + tolerance, (
                    f"{where}: {artist.get_label()!r} runs off the axes "
                    f"({y.min():.3g}..{y.max():.3g} outside {low:.3g}..{high:.3g})")
        elif isinstance(artist, Rectangle):
            box = [artist.get_x(), artist.get_y(), artist.get_width(), artist.get_height()]
            assert np.isfinite(box).all(), f"{where}: non-finite bar {box}"
        elif isinstance(artist, Text):
            assert not NOT_A_NUMBER.search(artist.get_text()), (
                f"{where}: text shows a non-number: {artist.get_text()!r}")


@pytest.mark.parametrize("demo", DEMOS, ids=lambda demo: demo.name)
def test_every_setting_draws_finite_on_scale_artists(demo):
    use_house_style()
    fig, artists = demo.build()
    live = LiveFigure(fig, artists)

    @settings(max_examples=200, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(values=settings_of(demo))
    def one_setting(values):
        demo.update(artists, **demo.checked(values))
        check_drawn(demo, live, values)

    one_setting()
    live.render_png()  # the last setting still renders


@pytest.mark.parametrize("demo", DEMOS, ids=lambda demo: demo.name)
def test_blitted_update_gives_the_pixels_of_a_fresh_figure(demo):
    """At the defaults, each slider's ends and every option, every line is finite, and a live
    figure moved there by blitting shows exactly the picture of a new figure: nothing stale."""
    use_house_style()
    fig, artists = demo.build()
    live = LiveFigure(fig, artists)
    for values in demo.settings_to_check():   # defaults, each slider's ends, every option
        demo.update(artists, **values)
        moved = live.render_png()
        for line in (line for ax in fig.axes for line in ax.get_lines()):
            y = np.asarray(line.get_ydata(), dtype=float)
            assert np.all(np.isfinite(y)), f"{demo.name} {values}: non-finite line"
        fresh_fig, fresh_artists = demo.build()
        demo.update(fresh_artists, **values)
        assert moved == LiveFigure(fresh_fig, fresh_artists).render_png(), (
            f"{demo.name}: stale picture after moving to {values}")



@pytest.mark.parametrize("demo", DEMOS, ids=lambda demo: demo.name)
def test_a_setting_shown_again_gives_the_pixels_of_a_fresh_figure(demo):
    """Back to the defaults after each slider's ends: a kept background (``LiveFigure`` keeps
    the last few, by what they show) gives exactly the picture of a new figure."""
    use_house_style()
    fig, artists = demo.build()
    live = LiveFigure(fig, artists)
    fresh_fig, fresh_artists = demo.build()
    demo.update(fresh_artists, **demo.defaults())
    expected = LiveFigure(fresh_fig, fresh_artists).render_png()
    for control in (c for c in demo.controls if isinstance(c, Slider)):
        for value in (control.max, control.min):
            demo.update(artists, **{**demo.defaults(), control.name: value})
            live.render_png()
            demo.update(artists, **demo.defaults())
            assert live.render_png() == expected, (
                f"{demo.name}: back at the defaults after {control.name}={value}, stale picture")
