"""Demos for notebook 08, "From mechanism to patients": virtual cohorts and trial arms.

The arms are those of ``ketamine_moa.trials`` (the designs of the cited studies, used as
references, not as advice); this module only draws them. The static figures use the tests'
cohorts (``trials.trial_arm``: 1000 patients, seed 1), so their numbers are the tested ones.
The live demos draw at most ``N_DEMO_MAX`` patients (the same 1000, so at their stored
defaults, seed 1 and 1000 patients, they print the figures' numbers); a panel keeps the
pictures of the settings it has shown, so moving back to one shows it at once.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection, PolyCollection

from .. import regimens
from ..cohort import GRID_STEP_H, REMISSION_POINTS, RESPONSE_FRACTION, Cohort, cohort_times_h
from ..plotting import PALETTE, SERIES, log_time_axis, new_figure
from ..trials import (BLINDING_CONTROLS, CONTROL_LABELS, DAY_H, FOLLOW_UP_WEEKS,
                      NEAR_MEAN_POINTS, N_PATIENTS, PILL_PLACEBO_LABEL, PUBLISHED, PUBLISHED_24H,
                      REGIMEN_LABELS, SEED, STARD_LATE_REMITTER_SHARE, WEEK_H, Published,
                      average_vs_individuals, blinding_numbers, column, describe_time,
                      first_times, percent_of_baseline, rate_at, regimen_doses,
                      response_time_summary, trial_arm)
from ..widgets import Choice, Demo, Slider
from . import finish_axes

N_DEMO_MAX = N_PATIENTS       # live demos: at most this many patients per arm (as the figures)
N_SHOWN = 30                  # individual courses drawn in the spaghetti plots
T_MIN_H = 0.5                 # left edge of the log-time axes (the cohort's first grid step)
DEMO_WEEKS = 8                # live demos follow every arm for 8 weeks
#: Regimen key -> (label, colour, line style, marker). Styles differ as well as colours.
#: Colours and line styles are those of the vocabulary roles (plotting.SERIES): ketamine,
#: the series as a what-if, the SSRI, inert placebos as the control, midazolam as the active
#: placebo.
REGIMENS = {
    "single": (REGIMEN_LABELS["single"], SERIES["ketamine"]["color"],
               SERIES["ketamine"]["linestyle"], None),
    "series": (REGIMEN_LABELS["series"], SERIES["whatif_1"]["color"],
               SERIES["whatif_1"]["linestyle"], None),
    "ssri": (REGIMEN_LABELS["ssri"], SERIES["ssri"]["color"], SERIES["ssri"]["linestyle"],
             "o"),
}
#: Control key -> (label, colour, line style, marker, hatch). Saline has markers, so it shows
#: where it runs along the placebo tablet near zero.
CONTROLS = {
    "saline": (CONTROL_LABELS["saline"], SERIES["control"]["color"],
               SERIES["control"]["linestyle"], "^", ".."),
    "midazolam": (CONTROL_LABELS["midazolam"], SERIES["active_placebo"]["color"],
                  SERIES["active_placebo"]["linestyle"], None, "//"),
}
PILL_PLACEBO = (PILL_PLACEBO_LABEL, SERIES["control"]["color"],
                SERIES["control"]["linestyle"], "s")


# --- cohorts ----------------------------------------------------------------------------------

def demo_arms(regimen: str, controls: tuple[str | None, ...], seed: float,
              n_patients: float, weeks: int = DEMO_WEEKS) -> tuple[Cohort, ...]:
    """A live demo's arms (None: the drug, or a control) of the same patients, drawn once:
    up to ``N_DEMO_MAX`` patients over ``weeks`` (8 unless given), any seed, only at the drawn
    times (``drawn_times_h``, where the scores are those of the whole cohort). Memoised in
    ``regimens.cohort_arms``, whose memo is small: the panel keeps the pictures of settings
    shown, and a drag through seeds then reuses the memory of the cohorts it drops."""
    n = int(round(min(float(n_patients), N_DEMO_MAX)))
    return regimens.cohort_arms(regimen_doses(regimen, weeks), controls, n_patients=n,
                                seed=int(round(seed)), t_end_h=weeks * WEEK_H,
                                t_h=drawn_times_h(weeks * WEEK_H))


#: Past the first two days a grid time is drawn when it is a multiple of the largest
#: power-of-two number of grid steps at most this fraction of it (1 h steps from 50 h, 2 h from
#: 100 h, ... 16 h from 800 h): on the log-time axes the points stay 1-2 px apart.
DRAWN_SPACING_FRACTION = 0.02


def _drawn_mask(t: np.ndarray) -> np.ndarray:
    steps = np.round(t / GRID_STEP_H).astype(int)
    spacing = 2 ** np.floor(np.log2(np.maximum(DRAWN_SPACING_FRACTION * steps, 1))).astype(int)
    keep = (t >= T_MIN_H) & ((t <= 2 * DAY_H) | (steps % spacing == 0))
    keep[-1] = True
    return keep


def drawn(cohort: Cohort) -> np.ndarray:
    """Grid indices to draw: every step (0.5 h) for the first two days, then steps that grow
    with the time (``DRAWN_SPACING_FRACTION``), as evenly spaced as the log-time axes show them.

    Drawing fewer points only makes the figures lighter: on those axes the points are a pixel
    or two apart, and the rates are means over the cohort, whose day-to-day rating error mostly
    averages out. A cohort made on ``drawn_times_h`` alone is drawn at all its times.
    """
    return np.nonzero(_drawn_mask(cohort.t_h))[0]


def drawn_times_h(t_end_h: float) -> np.ndarray:
    """The grid times ``drawn`` picks from a cohort followed for ``t_end_h`` hours (the key
    times of the titles and histograms, 24 h and whole days or weeks, are among them)."""
    t = cohort_times_h(t_end_h)
    return t[_drawn_mask(t)]


def rates(cohort: Cohort, measure: str) -> tuple[np.ndarray, np.ndarray]:
    """Times (h, drawn points) and the percent of patients meeting ``measure`` at each.

    The drawn points are grid times, so the scores there are read directly (the cohort's
    rates interpolate between grid times: at a grid time they return the same numbers).
    """
    index = drawn(cohort)
    # a cohort made on the drawn times alone is drawn whole (its scores, not a copy)
    scores = cohort.scores if index.size == cohort.t_h.size else cohort.scores[:, index]
    met = (scores <= RESPONSE_FRACTION * cohort.baselines[:, None] if measure == "response"
           else scores <= REMISSION_POINTS)
    return cohort.t_h[index], 100 * met.mean(axis=0)


# --- 1. individual courses vs the mean ---------------------------------------------------------

COURSE_T_EVAL_H = {"single": DAY_H, "ssri": 8 * WEEK_H}
COURSE_WEEKS_DEMO = {"single": 2, "ssri": 8}
HIST_BINS = np.arange(0.0, 130.0, 5.0)   # percent of own baseline


def _courses_axes(ax, hist_ax) -> dict:
    """Artists for one row: thin individual courses, the mean, the threshold, a histogram."""
    thin = LineCollection([], colors=PALETTE["grey"], linewidths=1.0, alpha=0.85,
                          label=f"{N_SHOWN} individual patients")
    ax.add_collection(thin)
    mean, = ax.plot([], [], lw=4.5, marker="o", markevery=0.08, ms=10, mec="white",
                    label="mean of the whole cohort")
    for a in (ax, hist_ax):
        a.axhline(50.0, color=PALETTE["black"], ls=":", lw=2.2)
    ax.text(0.01, 50.0, "response threshold: 50% of own baseline",
            transform=ax.get_yaxis_transform(), va="bottom", ha="left", fontsize=11)
    when = ax.axvline(DAY_H, color=PALETTE["black"], lw=1.2, ls="--")
    bars = PolyCollection([], edgecolors="white", linewidths=0.5, alpha=0.55)
    hist_ax.add_collection(bars)
    hist_mean = hist_ax.axhline(50.0, lw=4.5)
    hist_label = hist_ax.text(0.97, 50.0, "mean", ha="right", va="bottom", fontsize=12,
                              fontweight="bold", transform=hist_ax.get_yaxis_transform())
    finish_axes(ax, ylim=(0, 125), ylabel="score\n(% of the patient's own baseline)")
    finish_axes(hist_ax, xlim=(0, 16), xlabel="patients\n(% of the cohort per 5% bin)")
    return dict(ax=ax, hist_ax=hist_ax, thin=thin, mean=mean, when=when, bars=bars,
                hist_mean=hist_mean, hist_label=hist_label, title=ax.title)


def _courses_set(artists: dict, cohort: Cohort, regimen: str) -> dict[str, float]:
    """Put ``cohort`` (first ``N_SHOWN`` patients) on a row made by ``_courses_axes``."""
    label, colour, _, _ = REGIMENS[regimen]
    index = drawn(cohort)
    rel = percent_of_baseline(cohort, index)
    artists["thin"].set_segments([np.column_stack([cohort.t_h[index], course])
                                  for course in rel[:N_SHOWN]])
    artists["mean"].set_data(cohort.t_h[index], rel.mean(axis=0))
    artists["mean"].set_color(colour)
    t_eval = COURSE_T_EVAL_H[regimen]
    artists["when"].set_xdata([t_eval, t_eval])
    at = percent_of_baseline(cohort, column(cohort, t_eval))
    counts, _ = np.histogram(np.clip(at, HIST_BINS[0], HIST_BINS[-1] - 1e-9), bins=HIST_BINS)
    widths = 100 * counts / at.size
    artists["bars"].set_verts([[(0, low), (w, low), (w, high), (0, high)]
                               for w, low, high in zip(widths, HIST_BINS[:-1], HIST_BINS[1:])])
    artists["bars"].set_facecolor(colour)
    summary = average_vs_individuals(cohort, t_eval)
    artists["hist_mean"].set_ydata([summary["mean_percent_of_baseline"]] * 2)
    artists["hist_mean"].set_color(colour)
    below = summary["mean_percent_of_baseline"] < 50.0   # keep the label off the threshold line
    artists["hist_label"].set_y(summary["mean_percent_of_baseline"] + (-1.5 if below else 1.5))
    artists["hist_label"].set_va("top" if below else "bottom")
    artists["ax"].legend(loc="lower left", fontsize=11, framealpha=0.95)
    artists["hist_ax"].set_title(f"at {describe_time(t_eval)} (dashed line)", fontsize=13)
    log_time_axis(artists["ax"], T_MIN_H, cohort.t_h[-1], label="time since the first dose")
    artists["ax"].set_title(
        f"{label}, {cohort.scores.shape[0]} patients (seed {cohort.seed}): at "
        f"{describe_time(t_eval)} the mean is {summary['mean_percent_of_baseline']:.0f}% of "
        f"baseline,\n{summary['responders_percent']:.0f}% respond, and only "
        f"{summary['near_mean_percent']:.0f}% lie within {NEAR_MEAN_POINTS:.0f} points of the mean",
        fontsize=13)
    return summary


def _courses_row(fig_height: float, nrows: int = 1):
    fig, axes = new_figure(12.5, fig_height, nrows=nrows, ncols=2, sharey=True,
                           width_ratios=(2.6, 1), squeeze=False)
    return fig, [_courses_axes(ax, hist_ax) for ax, hist_ax in axes]


def _courses_build():
    fig, (row,) = _courses_row(6.2)
    return fig, row


def _courses_update(artists, regimen: str, seed: float) -> None:
    cohort, = demo_arms(regimen, (None,), seed, N_DEMO_MAX, COURSE_WEEKS_DEMO[regimen])
    _courses_set(artists, cohort, regimen)


def _courses_sweep():
    fig, rows = _courses_row(12.0, nrows=2)
    for row, regimen in zip(rows, ("single", "ssri")):
        _courses_set(row, trial_arm(regimen), regimen)
    return fig


def _courses_alt_text() -> str:
    """The static figure's alt text, with the numbers of the cohorts it draws."""
    arms = {regimen: trial_arm(regimen) for regimen in ("single", "ssri")}
    summary = {regimen: average_vs_individuals(cohort, COURSE_T_EVAL_H[regimen])
               for regimen, cohort in arms.items()}
    at = np.concatenate([percent_of_baseline(cohort, column(cohort, COURSE_T_EVAL_H[regimen]))
                         for regimen, cohort in arms.items()])
    mean = {r: f"{s['mean_percent_of_baseline']:.0f}%" for r, s in summary.items()}
    near = {r: f"{s['near_mean_percent']:.0f}%" for r, s in summary.items()}
    return (f"Spaghetti plots of {N_SHOWN} virtual patients' scores (% of own baseline) on a "
            "log-time axis, after one ketamine infusion (top) and on daily citalopram (bottom), "
            "with the cohort mean as a thick line and a histogram beside each row: the "
            f"mean is {mean['single']} and {mean['ssri']} of baseline at "
            f"{describe_time(COURSE_T_EVAL_H['single'])} and "
            f"{describe_time(COURSE_T_EVAL_H['ssri'])}, near the {RESPONSE_FRACTION:.0%} response "
            f"line, but scores spread from {at.min():.0f} to {at.max():.0f}%, and only "
            f"{near['single']} and {near['ssri']} lie within {NEAR_MEAN_POINTS:.0f} points of "
            "the mean.")


