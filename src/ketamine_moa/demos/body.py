"""Demos for notebook 01, "Ketamine in the body": plasma by route, and dosing schedules.

Every curve comes from the package's pharmacokinetic model (``pk`` and ``chain.simulate``);
this module only draws it. Doses are the research-protocol values being simulated (0.5 mg/kg
IV over 40 min, as in the trials); nothing here is a dosing recommendation.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import pk
from ..chain import time_grid
from ..params import model_parameters
from ..readouts import format_duration
from ..regimens import BOOSTER_FIRST_DAY
from ..plotting import (PALETTE, ROUTE_ROLE, log_time_axis, marker_style, role_style, shading,
                        new_figure)
from ..widgets import Choice, Demo, Slider
from . import finish_axes

#: Research-protocol dose simulated by default (Zarate 2006; Murrough 2013; Phillips 2019).
TRIAL_MG_PER_KG = 0.5
TRIAL_INFUSION_MIN = 40.0
CITALOPRAM_MG = 20.0

ROUTE_NAMES = {"iv": "IV", "intranasal": "intranasal", "sublingual": "sublingual",
               "oral": "oral"}
ANAESTHETIC_RANGE_UM = (5.0, 10.0)   # 1-2 mg/kg anaesthetic doses (Zanos 2018, Table 1)
PLASMA_YLIM_UM = (0.001, 20.0)       # log axis: from 1/1000 of the IC50 to above the band
ROUTE_T_MIN_H, ROUTE_T_MAX_H = 1 / 60, 48.0


def _ic50_uM() -> float:
    return model_parameters().nmda.ketamine_nmda_ic50_uM


# --- plasma by route ---------------------------------------------------------------------------

def route_doses(route: str, mg_per_kg: float, infusion_min: float) -> list[pk.Dose]:
    """One ketamine dose; the infusion length applies to IV only (other routes: duration 0)."""
    duration_h = infusion_min / 60 if route == "iv" else 0.0
    return [pk.Dose("ketamine", route, mg_per_kg=mg_per_kg, duration_h=duration_h)]


def route_curve(route: str, mg_per_kg: float = TRIAL_MG_PER_KG,
                infusion_min: float = TRIAL_INFUSION_MIN,
                t_max_h: float = ROUTE_T_MAX_H) -> tuple[np.ndarray, np.ndarray]:
    """Plasma ketamine (uM) from 0 to ``t_max_h`` on a grid fine enough for peak and AUC.

    Log-spaced points for the log-time plot, 1-min steps for the peak, and the end of the
    infusion (where an IV peak lies).
    """
    doses = route_doses(route, mg_per_kg, infusion_min)
    t_h = np.unique(np.concatenate([
        [0.0], np.geomspace(ROUTE_T_MIN_H / 2, t_max_h, 600),
        np.arange(0.0, min(t_max_h, ROUTE_T_MAX_H), 1 / 60), [t_max_h, doses[0].duration_h]]))
    return t_h, pk.ketamine_plasma_uM(doses, t_h, model_parameters().pk_ketamine)


def route_summary(t_h: np.ndarray, conc: np.ndarray) -> dict[str, float]:
    """Peak (uM), time of peak (h), AUC 0-48 h (uM*h) and plasma at 24 h as % of peak."""
    i = int(np.argmax(conc))
    peak = float(conc[i])
    return {"peak_uM": peak, "t_peak_h": float(t_h[i]), "auc_uM_h": pk.auc_uM_h(t_h, conc),
            "at_24h_pct": 100 * float(np.interp(24.0, t_h, conc)) / peak}


def _plasma_axes(ax) -> None:
    """Log-log plasma axes with the IC50 line (labelled on the plot, since a route's curve can
    share its dashes) and the anaesthetic band."""
    ax.axhspan(*ANAESTHETIC_RANGE_UM, **shading("anaesthetic_range"))
    ax.axhline(_ic50_uM(), **role_style("reference"))
    ax.text(ROUTE_T_MAX_H / 1.1, 0.9 * _ic50_uM(), _ic50_label(), ha="right", va="top",
            fontsize=12)
    ax.set_yscale("log")
    ax.set_ylim(*PLASMA_YLIM_UM)
    ax.set_yticks([0.001, 0.01, 0.1, 1, 10])
    ax.set_yticklabels(["0.001", "0.01", "0.1", "1", "10"])
    ax.set_ylabel("plasma ketamine (µM, log scale)")
    log_time_axis(ax, ROUTE_T_MIN_H, ROUTE_T_MAX_H, label="time since dose")


def _ic50_label() -> str:
    return f"NMDA IC50 ({_ic50_uM():g} µM)"


def _reference_handles():
    return [
        Line2D([], [], **role_style("reference"), label=_ic50_label()),
        Patch(**shading("anaesthetic_range"), label="anaesthetic range (5–10 µM)"),
    ]


def build_plasma_route():
    fig, (ax, side) = new_figure(12.0, 5.5, ncols=2, gridspec_kw={"width_ratios": [2.4, 1]})
    _plasma_axes(ax)
    (line,) = ax.plot([], [], lw=3)
    ax.set_title("Plasma ketamine after one dose")
    side.axis("off")
    readout = side.text(0.0, 0.62, "", transform=side.transAxes, va="top", fontsize=13,
                        family="monospace", linespacing=1.5, in_layout=False)
    return fig, {"line": line, "side": side, "readout": readout}


def update_plasma_route(artists, route: str, mg_per_kg: float, infusion_min: float) -> None:
    t_h, conc = route_curve(route, mg_per_kg, infusion_min)
    shown = t_h >= ROUTE_T_MIN_H
    line = artists["line"]
    line.set_data(t_h[shown], conc[shown])
    line.set(**role_style(ROUTE_ROLE[route], linewidth=3))
    if route == "iv":
        how = "IV bolus" if infusion_min == 0 else f"IV over {infusion_min:.0f} min"
    else:
        how = ROUTE_NAMES[route]   # given at once: the infusion slider does not apply
    line.set_label(f"{ROUTE_NAMES[route]}, amount set above")
    artists["side"].legend(handles=[line, *_reference_handles()], loc="upper left",
                           frameon=False, bbox_to_anchor=(0.0, 1.0))
    s = route_summary(t_h, conc)
    f = pk.ketamine_bioavailability(model_parameters().pk_ketamine, route)
    when = "0 min (bolus)" if s["t_peak_h"] == 0 else format_duration(s["t_peak_h"])
    artists["readout"].set_text(
        f"{mg_per_kg:.2f} mg/kg {how}\n"
        f"reaches blood  {100 * f:.0f} %\n"
        f"peak           {s['peak_uM']:.2f} µM\n"
        f"time of peak   {when}\n"
        f"AUC (0–48 h)   {s['auc_uM_h']:.2f} µM·h\n"
        f"at 24 h        {s['at_24h_pct']:.2f} % of peak")


def sweep_plasma_route():
    fig, (ax, ax_auc) = new_figure(14.0, 5.8, ncols=2, gridspec_kw={"width_ratios": [1.35, 1]})
    _plasma_axes(ax)
    handles = []
    for route in pk.KETAMINE_ROUTES:
        t_h, conc = route_curve(route)
        shown = t_h >= ROUTE_T_MIN_H
        (line,) = ax.plot(t_h[shown], conc[shown], **role_style(ROUTE_ROLE[route]),
                          label=ROUTE_NAMES[route] + (" (40 min)" if route == "iv" else ""))
        handles.append(line)
    fig.legend(handles=handles + _reference_handles(), loc="outside lower center", ncols=3,
               frameon=False)
    ax.set_title(f"{TRIAL_MG_PER_KG} mg/kg by each route")

    doses = np.linspace(0.1, 2.0, 20)
    pk_ketamine = model_parameters().pk_ketamine
    for route in pk.KETAMINE_ROUTES:
        colour = role_style(ROUTE_ROLE[route])["color"]
        auc = [pk.auc_uM_h(*route_curve(route, d)) for d in doses]
        ax_auc.plot(doses, auc, **role_style(ROUTE_ROLE[route]))
        f = pk.ketamine_bioavailability(pk_ketamine, route)
        ax_auc.annotate(f"{ROUTE_NAMES[route]}, F = {f:.2f}", (doses[-1], auc[-1]),
                        xytext=(6, 0), textcoords="offset points", va="center", fontsize=12,
                        color=colour)
    finish_axes(ax_auc, xlim=(0, 2.0), ylim=(0, None), xlabel="dose (mg/kg)",
                ylabel="AUC, 0–48 h (µM·h)",
                title="Exposure grows linearly with dose;\nslope ∝ bioavailability F",
                title_size=None)
    return fig


def _round_min(hours: float, step: float = 10.0) -> str:
    """A time in minutes, rounded to ``step`` minutes (for "about ... min")."""
    return f"{step * round(60 * hours / step):.0f}"


def _fmt_fraction(f: float) -> str:
    """A bioavailability as in the text: "1" for all of the dose, else two decimals."""
    return f"{f:g}" if f == 1 else f"{f:.2f}"


def _plasma_route_alt_text() -> str:
    """Alt text of the route sweep, from the same runs it draws (``route_curve`` at the trial
    dose) and the same bioavailabilities."""
    s = {route: route_summary(*route_curve(route)) for route in pk.KETAMINE_ROUTES}
    pk_ketamine = model_parameters().pk_ketamine
    f = [_fmt_fraction(pk.ketamine_bioavailability(pk_ketamine, route))
         for route in pk.KETAMINE_ROUTES]
    late = (s["sublingual"]["t_peak_h"] + s["oral"]["t_peak_h"]) / 2
    low, high = ANAESTHETIC_RANGE_UM
    return (f"Left: plasma ketamine after {TRIAL_MG_PER_KG:g} mg/kg on log axes peaks at "
            f"{s['iv']['peak_uM']:.2f} µM at the end of a {TRIAL_INFUSION_MIN:.0f}-min IV "
            f"infusion, {s['intranasal']['peak_uM']:.2f} µM intranasal (about "
            f"{_round_min(s['intranasal']['t_peak_h'])} min), {s['sublingual']['peak_uM']:.2f} µM "
            f"sublingual and {s['oral']['peak_uM']:.2f} µM oral (about {_round_min(late)} min), "
            f"all below the {_ic50_uM():g} µM NMDA IC50 and the {low:g}–{high:g} µM anaesthetic "
            "range; right: exposure (AUC) rises linearly with dose, with slopes in the ratio of "
            f"the bioavailabilities {', '.join(f[:-1])} and {f[-1]}.")


PLASMA_ROUTE = Demo(
    name="plasma_route",
    title="Plasma ketamine by route and dose",
    controls=(
        Choice("route", "route", tuple((ROUTE_NAMES[r], r) for r in pk.KETAMINE_ROUTES), "iv"),
        Slider("mg_per_kg", "dose (mg/kg)", 0.1, 2.0, 0.05, TRIAL_MG_PER_KG),
        Slider("infusion_min", "infusion length (min, IV only)", 0.0, 120.0, 5.0,
               TRIAL_INFUSION_MIN),
    ),
    build=build_plasma_route,
    update=update_plasma_route,
    sweep=sweep_plasma_route,
    sweep_file="01_plasma_by_route.png",
    sweep_alt_text=_plasma_route_alt_text,
    prompt=("Switch from IV to oral at the same mg/kg. Will the peak be higher or lower, "
            "earlier or later? By what factor will the AUC shrink?"),
)


# --- schedules -----------------------------------------------------------------------------------

SCHEDULE_T_END_H = 42 * 24.0   # six weeks
BOOSTER_COUNT = 4               # weekly from regimens.BOOSTER_FIRST_DAY, within six weeks
SCHEDULES = (
    ("single infusion", "single"),
    ("six infusions over 2 weeks", "series"),
    ("six infusions + weekly boosters", "boosters"),
)
PRESENCE_THRESHOLD_UM = 0.1   # one tenth of the NMDA IC50


def schedule_doses(schedule: str) -> list[pk.Dose]:
    """The ketamine doses of a schedule, each 0.5 mg/kg IV over 40 min."""
    if schedule == "single":
        return pk.single_infusion(TRIAL_MG_PER_KG)
    series = pk.infusion_series(TRIAL_MG_PER_KG)
    if schedule == "series":
        return series
    if schedule == "boosters":
        return series + pk.weekly_boosters(BOOSTER_FIRST_DAY, BOOSTER_COUNT,
                                           TRIAL_MG_PER_KG)
    raise ValueError(f"schedule: unknown schedule {schedule!r}; allowed: "
                     + ", ".join(repr(v) for _, v in SCHEDULES))


def ketamine_course(schedule: str) -> tuple[np.ndarray, np.ndarray, tuple[float, ...]]:
    """Time (h), plasma ketamine (uM) over six weeks, and the infusion start days.

    Only the plasma stage is run (``pk`` on ``simulate``'s own time grid, so the numbers are
    those of ``simulate``): the figure draws nothing downstream of it, and the closed-form
    plasma takes 2-5 ms, so it is not cached (``regimens`` holds the only cache of runs).
    """
    doses = schedule_doses(schedule)
    t_h = time_grid(doses, SCHEDULE_T_END_H)
    conc = pk.ketamine_plasma_uM(doses, t_h, model_parameters().pk_ketamine)
    return t_h, conc, tuple(d.start_h / 24 for d in doses)


def hours_above(t_h: np.ndarray, conc: np.ndarray, threshold_uM: float) -> float:
    """Hours during which the concentration exceeds ``threshold_uM`` (to the grid step)."""
    return float(np.sum(np.diff(t_h)[conc[:-1] > threshold_uM]))


def citalopram_course() -> tuple[np.ndarray, np.ndarray, np.ndarray, float, int]:
    """Citalopram 20 mg once daily for six weeks: time (h), plasma (uM), daily means (uM),
    the steady-state daily mean (uM, the last day's) and the first day (1-based) whose mean
    reaches 90 % of it."""
    n_days = int(SCHEDULE_T_END_H // 24)
    doses = pk.daily_citalopram(CITALOPRAM_MG, n_days)
    t_h = time_grid(doses, SCHEDULE_T_END_H)   # plasma only, as in ``ketamine_course``
    conc = pk.citalopram_plasma_uM(doses, t_h, model_parameters().pk_citalopram)
    day_of = (t_h // 24).astype(int)   # day 0 = [0, 24) h; the end point t = 1008 h is left out
    daily = np.array([conc[day_of == d].mean() for d in range(n_days)])
    steady = float(daily[-1])
    day_90 = int(np.argmax(daily >= 0.9 * steady)) + 1
    return t_h, conc, daily, steady, day_90


def _ketamine_schedule_axes(ax) -> None:
    ax.axhline(_ic50_uM(), **role_style("reference"))
    ax.text(SCHEDULE_T_END_H / 24, 0.97 * _ic50_uM(), f"NMDA IC50 ({_ic50_uM():g} µM)",
            ha="right", va="top", fontsize=12)
    finish_axes(ax, ylim=(0, 1.2), ylabel="ketamine\n(µM)")


def _citalopram_axes(ax) -> dict:
    t_h, conc, _, steady, day_90 = citalopram_course()
    (line,) = ax.plot(t_h / 24, conc, **role_style("ssri", linewidth=1.8))
    ss = ax.axhline(steady, color=PALETTE["black"], ls=":", lw=1.5)
    mark = ax.axvline(day_90, color=PALETTE["black"], ls="-.", lw=1.5)
    label = ax.text(day_90 + 0.6, 0.03,
                    f"90 % of steady state\nby day {day_90}", fontsize=12, va="bottom")
    ss_label = ax.text(SCHEDULE_T_END_H / 24, 0.2,
                       f"dotted line: steady-state daily mean, {steady:.2f} µM", ha="right",
                       va="bottom", fontsize=12)
    finish_axes(ax, ylim=(0, 0.25), ylabel="citalopram\n(µM)")
    return {"cit_line": line, "cit_ss": ss, "cit_mark": mark, "cit_label": label,
            "cit_ss_label": ss_label}


def _day_axis(ax) -> None:
    ax.set_xlim(-1, SCHEDULE_T_END_H / 24)  # room for the whole day-0 marker
    ax.set_xticks(range(0, 43, 7))
    ax.set_xlabel("time since first dose (days)")


def _schedule_title(schedule: str) -> str:
    t_h, conc, days = ketamine_course(schedule)[:3]
    hours = hours_above(t_h, conc, PRESENCE_THRESHOLD_UM)
    n = len(days)
    return (f"{n} infusion{'s' if n > 1 else ''}: above {PRESENCE_THRESHOLD_UM} µM for "
            f"{hours:.{0 if hours >= 10 else 1}f} h of {SCHEDULE_T_END_H:.0f} h "
            f"({100 * hours / SCHEDULE_T_END_H:.1f} %)")


def build_schedule():
    fig, (ax_k, ax_c) = new_figure(12.0, 7.0, nrows=2, sharex=True,
                                   gridspec_kw={"height_ratios": [1.3, 1]})
    _ketamine_schedule_axes(ax_k)
    (line,) = ax_k.plot([], [], **role_style("ketamine", linewidth=1.8))
    (marks,) = ax_k.plot([], [], **marker_style("ketamine", marker="v", ms=9))
    title = ax_k.set_title("", loc="left", fontsize=14)
    artists = {"line": line, "marks": marks, "title": title, "ax_c": ax_c}
    artists.update(_citalopram_axes(ax_c))
    hidden = ax_c.text(0.5, 0.5, "daily citalopram not shown\n(choose 'yes' to compare)",
                       transform=ax_c.transAxes, ha="center", va="center", fontsize=13,
                       color=PALETTE["black"])
    artists["cit_hidden"] = hidden
    ax_c.set_title("citalopram 20 mg once daily (oral)", loc="left", fontsize=14)
    _day_axis(ax_c)
    return fig, artists


def update_schedule(artists, schedule: str, citalopram: str) -> None:
    t_h, conc, days = ketamine_course(schedule)
    artists["line"].set_data(t_h / 24, conc)
    artists["marks"].set_data(days, np.full(len(days), 1.1))
    artists["title"].set_text("ketamine 0.5 mg/kg IV over 40 min (▼ = infusion). "
                              + _schedule_title(schedule))
    show = citalopram == "yes"
    for key in ("cit_line", "cit_ss", "cit_mark", "cit_label", "cit_ss_label"):
        artists[key].set_visible(show)
    artists["cit_hidden"].set_visible(not show)


def sweep_schedule():
    fig, axes = new_figure(12.0, 11.0, nrows=4, sharex=True)
    for ax, (name, schedule) in zip(axes, SCHEDULES):
        _ketamine_schedule_axes(ax)
        t_h, conc, days = ketamine_course(schedule)
        ax.plot(t_h / 24, conc, **role_style("ketamine", linewidth=1.8))
        ax.plot(days, np.full(len(days), 1.1), **marker_style("ketamine", marker="v", ms=9))
        ax.set_title(f"Ketamine, {name}. " + _schedule_title(schedule), loc="left",
                     fontsize=13)
    _citalopram_axes(axes[-1])
    axes[-1].set_title(f"Citalopram {CITALOPRAM_MG:.0f} mg once daily (oral): "
                       "builds up over about a week, then stays", loc="left", fontsize=13)
    _day_axis(axes[-1])
    return fig


def _schedule_alt_text() -> str:
    """Alt text of the schedule sweep, from the same courses it draws."""
    spike = max(float(ketamine_course(schedule)[1].max()) for _, schedule in SCHEDULES)
    _, _, _, steady, day_90 = citalopram_course()
    return ("Four stacked panels over six weeks: simulated plasma ketamine for a "
            f"single {TRIAL_MG_PER_KG:g} mg/kg infusion, a six-infusion series over two weeks and "
            f"the series plus {BOOSTER_COUNT} weekly boosters, each a row of brief {spike:.2f} µM "
            f"spikes that fall back to near zero within hours, and citalopram "
            f"{CITALOPRAM_MG:.0f} mg daily rising over about a week to a steady level that "
            f"oscillates around a daily mean of {steady:.2f} µM, reaching 90 % of it by day "
            f"{day_90}.")


SCHEDULE = Demo(
    name="schedule",
    title="Ketamine schedules over six weeks, and a daily SSRI for contrast",
    controls=(
        Choice("schedule", "ketamine schedule", tuple(SCHEDULES), "single"),
        Choice("citalopram", "show daily citalopram 20 mg", (("yes", "yes"), ("no", "no")),
               "yes"),
    ),
    build=build_schedule,
    update=update_schedule,
    sweep=sweep_schedule,
    sweep_file="01_schedules.png",
    sweep_alt_text=_schedule_alt_text,
    prompt=("Over six weeks of the six-infusion series, for what share of the time do you "
            f"think ketamine is above {PRESENCE_THRESHOLD_UM:g} µM? How many days will "
            "citalopram take to level off?"),
)


# --- the puzzle (a static figure) ------------------------------------------------------------

PUZZLE_FILE = "01_puzzle.png"


def puzzle_alt_text() -> str:
    """Alt text of the puzzle figure, from the same run it draws (``route_curve`` over four
    weeks); the benefit's time course is the published one (Kishimoto et al. 2016)."""
    t_h, conc = route_curve("iv", t_max_h=28 * 24.0)
    s = route_summary(t_h, conc)
    return (f"Simulated plasma ketamine after {TRIAL_MG_PER_KG:g} mg/kg IV over "
            f"{TRIAL_INFUSION_MIN:.0f} min on a log time axis from 1 minute to 4 weeks, peaking "
            f"at {s['peak_uM']:.2f} µM at {60 * s['t_peak_h']:.0f} minutes and falling to about "
            f"{s['at_24h_pct']:.1f} % of the peak by 24 hours, drawn under a shaded band marking "
            "when trials found a benefit over placebo: from 40 minutes, largest at day 1, gone "
            "by days 10 to 12.")


def puzzle_figure():
    """Plasma after one trial infusion, against the reported time course of the benefit.

    The shaded spans are not model output: they mark the times reported in a meta-analysis
    of single-infusion trials (Kishimoto et al. 2016, doi:10.1017/S0033291716000064).
    """
    fig, ax = new_figure(12.0, 5.5)
    t_end_h = 28 * 24.0
    t_h, conc = route_curve("iv", t_max_h=t_end_h)
    shown = t_h >= 1 / 60
    peak = float(conc.max())
    at_24 = float(np.interp(24.0, t_h, conc))
    ax.axvspan(40 / 60, 10 * 24, **shading("trial_benefit"),
               label="trials: benefit over placebo")
    ax.axvspan(10 * 24, 12 * 24, **shading("trial_benefit_lost"),
               label="trials: benefit lost (days 10–12)")
    ax.plot(t_h[shown], conc[shown], **role_style("ketamine"), label="plasma ketamine (model)")
    ax.axvline(24, **role_style("reference"), label="day 1: largest benefit")
    ax.text(40 / 60 * 1.15, 1.08 * peak, "benefit from 40 min", fontsize=12, va="top")
    ax.annotate(f"at 24 h: {at_24 * 1000:.1f} nM\n= {100 * at_24 / peak:.1f} % of the peak",
                xy=(24, at_24), xytext=(2.2, 0.35 * peak), fontsize=12,
                arrowprops={"arrowstyle": "->", "lw": 1.2})
    log_time_axis(ax, 1 / 60, t_end_h, label="time since the infusion started")
    finish_axes(ax, ylim=(0, 1.15 * peak), ylabel="plasma ketamine (µM)",
                title="Gone from the blood in hours; the benefit lasts days", title_size=None)
    ax.legend(loc="upper left", fontsize=12)
    return fig


DEMOS = (PLASMA_ROUTE, SCHEDULE)
