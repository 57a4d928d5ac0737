"""Demos for notebook 07, "The whole chain: fast vs slow": every stage, the puzzle, regimens.

Everything here calls ``ketamine_moa.chain.simulate`` on the research designs of the cited
studies and only reads, normalises and draws its outputs; nothing here adds model logic.
The regimens are the study designs, used as references, not as advice:

* one infusion, 0.5 mg/kg IV over 40 min (Zarate et al. 2006; Kishimoto et al. 2016,
  doi:10.1017/S0033291716000064);
* six infusions over two weeks (days 0, 2, 4, 7, 9, 11), then weekly maintenance infusions
  (Phillips et al. 2019, doi:10.1176/appi.ajp.2018.18070834);
* daily citalopram 20 mg (Meyer et al. 2001, doi:10.1176/appi.ajp.158.11.1843; STAR*D, Trivedi
  et al. 2006, doi:10.1176/appi.ajp.163.1.28);
* both together (the model shares one synaptic state, so the two drugs roughly add up).

``regimen_run`` caches each run (each takes ~0.05-0.15 s), so a demo update only redraws.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from ..plotting import PALETTE, log_time_axis, marker_style, new_figure, role_style
from ..widgets import Choice, Demo
from .. import regimens as named
from ..readouts import (change_from_start, format_duration, half_peak_time_h, improvement, peak,
                        window_mean)
from . import after_start, finish_axes

DAY_H = 24.0
WEEK_H = 7 * DAY_H
WEEKS = 12
T_END_H = WEEKS * WEEK_H          # 12 weeks, the length of every run here
T_MIN_H = 1 / 60                  # left edge of the log-time axes (1 min)

#: Regimen key -> (label, vocabulary role). Styles differ as well as colours.
REGIMEN_ROLES = {
    "single": ("one infusion", "ketamine"),
    "series": ("6-infusion series", "whatif_1"),
    "series+boosters": ("series + weekly boosters", "whatif_2"),
    "ssri": ("daily citalopram 20 mg", "ssri"),
    "ssri+series": ("citalopram + series", "whatif_4"),
}
#: Regimen key -> (label, colour, line style), from the roles.
REGIMENS = {key: (label, role_style(role)["color"], role_style(role)["linestyle"])
            for key, (label, role) in REGIMEN_ROLES.items()}


def regimen_doses(regimen: str) -> list:
    """The doses of a named regimen over 12 weeks (the designs of the cited studies)."""
    if regimen not in REGIMENS:
        raise ValueError(f"regimen: unknown regimen {regimen!r}; known: " + ", ".join(REGIMENS))
    return named.doses(regimen, T_END_H)


def regimen_run(regimen: str, ssri_hypothesis: str = "autoreceptor",
                spine_formation_block: float = 0.0):
    """``simulate`` for a named regimen over 12 weeks (``regimens.run``: memoised, read-only)."""
    regimen_doses(regimen)  # only this notebook's five regimens
    interventions = ({"spine_formation_block": spine_formation_block}
                     if spine_formation_block else None)
    return named.run(regimen, T_END_H, interventions, ssri_hypothesis=ssri_hypothesis)


def fast_and_slow_parts(regimen: str = "single") -> tuple[np.ndarray, np.ndarray]:
    """Improvement (points) carried by potentiation and by new spines, on the regimen's grid.

    The fast part is the improvement when no new spines can form (``spine_formation_block``
    = 1, which leaves potentiation unchanged); the slow part is what the spines add.
    """
    intact = improvement(regimen_run(regimen))
    fast = improvement(regimen_run(regimen, spine_formation_block=1.0))
    return fast, intact - fast


# --- 1. every stage on one log-time axis (a static figure) ------------------------------------

#: (stage label, ketamine output, citalopram output); None where the drug has no such stage.
STAGES = (
    ("drug in plasma", "ketamine_plasma_uM", "ssri_plasma_uM"),
    ("target blocked:\nNMDA (interneurons) | SERT", "nmda_block_interneuron", "sert_occupancy"),
    ("5-HT1A autoreceptors\ndesensitised", None, "autoreceptor_desensitisation"),
    ("transmitter: glutamate |\nserotonin at terminals", "glutamate_rel", "serotonin_rel"),
    ("BDNF (release | expression)\n→ TrkB activation", "trkb_activation_rel",
     "trkb_activation_rel"),
    ("mTORC1 activity", "mtorc1_activity_rel", "mtorc1_activity_rel"),
    ("synaptic proteins", "synaptic_protein_rel", "synaptic_protein_rel"),
    ("potentiation", "potentiation", "potentiation"),
    ("spine density", "spine_density_rel", "spine_density_rel"),
    ("improvement in score", "improvement", "improvement"),
    ("new hippocampal neurons\n(not in the score)", None, "new_neurons_rel"),
)
#: Regimen, legend label, vocabulary role, half-peak marker and its size: ketamine's circle is
#: drawn over citalopram's larger square, so both show where two half times coincide.
DRUGS = (
    ("single", "ketamine: one infusion (0.5 mg/kg IV over 40 min)", "ketamine", "o", 9),
    ("ssri", "citalopram: 20 mg daily (daily means after day 1)", "ssri", "s", 12),
)
EVERY_STAGE_FILE = "07_every_stage.png"


@cache
def every_stage_alt_text() -> str:
    """The every-stage figure's alt text, with the half-peak times of the runs it draws."""
    return (
        "Eleven stages on one log-time axis from 1 minute to 12 weeks, each scaled to its "
        "largest change, for one ketamine infusion (solid) and daily citalopram (dashed), with "
        "a marker at half the peak: every ketamine stage reaches half within the first day, "
        "most within an hour, while the citalopram stages climb one after another over days to "
        "weeks and its improvement reaches half after about "
        f"{half_peak_time_h(regimen_run('ssri'), 'improvement') / DAY_H:.0f} days.")