individual_courses = Demo(
    name="individual_courses",
    title="Why a trial's average hides individual courses",
    controls=(Choice("regimen", "treatment", (("one ketamine infusion", "single"),
                                               ("daily citalopram 20 mg", "ssri")), "single"),
              Slider("seed", "random seed (whole number)", 0, 50, 1, SEED)),
    build=_courses_build,
    update=_courses_update,
    sweep=_courses_sweep,
    sweep_file="08_individual_courses.png",
    sweep_alt_text=_courses_alt_text,
    prompt=("will the thick mean line look like any one patient's course? At the dashed time, "
            "how many patients will be within 10 points of the mean?"),
)


# --- 2. response and remission over time, arm by arm ------------------------------------------

def _published(regimen: str, control: str | None, measure: str) -> list[Published]:
    return [p for p in PUBLISHED
            if (p.regimen, p.control, p.measure) == (regimen, control, measure)]


def _draw_published(ax, target: Published, label: str | None = None):
    mid = (target.low + target.high) / 2
    container = ax.errorbar([target.t_h], [mid], yerr=[[mid - target.low], [target.high - mid]],
                            fmt="D", ms=10, mfc="white", mec=PALETTE["black"], mew=2,
                            ecolor=PALETTE["black"], elinewidth=2.5, capsize=6, zorder=5,
                            label=label)
    return [container[0], *container[1], *container[2]]


