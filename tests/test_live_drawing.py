"""A panel in a kernel draws on a thread of its own: the newest setting wins, the last one asked
for is the last one shown, and it draws ahead only while no move comes."""

import threading
import time
from functools import partial

import pytest

from ketamine_moa.demos import all_demos
from ketamine_moa import widgets
from ketamine_moa.demos.overview import DEMOS as OVERVIEW_DEMOS
from ketamine_moa.demos.safety_demo import DEMOS as SAFETY_DEMOS
from ketamine_moa.plotting import use_house_style
from ketamine_moa.widgets import (LatestWins, LiveFigure, Slider, across_the_first_slider,
                                  one_move_away, panel)

ALL_DEMOS = all_demos()


def wait_for(condition, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_settings_that_arrive_during_a_frame_are_coalesced_and_the_last_is_shown():
    first_started, release = threading.Event(), threading.Event()
    shown = []

    def show(setting):
        if setting == 1:
            first_started.set()
            release.wait(10)
        shown.append(setting)

    drawer = LatestWins(show, "test")
    drawer.request(1)
    first_started.wait(10)
    for setting in (2, 3, 4):   # a drag's values while frame 1 is drawn
        drawer.request(setting)
    release.set()
    wait_for(lambda: shown[-1:] == [4])
    time.sleep(0.1)
    assert shown == [1, 4]


def test_it_works_ahead_only_when_no_move_comes_and_a_move_cuts_in():
    done, shown = [], []
    running, release = threading.Event(), threading.Event()

    def job(name):
        if name == "a1":
            running.set()
            release.wait(10)
        done.append(name)

    drawer = LatestWins(shown.append, "test", ahead=lambda setting: [
        partial(job, f"{letter}{setting}") for letter in "abc"])
    drawer.request(1)
    running.wait(10)            # after a quiet moment it runs job a1 ...
    drawer.request(2)           # ... when the next move comes
    release.set()
    wait_for(lambda: done[-1:] == ["c2"])
    assert shown == [1, 2]
    # a1 was running and is finished; b1 and c1 never ran: the move came first
    assert done == ["a1", "a2", "b2", "c2"]


def test_a_failing_frame_is_reported_and_the_next_move_still_draws():
    shown = []

    def show(setting):
        if setting == "bad":
            raise RuntimeError("broken frame")
        shown.append(setting)

    drawer = LatestWins(show, "test")
    drawer.request("bad")
    time.sleep(0.1)
    drawer.request("good")
    wait_for(lambda: shown == ["good"])


def test_the_setting_one_press_away_in_the_direction_of_the_last_move_comes_first():
    demo = next(d for d in SAFETY_DEMOS if d.name == "safety")
    dose, duration = (c for c in demo.controls if isinstance(c, Slider))
    values = demo.defaults()
    down = {**values, duration.name: values[duration.name] - duration.step}
    settings = one_move_away(demo.controls, down, previous=values)
    assert settings[0] == {**down, duration.name: down[duration.name] - duration.step}
    assert settings[1] == values                         # and back up
    assert {**down, dose.name: round(down[dose.name] + dose.step, 9)} in settings
    at_top = {**values, dose.name: dose.max}
    assert all(s[dose.name] <= dose.max for s in one_move_away(demo.controls, at_top))
    assert len(settings) == 4


def test_a_panel_in_a_kernel_ends_on_the_last_value_moved_to(monkeypatch):
    demo = OVERVIEW_DEMOS[0]
    slider = next(c for c in demo.controls if isinstance(c, Slider))
    final = round(slider.default + 3 * slider.step, 9)
    expected = panel(demo)
    expected.children[1].value = final
    monkeypatch.setattr(widgets, "_in_kernel", lambda: True)
    live = panel(demo)
    image, control = live.children[-1], live.children[1]
    for k in range(1, 4):   # a quick drag, three steps
        control.value = round(slider.default + k * slider.step, 9)
    wait_for(lambda: image.value == expected.children[-1].value)
    time.sleep(0.3)         # drawing ahead never changes the picture shown
    assert image.value == expected.children[-1].value


@pytest.mark.parametrize("value", [0.15000000000000002, 0.15])
def test_a_browser_float_and_a_step_computed_here_are_one_setting(value):
    assert widgets._settled(value) == 0.15


def test_a_background_prepared_ahead_spares_the_move_its_full_redraw():
    use_house_style()
    demo = next(d for d in SAFETY_DEMOS if d.name == "safety")
    far = across_the_first_slider(demo.controls, demo.defaults())
    dose = demo.controls[0]
    assert len(far) == 16 and far[0][dose.name] == demo.defaults()[dose.name]
    assert {s[dose.name] for s in far} >= {dose.min, dose.max}
    fig, artists = demo.build()
    live = LiveFigure(fig, artists)
    demo.update(artists, **demo.defaults())
    live.render_png()
    top = {**demo.defaults(), dose.name: dose.max}   # another plasma axis range
    demo.update(artists, **top)
    live.prepare_background()
    redraws = live.full_redraws
    assert redraws == 2
    demo.update(artists, **demo.defaults())
    live.render_png()
    demo.update(artists, **top)
    moved = live.render_png()
    assert live.full_redraws == redraws          # both backgrounds kept: no full redraw
    fresh_fig, fresh_artists = demo.build()
    demo.update(fresh_artists, **top)
    assert moved == LiveFigure(fresh_fig, fresh_artists).render_png()


@pytest.mark.parametrize("demo", [d for d in ALL_DEMOS if any(isinstance(c, Slider)
                                                           for c in d.controls)],
                         ids=lambda demo: demo.name)
def test_dragging_over_the_first_slider_again_needs_no_full_redraw(demo):
    """Every background a pass across the first slider drew is kept and found again on the way
    back (with the axes put back where its layout had them), so only the first pass pays for
    full redraws."""
    use_house_style()
    fig, artists = demo.build()
    live = LiveFigure(fig, artists)
    slider = next(c for c in demo.controls if isinstance(c, Slider))
    settings = sorted(across_the_first_slider(demo.controls, demo.defaults(), samples=8),
                      key=lambda values: values[slider.name])
    for values in settings:
        demo.update(artists, **values)
        live.render_png()
    first_pass = live.full_redraws
    for values in settings[::-1]:
        demo.update(artists, **values)
        live.render_png()
    assert live.full_redraws == first_pass, f"{demo.name}: backgrounds not found again"