def stage_half_times() -> list[tuple[str, float | None, float | None]]:
    """(stage label, ketamine half-peak time (h) or None, citalopram half-peak time or None)."""
    rows = []
    for label, *keys in STAGES:
        rows.append((" ".join(label.split()),
                     *(None if key is None else half_peak_time_h(regimen_run(regimen), key)
                       for key, (regimen, *_) in zip(keys, DRUGS))))
    return rows


def _daily_means_after_day_1(t_h: np.ndarray, values: np.ndarray):
    """``values`` as drawn for a daily drug: as simulated over the first day (t > 0), then one
    mean per day at each day's midpoint, so a once-a-day tablet's swing is not drawn as a band."""
    first = (t_h > 0) & (t_h < DAY_H)
    later = t_h >= DAY_H
    day = (t_h[later] // DAY_H).astype(int)
    counts = np.bincount(day)
    means = np.bincount(day, weights=values[later])[counts > 0] / counts[counts > 0]
    mids = (np.nonzero(counts)[0] + 0.5) * DAY_H
    return np.concatenate([t_h[first], mids]), np.concatenate([values[first], means])


#: Height of each stage's band on the stacked axis (1 = the distance between baselines).
BAND_HEIGHT = 0.8


def every_stage_figure():
    """Each stage of both branches, scaled to its own peak change, stacked on one log axis.

    Stage ``i`` is drawn on its own baseline; its curve rises by ``BAND_HEIGHT`` at the
    stage's largest change, so shapes and timing compare while sizes do not.
    """
    fig, ax = new_figure(13.0, 9.0)  # 990 px tall at 110 dpi: fits a 1080p screen
    n = len(STAGES)
    for i, (label, *keys) in enumerate(STAGES):
        base = n - 1 - i
        ax.axhline(base, color="0.6", lw=0.9)
        for key, (regimen, name, role, marker, size) in zip(keys, DRUGS):
            if key is None:
                continue
            run = regimen_run(regimen)
            change = change_from_start(run, key)
            t_h, shown = (_daily_means_after_day_1(run.t_h, change) if regimen == "ssri"
                          else after_start(run, change))
            scaled = base + BAND_HEIGHT * shown / np.abs(change).max()
            ax.plot(t_h, scaled, **role_style(role, linewidth=2.3),
                    label=name if i == 0 else None)
            half_label = f"{name.split(':')[0]}: time to half of its peak change"
            ax.plot([half_peak_time_h(run, key)], [base + BAND_HEIGHT / 2],
                    **marker_style(role, marker=marker), ms=size, mec="black", mew=1.0,
                    zorder=4 if role == "ketamine" else 3, label=half_label if i == 0 else None)
    ax.set_yticks([n - 1 - i + BAND_HEIGHT / 2 for i in range(n)],
                  [label for label, *_ in STAGES], fontsize=11)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.set_ylim(-0.35, n)
    ax.set_ylabel("each stage scaled to its own peak change\n"
                  "(grey line = before the first dose; band top = the stage's peak)", fontsize=11)
    log_time_axis(ax, T_MIN_H, T_END_H, label="time since the first dose")
    fig.legend(loc="outside lower center", ncol=2, fontsize=12, frameon=False)
    ax.set_title("Every stage for ketamine and citalopram, from minutes to 12 weeks", fontsize=15)
    return fig


# --- 2. the puzzle solved ---------------------------------------------------------------------

PUZZLE_T_END_H = 28 * DAY_H
PUZZLE_TIMES = (("1 hour", 1.0), ("6 hours", 6.0), ("1 day", 24.0), ("3 days", 72.0),
                ("1 week", 168.0), ("2 weeks", 336.0))
PUZZLE_TIME_LABELS = {hours: label for label, hours in PUZZLE_TIMES}
PUZZLE_MARKED = (("6 h", 6.0), ("1 day", 24.0), ("7 days", 168.0))
# Each share is filled in the colour of the quantity that carries it (vocabulary roles).
FAST_STYLE = dict(facecolor=role_style("potentiation")["color"], edgecolor=PALETTE["black"],
                  hatch="\\\\", alpha=0.45, gid="potentiation")
SLOW_STYLE = dict(facecolor=role_style("spines")["color"], edgecolor=PALETTE["black"],
                  hatch="..", alpha=0.45, gid="spines")


def puzzle_numbers(t_h: float) -> dict[str, float]:
    """Plasma, potentiation, spines and improvement (and its split) ``t_h`` after one infusion."""
    run = regimen_run("single")
    fast, slow = fast_and_slow_parts("single")
    total = float(np.interp(t_h, run.t_h, improvement(run)))
    fast_at = float(np.interp(t_h, run.t_h, fast))
    plasma_peak = run["ketamine_plasma_uM"].max()
    return {
        "plasma_pct_of_peak": 100 * run.at("ketamine_plasma_uM", t_h) / plasma_peak,
        "potentiation_pct_of_peak": 100 * run.at("potentiation", t_h) / run["potentiation"].max(),
        "spine_gain_pct": 100 * (run.at("spine_density_rel", t_h) - 1),
        "improvement": total,
        "from_potentiation": fast_at,
        "from_spines": float(np.interp(t_h, run.t_h, slow)),
        "share_from_spines": (total - fast_at) / total if total > 0 else float("nan"),
    }


PUZZLE_PANELS = (  # key, y label, vocabulary role
    ("plasma", "plasma ketamine\n(% of peak)", "ketamine"),
    ("potentiation", "potentiation\n(% of peak)", "potentiation"),
    ("spines", "spine density\n(% above stressed\nbaseline)", "spines"),
)


def _puzzle_curves():
    run = regimen_run("single")
    shown = (run.t_h > 0) & (run.t_h <= PUZZLE_T_END_H)
    curves = {"plasma": 100 * run["ketamine_plasma_uM"] / run["ketamine_plasma_uM"].max(),
              "potentiation": 100 * run["potentiation"] / run["potentiation"].max(),
              "spines": 100 * (run["spine_density_rel"] - 1)}
    fast, slow = fast_and_slow_parts("single")
    return run.t_h[shown], {k: v[shown] for k, v in curves.items()}, fast[shown], slow[shown]


def _puzzle_axes(height_in: float):
    fig, axes = new_figure(12.5, height_in, nrows=4, sharex=True, height_ratios=(1, 1, 1, 1.6))
    t, curves, fast, slow = _puzzle_curves()
    for ax, (key, ylabel, role) in zip(axes, PUZZLE_PANELS):
        ax.plot(t, curves[key], **role_style(role, linewidth=2.8))
        top = 1.15 * curves[key].max()
        finish_axes(ax, ylim=(-0.04 * top, top), ylabel=ylabel)
    ax = axes[-1]
    ax.fill_between(t, 0, fast, label="carried by potentiation (fast)", **FAST_STYLE)
    ax.fill_between(t, fast, fast + slow, label="carried by new spines (slow)", **SLOW_STYLE)
    ax.plot(t, fast + slow, **role_style("improvement", linewidth=2.5), label="total improvement")
    finish_axes(ax, ylim=(0, 1.45 * float((fast + slow).max())),
                ylabel="improvement in score\n(points)", legend="upper left", legend_size=12)
    log_time_axis(ax, T_MIN_H, PUZZLE_T_END_H, label="time since the infusion started")
    return fig, axes


def _puzzle_build():
    fig, axes = _puzzle_axes(10.5)
    lines = [ax.axvline(24.0, color=PALETTE["black"], ls=":", lw=1.8) for ax in axes]
    dots = [ax.plot([], [], ls="", marker="o", ms=9, color=PALETTE["black"])[0] for ax in axes]
    title = fig.suptitle(" ", fontsize=14)
    return fig, dict(lines=lines, dots=dots, title=title)


def _puzzle_update(artists, time_h: float) -> None:
    t_h = float(time_h)
    n = puzzle_numbers(t_h)
    values = (n["plasma_pct_of_peak"], n["potentiation_pct_of_peak"], n["spine_gain_pct"],
              n["improvement"])
    for line, dot, y in zip(artists["lines"], artists["dots"], values):
        line.set_xdata([t_h, t_h])
        dot.set_data([t_h], [y])
    when = PUZZLE_TIME_LABELS.get(t_h, format_duration(t_h))
    artists["title"].set_text(
        f"At {when}: plasma {n['plasma_pct_of_peak']:.2g}% of its peak, "
        f"potentiation {n['potentiation_pct_of_peak']:.0f}% of its peak, spines "
        f"+{n['spine_gain_pct']:.1f}%\nimprovement {n['improvement']:.1f} points: "
        f"{n['from_potentiation']:.1f} from potentiation, {n['from_spines']:.1f} from new spines")


def _puzzle_sweep():
    fig, axes = _puzzle_axes(11.0)
    for label, t_h in PUZZLE_MARKED:
        n = puzzle_numbers(t_h)
        for ax in axes:
            ax.axvline(t_h, color=PALETTE["black"], ls=":", lw=1.6)
        left = n["plasma_pct_of_peak"]
        axes[0].text(t_h * 1.12, 104, f"{label}:\n{left:.2g}% left" if left >= 0.01
                     else f"{label}:\n<0.01% left", fontsize=12, va="top")
        axes[-1].text(t_h * 1.12, axes[-1].get_ylim()[1] * 0.97,
                      f"{label}:\nfast {100 * (1 - n['share_from_spines']):.0f}%\n"
                      f"spines {100 * n['share_from_spines']:.0f}%", fontsize=12, va="top")
    fig.suptitle("One infusion: the drug is a brief trigger; potentiation, then new spines, "
                 "carry the effect", fontsize=15)
    return fig


def _puzzle_alt_text() -> str:
    """The sweep's alt text, with the peak times of the run it draws."""
    run = regimen_run("single")
    at_peak = {key: format_duration(run.t_h[int(np.argmax(run[key]))])
               for key in ("ketamine_plasma_uM", "potentiation", "spine_density_rel")}
    spines_day = run.t_h[int(np.argmax(run["spine_density_rel"]))] / DAY_H
    return ("Four stacked panels for one ketamine infusion on a log-time axis from 1 minute to 4 "
            f"weeks: plasma ketamine peaks at {at_peak['ketamine_plasma_uM']} and is almost gone "
            f"by 1 day; potentiation peaks at {at_peak['potentiation']} and fades over 2-3 days; "
            f"spine density peaks near day {spines_day:.1f} and fades over weeks; the "
            "improvement is carried mostly by potentiation at 6 hours and by new spines at 1 "
            "and 7 days.")


puzzle_solved = Demo(
    name="puzzle_solved",
    title="The puzzle solved: which state carries the effect?",
    controls=(Choice("time_h", "time after the infusion started", PUZZLE_TIMES, 24.0),),
    build=_puzzle_build,
    update=_puzzle_update,
    sweep=_puzzle_sweep,
    sweep_file="07_puzzle_solved.png",
    sweep_alt_text=_puzzle_alt_text,
    prompt=("which state carries most of the improvement at 6 h, at 1 day and at 7 days: the "
            "drug in the blood, the potentiation of existing synapses, or new spines?"),
)


# --- 3. five regimens over 12 weeks -----------------------------------------------------------

REGIMEN_OPTIONS = tuple((label, key) for key, (label, _, _) in REGIMENS.items())


def dose_days(regimen: str) -> tuple[np.ndarray, np.ndarray]:
    """Start days of the regimen's ketamine infusions and of its citalopram tablets."""
    doses = regimen_doses(regimen)
    days = {drug: np.array([d.start_h / DAY_H for d in doses if d.drug == drug])
            for drug in ("ketamine", "citalopram")}
    return days["ketamine"], days["citalopram"]


def _improvement_in_days(regimen: str):
    run = regimen_run(regimen)
    return run.t_h / DAY_H, improvement(run)


def _format_doses_axis(doses_ax) -> None:
    """One row per regimen, days on x (a week per tick)."""
    doses_ax.set_ylim(len(REGIMENS) - 0.5, -0.5)
    doses_ax.set_yticks(range(len(REGIMENS)), [label for label, _, _ in REGIMENS.values()],
                        fontsize=11)
    doses_ax.set_xlim(-1, WEEKS * 7 + 1)
    doses_ax.set_xticks(range(0, WEEKS * 7 + 1, 7))
    doses_ax.set_xlabel("time since the first dose (days; ticks every week)")
    doses_ax.set_title("doses: ▼ ketamine infusion, | citalopram tablet", fontsize=12, loc="left")
    doses_ax.grid(axis="y", visible=False)


def _regimen_axes(height_in: float):
    fig, (ax, doses_ax) = new_figure(12.5, height_in, nrows=2, sharex=True, height_ratios=(3, 1.5))
    finish_axes(ax, ylim=(0, 24), ylabel="improvement in score\n(points, baseline minus score)")
    _format_doses_axis(doses_ax)
    return fig, ax, doses_ax


def _dose_markers(doses_ax, row: int, regimen: str, colour: str):
    ketamine, citalopram = dose_days(regimen)
    tablets, = doses_ax.plot(citalopram, np.full(citalopram.size, row + 0.18), ls="", marker="|",
                             ms=9, mew=1.5, color=colour)
    infusions, = doses_ax.plot(ketamine, np.full(ketamine.size, row - 0.1), ls="", marker="v",
                               ms=9, color=colour, mec="black", mew=0.6)
    return tablets, infusions


def regimen_summary(regimen: str) -> dict[str, float]:
    """Peak improvement (points) and its day, time to half of it (h), mean over week 12."""
    run = regimen_run(regimen)
    gain, at_h = peak(run, "improvement")
    return {"peak": gain, "peak_day": at_h / DAY_H, "half_h": half_peak_time_h(run, "improvement"),
            "week12_mean": window_mean(run, "improvement", (WEEKS - 1) * WEEK_H, T_END_H)}


def _regimens_build():
    fig, ax, doses_ax = _regimen_axes(8.2)
    for i, regimen in enumerate(REGIMENS):
        days, gain = _improvement_in_days(regimen)
        ax.plot(days, gain, **role_style("context"),
                label="other regimens" if i == 0 else None)
    line, = ax.plot([], [], **role_style(REGIMEN_ROLES["single"][1], linewidth=3.2), label=" ")
    markers = {regimen: _dose_markers(doses_ax, row, regimen, "0.7")
               for row, regimen in enumerate(REGIMENS)}
    title = ax.set_title(" ", fontsize=13)
    return fig, dict(ax=ax, line=line, markers=markers, title=title)


def _regimens_update(artists, regimen: str) -> None:
    label, role = REGIMEN_ROLES[regimen]
    style = role_style(role, linewidth=3.2)
    colour = style["color"]
    days, gain = _improvement_in_days(regimen)
    line = artists["line"]
    line.set_data(days, gain)
    line.set(**style)
    line.set_label(label)
    artists["ax"].legend(loc="upper right", fontsize=12, framealpha=0.95)
    for key, markers in artists["markers"].items():
        for marker in markers:
            marker.set_color(colour if key == regimen else "0.7")
            marker.set_markeredgecolor("black" if key == regimen and marker.get_marker() == "v"
                                       else marker.get_color())
    s = regimen_summary(regimen)
    artists["title"].set_text(
        f"{label}: peak {s['peak']:.1f} points on day {s['peak_day']:.0f}, half of it by "
        f"{format_duration(s['half_h'])}; mean in week 12: "
        f"{round(s['week12_mean'], 1) + 0.0:.1f} points")


SWEEP_GROUPS = (("ketamine only", ("single", "series", "series+boosters")),
                ("citalopram, alone and with the series", ("ssri", "ssri+series")))


def _regimens_sweep():
    fig, axes = new_figure(12.5, 11.5, nrows=3, sharex=True, height_ratios=(2.2, 2.2, 1.6))
    doses_ax = axes[-1]
    for ax, (title, regimens) in zip(axes, SWEEP_GROUPS):
        if "ssri" in regimens:
            days, gain = _improvement_in_days("series")
            ax.plot(days, gain, **role_style(REGIMEN_ROLES["series"][1], linewidth=1.5),
                    label="6-infusion series (for comparison)")
        for regimen in regimens:
            label, role = REGIMEN_ROLES[regimen]
            ax.plot(*_improvement_in_days(regimen), **role_style(role, linewidth=2.8),
                    label=label)
        finish_axes(ax, ylim=(0, 24), ylabel="improvement\n(points)")
        ax.set_title(title, fontsize=13, loc="left")
        ax.legend(loc="upper right", fontsize=12, framealpha=0.95, handlelength=3.2)
    for row, (regimen, (_, role)) in enumerate(REGIMEN_ROLES.items()):
        _dose_markers(doses_ax, row, regimen, role_style(role)["color"])
    _format_doses_axis(doses_ax)
    fig.suptitle("Five study regimens over 12 weeks (toy model; improvement = baseline score "
                 "minus score)", fontsize=14)
    return fig


def _regimens_alt_text() -> str:
    """The sweep's alt text, with the peaks and plateaus of the runs it draws."""
    single, series = regimen_summary("single"), regimen_summary("series")
    boosters = regimen_summary("series+boosters")["week12_mean"]
    ssri_week_8 = window_mean(regimen_run("ssri"), "improvement", 7 * WEEK_H, 8 * WEEK_H)
    return ("Improvement in score over 12 weeks, dose times below. Ketamine only: one "
            f"infusion peaks at about {single['peak']:.0f} points on day "
            f"{single['peak_day']:.0f} and fades; six infusions reach about "
            f"{series['peak']:.0f} points by day {series['peak_day']:.0f} and fade within weeks; "
            f"weekly boosters hold a saw-tooth around {boosters:.0f} points. Daily citalopram "
            f"climbs to about {ssri_week_8:.0f} points by week 8; citalopram plus the series "
            "starts as fast as the series and ends on the citalopram plateau.")


five_regimens = Demo(
    name="five_regimens",
    title="Five regimens over 12 weeks: fast onset, slow onset, holding the effect",
    controls=(Choice("regimen", "regimen (research designs)", REGIMEN_OPTIONS, "single"),),
    build=_regimens_build,
    update=_regimens_update,
    sweep=_regimens_sweep,
    sweep_file="07_five_regimens.png",
    sweep_alt_text=_regimens_alt_text,
    prompt=("rank the five regimens by how fast the improvement starts, and by how much is "
            "left at week 12. Where will citalopram plus the series end up?"),
)


DEMOS = (puzzle_solved, five_regimens)