ARM_KEY_TIMES_H = {"single": (DAY_H, 7 * DAY_H), "series": (12 * DAY_H, 8 * WEEK_H),
                   "ssri": (2 * WEEK_H, 8 * WEEK_H)}


def _arms_build():
    fig, axes = new_figure(12.5, 9.0, nrows=2, sharex=True)
    artists = {"axes": axes, "drug": [], "control": [], "targets": []}
    for ax, measure in zip(axes, ("response", "remission")):
        artists["drug"].append(ax.plot([], [], lw=3.2)[0])
        artists["control"].append(ax.plot([], [], lw=3.2)[0])
        for regimen in REGIMENS:
            for control in (None, *CONTROLS):
                for target in _published(regimen, control, measure):
                    if target.t_h <= DEMO_WEEKS * WEEK_H:
                        artists["targets"].append(((regimen, control), _draw_published(ax, target)))
        finish_axes(ax, ylim=(0, 100), ylabel=f"{measure}\n(% of patients)")
    axes[0].text(0.99, 0.97, "response: score at most 50% of own baseline", ha="right", va="top",
                 transform=axes[0].transAxes, fontsize=11)
    axes[1].text(0.99, 0.97, "remission: score at most 10 points", ha="right", va="top",
                 transform=axes[1].transAxes, fontsize=11)
    log_time_axis(axes[1], T_MIN_H, 1.2 * DEMO_WEEKS * WEEK_H, label="time since the first dose")
    artists["title"] = fig.suptitle(" ", fontsize=14)
    return fig, artists


def _arms_update(artists, regimen: str, control: str, seed: float, n_patients: float) -> None:
    drug, placebo = demo_arms(regimen, (None, control), seed, n_patients)
    label, colour, ls, marker = REGIMENS[regimen]
    c_label, c_colour, c_ls, _, _ = CONTROLS[control]
    if regimen == "ssri" and control == "saline":
        c_label = "inert placebo tablet"
    for i, measure in enumerate(("response", "remission")):
        for line, cohort, style in ((artists["drug"][i], drug, (colour, ls, marker)),
                                    (artists["control"][i], placebo, (c_colour, c_ls, None))):
            line.set_data(*rates(cohort, measure))
            line.set_color(style[0])
            line.set_linestyle(style[1])
            line.set_marker(style[2] or "")
            line.set_markevery(0.08)
            line.set_markersize(8)
    shown = False
    for key, parts in artists["targets"]:
        visible = key in ((regimen, None), (regimen, control))
        shown = shown or visible
        for part in parts:
            part.set_visible(visible)
    handles = [artists["drug"][0], artists["control"][0]]
    labels = [f"drug arm: {label}", f"control arm: {c_label}, same schedule"]
    if shown:
        handles.append(next(parts[0] for key, parts in artists["targets"]
                            if key in ((regimen, None), (regimen, control))))
        labels.append("published value or range (trials)")
    artists["axes"][0].legend(handles, labels, loc="upper left", fontsize=11, framealpha=0.95)
    n = drug.scores.shape[0]
    parts = []
    for t in ARM_KEY_TIMES_H[regimen]:
        parts.append(f"{describe_time(t)}: {rate_at(drug, 'response', t):.0f}% vs "
                     f"{rate_at(placebo, 'response', t):.0f}%")
    artists["title"].set_text(f"{n} patients per arm (seed {int(round(seed))}); responders, drug "
                              f"vs control, at " + "; ".join(parts))


def _arms_sweep():
    fig, axes = new_figure(12.5, 10.0, nrows=2, sharex=True)
    # The series first: until its second infusion it is the single infusion, drawn over it;
    # saline last, with markers, over the placebo tablet it runs along near zero.
    arms = [(("series", None), REGIMENS["series"][:4]),
            (("single", None), REGIMENS["single"][:4]),
            (("single", "midazolam"), CONTROLS["midazolam"][:4]),
            (("ssri", None), REGIMENS["ssri"][:4]),
            (("ssri", "saline"), PILL_PLACEBO),
            (("single", "saline"), CONTROLS["saline"][:4])]
    for ax, measure in zip(axes, ("response", "remission")):
        for (regimen, control), (label, colour, ls, marker) in arms:
            t, y = rates(trial_arm(regimen, control), measure)
            label = f"{label} ({FOLLOW_UP_WEEKS[regimen]}-week follow-up)"
            ax.plot(t, y, color=colour, ls=ls, marker=marker, markevery=0.07, ms=8, lw=3,
                    label=label if measure == "response" else None)
        first = True
        for target in PUBLISHED:
            if target.measure == measure:
                _draw_published(ax, target, "published value or range (trials)"
                                if first and measure == "response" else None)
                first = False
        finish_axes(ax, ylim=(0, 90), ylabel=f"{measure}\n(% of patients)")
    axes[0].set_title("Every arm, 1000 virtual patients each (seed 1), against the trials",
                      fontsize=15)
    log_time_axis(axes[1], T_MIN_H, 1.2 * FOLLOW_UP_WEEKS["ssri"] * WEEK_H,
                  label="time since the first dose")
    fig.legend(loc="outside lower center", ncol=2, fontsize=12, frameon=False)
    return fig


def _arms_alt_text() -> str:
    """The static figure's alt text, with the rates of the arms it draws."""
    def rate(regimen, control, measure, t_h):
        return f"{rate_at(trial_arm(regimen, control), measure, t_h):.0f}%"

    return ("Response (top) and remission (bottom) as a percentage of "
            f"{N_PATIENTS} virtual patients on a log-time axis, with published trial values as "
            "diamonds with range bars: one ketamine infusion reaches "
            f"{rate('single', None, 'response', DAY_H)} responding at 24 h and falls to "
            f"{rate('single', None, 'response', 7 * DAY_H)} by day 7, six infusions "
            f"{rate('series', None, 'response', 12 * DAY_H)} at day 12, midazolam "
            f"{rate('single', 'midazolam', 'response', DAY_H)}, saline "
            f"{rate('single', 'saline', 'response', DAY_H)}, and daily citalopram climbs over "
            f"weeks to {rate('ssri', None, 'remission', 8 * WEEK_H)} and "
            f"{rate('ssri', None, 'remission', 14 * WEEK_H)} remission at weeks 8 and 14.")


trial_arms = Demo(
    name="trial_arms",
    title="Response and remission over time: drug arm vs control arm",
    controls=(Choice("regimen", "treatment", tuple((v[0], k) for k, v in REGIMENS.items()),
                     "single"),
              Choice("control", "control arm", (("inert placebo (saline drip or sugar pill)",
                                                 "saline"),
                                                ("active placebo (midazolam)", "midazolam")),
                     "midazolam"),
              Slider("seed", "random seed (whole number)", 0, 50, 1, SEED),
              Slider("n_patients", "patients per arm (count)", 20, N_DEMO_MAX, 10, N_PATIENTS)),
    build=_arms_build,
    update=_arms_update,
    sweep=_arms_sweep,
    sweep_file="08_all_arms_over_time.png",
    sweep_alt_text=_arms_alt_text,
    prompt=("how fast does each arm's response rate rise? With only 20 patients per arm, how much "
            "does the 24 h difference between drug and control change from seed to seed?"),
)


# --- 3. distribution of response times ---------------------------------------------------------

RESPONSE_TIMES_FILE = "08_response_times.png"
#: Doubling time bins whose edges fall between the cohort's 0.5 h grid points: 0.5 h, 1-1.5 h,
#: 2-3.5 h, 4-7.5 h, ... up to the end of the 14-week follow-up.
TIME_BINS_H = np.minimum(T_MIN_H * 2.0 ** np.arange(14) - T_MIN_H / 2,
                         FOLLOW_UP_WEEKS["ssri"] * WEEK_H + T_MIN_H / 2)


def response_times_figure():
    """Histograms of the first response and first remission time, ketamine vs citalopram."""
    fig, axes = new_figure(12.5, 6.2, ncols=2, sharey=True)
    summary = response_time_summary()
    styles = {"single": (SERIES["ketamine"]["color"], "-", "//",
                         "one ketamine infusion (2-week follow-up)"),
              "ssri": (SERIES["ssri"]["color"], "--", "",
                       "daily citalopram 20 mg (14-week follow-up)")}
    for ax, measure in zip(axes, ("response", "remission")):
        for regimen, (colour, ls, hatch, label) in styles.items():
            t = first_times(regimen)[measure]
            weights = np.full(t.size, 100.0 / t.size)
            ax.hist(t[np.isfinite(t)], bins=TIME_BINS_H, weights=weights[np.isfinite(t)],
                    histtype="stepfilled", color=colour, alpha=0.18, hatch=hatch)
            ax.hist(t[np.isfinite(t)], bins=TIME_BINS_H, weights=weights[np.isfinite(t)],
                    histtype="step", color=colour, ls=ls, lw=3,
                    label=label if measure == "response" else None)
        log_time_axis(ax, TIME_BINS_H[0], TIME_BINS_H[-1], label=f"time of first {measure}")
        never = ", ".join(f"{name} {100 - summary[r][f'{measure}_ever_percent']:.0f}%"
                          for r, name in (("single", "ketamine"), ("ssri", "citalopram")))
        ax.set_title(f"first {measure}\n(never within follow-up: {never})", fontsize=13)
    axes[1].axvline(8 * WEEK_H, color=PALETTE["black"], lw=1.5, ls=":")
    late = summary["ssri"]["remission_after_week_8_percent"]
    top = 1.25 * max(ax.get_ylim()[1] for ax in axes)
    axes[1].annotate(f"week 8: {late:.0f}% of the week-14\nremitters remit later\n"
                     f"(STAR*D: {100 * STARD_LATE_REMITTER_SHARE:.0f}%)",
                     (8 * WEEK_H, 0.8 * top), xytext=(0.45, 0.93), textcoords="axes fraction",
                     ha="center", va="top", fontsize=11,
                     arrowprops=dict(arrowstyle="->", color=PALETTE["black"]))
    finish_axes(axes[0], ylim=(0, top), ylabel="patients\n(% of the arm per time bin)")
    fig.legend(loc="outside lower center", ncol=2, fontsize=12, frameon=False)
    return fig


def response_times_alt_text() -> str:
    """The alt text of ``response_times_figure()``, with the numbers of the cohorts it draws."""
    summary = response_time_summary()
    late = summary["ssri"]["remission_after_week_8_percent"]
    return (f"Two log-time histograms of when {N_PATIENTS} virtual patients first respond "
            "(left) and first remit (right): after one ketamine infusion most first respond "
            "between 1 hour and 1 day (median "
            f"{describe_time(summary['single']['response_median_h'])}); on daily citalopram "
            "first responses spread over weeks 1 to 8 (median "
            f"{describe_time(summary['ssri']['response_median_h'])}), and {late:.0f}% of "
            "week-14 remitters first remitted in week 8 or later "
            f"(STAR*D: {100 * STARD_LATE_REMITTER_SHARE:.0f}%).")


# --- 4. placebo and blinding ------------------------------------------------------------------

BLINDING_ARMS = tuple(zip(BLINDING_CONTROLS, ("saline\n(inert placebo)",
                                               "midazolam\n(active placebo)",
                                               "ketamine\n(one infusion)")))


def _arm_style(control: str | None):
    if control is None:
        return SERIES["ketamine"]["color"], "-", ""
    _, colour, ls, _, hatch = CONTROLS[control]
    return colour, ls, hatch


def _blinding_build():
    fig, (ax, diff_ax) = new_figure(12.5, 6.0, ncols=2, width_ratios=(1.35, 1))
    bars = []
    for i, (control, label) in enumerate(BLINDING_ARMS):
        colour, _, hatch = _arm_style(control)
        bars.append(ax.bar(i, 0.0, width=0.7, color=colour, alpha=0.85, hatch=hatch,
                           edgecolor=PALETTE["black"], lw=1.5)[0])
    values = [ax.text(i, 0, "", ha="center", va="bottom", fontsize=13, fontweight="bold")
              for i in range(len(BLINDING_ARMS))]
    published = []
    for i, (control, _) in enumerate(BLINDING_ARMS):
        reported = [v[control] for v in PUBLISHED_24H.values() if control in v]
        low, high = min(reported), max(reported)
        container = ax.errorbar([i + 0.42], [(low + high) / 2], yerr=[[(high - low) / 2]] * 2,
                                fmt="D", ms=9, mfc="white", mec=PALETTE["black"], mew=2,
                                ecolor=PALETTE["black"], elinewidth=2.5, capsize=5,
                                label="published at 24 h" if i == 0 else None)
        published += [container[0], *container[1], *container[2]]
    ax.set_xticks(range(len(BLINDING_ARMS)), [label for _, label in BLINDING_ARMS])
    finish_axes(ax, xlim=(-0.6, len(BLINDING_ARMS) - 0.3), ylim=(0, 80),
                ylabel="response\n(% of 1000 patients)")
    ax.grid(axis="x", visible=False)
    diff_bars = [diff_ax.bar(i, 0.0, width=0.6, color=colour, alpha=0.85, hatch=hatch,
                             edgecolor=PALETTE["black"], lw=1.5)[0]
                 for i, (colour, _, hatch) in enumerate(_arm_style(c)
                                                        for c in ("saline", "midazolam"))]
    diff_values = [diff_ax.text(i, 0, "", ha="center", va="bottom", fontsize=13, fontweight="bold")
                   for i in range(2)]
    diff_ax.set_xticks([0, 1], ["ketamine minus\nsaline", "ketamine minus\nmidazolam"])
    finish_axes(diff_ax, xlim=(-0.6, 1.6), ylim=(0, 65),
                ylabel="apparent drug effect\n(percentage points)")
    diff_ax.grid(axis="x", visible=False)
    kept = diff_ax.text(0.5, 0.97, "", transform=diff_ax.transAxes, ha="center", va="top",
                        fontsize=12)
    title = fig.suptitle(" ", fontsize=14)
    return fig, dict(ax=ax, bars=bars, values=values, published=published, diff_bars=diff_bars,
                     diff_values=diff_values, kept=kept, title=title)


def _blinding_update(artists, time_h: float) -> None:
    numbers = blinding_numbers(float(time_h))
    for bar, text, (control, _) in zip(artists["bars"], artists["values"], BLINDING_ARMS):
        value = numbers[str(control)]
        bar.set_height(value)
        text.set_position((bar.get_x() + bar.get_width() / 2, value + 1))
        text.set_text(f"{value:.0f}%")
    for bar, text, key in zip(artists["diff_bars"], artists["diff_values"],
                              ("effect_vs_saline", "effect_vs_midazolam")):
        value = numbers[key]
        bar.set_height(max(value, 0.0))
        text.set_position((bar.get_x() + bar.get_width() / 2, max(value, 0.0) + 1))
        text.set_text(f"{value:+.0f}")
    at_24 = abs(float(time_h) - DAY_H) < 0.5
    for part in artists["published"]:
        part.set_visible(at_24)
    if at_24:
        artists["ax"].legend(loc="upper left", fontsize=11, framealpha=0.95)
    elif artists["ax"].get_legend() is not None:
        artists["ax"].get_legend().remove()
    share = numbers["share_kept"]
    artists["kept"].set_text("" if not np.isfinite(share) else
                             f"against midazolam: {share:.0%} of the\n"
                             "apparent effect against saline")
    artists["title"].set_text(f"{describe_time(float(time_h))} after one infusion (or its "
                              "placebo): who responds, and the apparent drug effect")


BLINDING_T_END_H = FOLLOW_UP_WEEKS["single"] * WEEK_H


def _blinding_sweep():
    fig, (ax, diff_ax) = new_figure(12.5, 6.4, ncols=2)
    for control, label in BLINDING_ARMS:
        colour, ls, _ = _arm_style(control)
        ax.plot(*rates(trial_arm("single", control), "response"), color=colour, ls=ls, lw=3,
                label=label.replace("\n", " "))
    for source, values in PUBLISHED_24H.items():
        marker = "D" if source == "Wilkinson 2019" else "s"
        for control, value in values.items():
            ax.plot([DAY_H], [value], ls="", marker=marker, ms=10, mfc="white",
                    mec=PALETTE["black"], mew=2,
                    label=f"published at 24 h: {source}" if control is None else None)
    ketamine = rates(trial_arm("single"), "response")
    for control in ("saline", "midazolam"):
        colour, ls, _ = _arm_style(control)
        t, y = rates(trial_arm("single", control), "response")
        diff_ax.plot(t, ketamine[1] - y, color=colour, ls=ls, lw=3,
                     label=f"ketamine minus {control}")
    for source, values in PUBLISHED_24H.items():
        marker = "D" if source == "Wilkinson 2019" else "s"
        for i, control in enumerate(c for c in ("saline", "midazolam") if c in values):
            diff_ax.plot([DAY_H], [values[None] - values[control]], ls="", marker=marker,
                         ms=10, mfc="white", mec=PALETTE["black"], mew=2,
                         label=f"published at 24 h: {source}" if i == 0 else None)
    for a, ylabel in ((ax, "response\n(% of 1000 patients)"),
                      (diff_ax, "apparent drug effect\n(percentage points)")):
        log_time_axis(a, T_MIN_H, BLINDING_T_END_H, label="time since the infusion")
        finish_axes(a, ylim=(0, 65), ylabel=ylabel)
        a.axvline(DAY_H, color="0.4", lw=1, ls="--")
    ax.set_title("Response in each arm", fontsize=14)
    diff_ax.set_title("Drug minus control: the same drug,\ntwo different 'effects'", fontsize=14)
    ax.legend(loc="upper left", fontsize=10.5, framealpha=0.95)
    diff_ax.legend(loc="upper left", fontsize=11, framealpha=0.95)
    return fig


def _blinding_alt_text() -> str:
    """The static figure's alt text, with the differences of the arms it draws."""
    at_24 = blinding_numbers(DAY_H)
    return (f"Left: response over two weeks on a log-time axis for {N_PATIENTS} virtual patients "
            "given one ketamine infusion, midazolam or saline, with published 24 h values as open "
            "markers; right: ketamine's response rate minus each control's. At 24 h ketamine "
            f"leads saline by {at_24['effect_vs_saline']:.0f} percentage points but midazolam by "
            f"only {at_24['effect_vs_midazolam']:.0f} ({at_24['share_kept']:.0%} of that), close "
            "to the published differences, and both shrink over two weeks.")


placebo_blinding = Demo(
    name="placebo_blinding",
    title="Placebo and blinding: one drug, two comparison arms",
    controls=(Slider("time_h", "time after the infusion (h)", 1, BLINDING_T_END_H, 1, DAY_H),),
    build=_blinding_build,
    update=_blinding_update,
    sweep=_blinding_sweep,
    sweep_file="08_placebo_and_blinding.png",
    sweep_alt_text=_blinding_alt_text,
    prompt=("at 24 h, how many percentage points will ketamine beat saline by, and how many "
            "will it beat midazolam by? Will the two differences shrink at the same rate?"),
)


DEMOS = (individual_courses, trial_arms, placebo_blinding)
