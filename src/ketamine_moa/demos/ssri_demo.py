"""Demos for notebook 06, "Why SSRIs take weeks": raphe feedback, pindolol, slow BDNF.

Each demo runs ``ketamine_moa.chain.simulate`` for citalopram 20 mg once a day for 12 weeks
(the dose studied in the PET work of Meyer et al. 2001, used only as a reference, not as
advice), sometimes with a parameter override or the ``autoreceptor_block`` intervention;
nothing here adds model logic. ``build`` makes the figure once, ``update`` changes its
artists in place, ``sweep`` draws a static figure for readers without a kernel.
``paradox_figure`` draws the notebook's opening static figure (no controls).

Sources for what the figures are compared with:

* SERT occupancy ~77% after 4 weeks of citalopram 20 mg/day, plateau near 85% (Meyer et al.
  2001, doi:10.1176/appi.ajp.158.11.1843);
* in rat raphe slices ~40% of neurons desensitised by day 3 and 60-80% by day 21 (Le Poul et
  al. 1995, pmid:7477436; Blier et al. 1998, doi:10.1111/j.1749-6632.1998.tb10192.x);
* the autoreceptor account of the delay is contested (Commons & Linnros 2019,
  doi:10.1021/acschemneuro.8b00698);
* chronic, not acute, treatment raises BDNF mRNA (Nibuya et al. 1995,
  doi:10.1523/JNEUROSCI.15-11-07539.1995) and neurogenesis (Santarelli et al. 2003,
  doi:10.1126/science.1083328).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..monoamine import serotonin_amplification
from ..params import model_parameters, parameter_table
from ..pk import daily_citalopram, single_infusion
from ..readouts import change_from_start, format_time, half_peak_day, improvement
from ..regimens import run_doses
from ..published import published
from ..plotting import (PALETTE, log_time_axis, marker_style, new_figure, role_style)
from ..widgets import Choice, Demo, Slider
from . import after_start, bottom_legend, finish_axes

#: Mathtext for the time constants in figure text (a plain "τ_des" would print the underscore).
TAU_DES = r"$\tau_\mathrm{des}$"
TAU_BDNF = r"$\tau_\mathrm{BDNF}$"

DAY_H = 24.0
N_DAYS = 84                      # 12 weeks of daily tablets
T_END_H = N_DAYS * DAY_H
STUDIED_MG_PER_DAY = 20.0        # the dose in Meyer et al. 2001 (a reference, not advice)
DAY_TICKS = np.arange(0, N_DAYS + 1, 14)
KETAMINE_T_MIN_H = 10 / 60       # left edge of the BDNF log-time axes (10 min)
#: Le Poul et al. 1995 (rat raphe slices): % of neurons desensitised, (day, low, high).
RAT_DESENSITISED = tuple((v.x, v.low, v.high) for v in published("raphe_desensitised"))


# --- shared runs and read-outs ------------------------------------------------------------

def ssri_course(autoreceptor_block: float = 0.0, hypothesis: str = "autoreceptor",
                mg_per_day: float = STUDIED_MG_PER_DAY, **params: float):
    """``simulate`` for 12 weeks of daily citalopram (memoised in ``regimens``); ``params``
    override the CSV."""
    return run_doses(daily_citalopram(float(mg_per_day), n_days=N_DAYS), T_END_H,
                     {"autoreceptor_block": float(autoreceptor_block)}, params=params,
                     ssri_hypothesis=hypothesis)


def ketamine_course():
    """One research-trial infusion (0.5 mg/kg IV over 40 min), followed for 12 weeks."""
    return run_doses(single_infusion(), T_END_H)


def _day_axis(ax, label: bool = True) -> None:
    ax.set_xlim(0, N_DAYS)
    ax.set_xticks(DAY_TICKS)
    if label:
        ax.set_xlabel("time since the first daily tablet (days)")


def daily_means(run, values) -> tuple[np.ndarray, np.ndarray]:
    """Mean of ``values`` over each day, at the day midpoints (days), after the value at t = 0.

    Smooths the swing of a once-a-day tablet for plotting; the model itself is unchanged.
    """
    values = np.asarray(values, dtype=float)
    keep = run.t_h < T_END_H
    day = (run.t_h[keep] // DAY_H).astype(int)
    means = np.bincount(day, weights=values[keep]) / np.bincount(day)
    return (np.concatenate([[0.0], np.arange(len(means)) + 0.5]),
            np.concatenate([[values[0]], means]))


# --- 1. the paradox: occupied in days, better in weeks (a static figure) -----------------

CASCADE = (  # output, name, vocabulary role: links differ without colour too
    ("sert_occupancy", "SERT occupancy", "ssri_occupancy"),
    ("serotonin_rel", "terminal serotonin", "serotonin"),
    ("bdnf_expression_rel", "BDNF expression", "bdnf"),
    ("improvement", "score improvement", "improvement"),
    # drawn after the score, with markers: its curve runs along the score's
    ("spine_density_rel", "spine density", "spines"),
    ("new_neurons_rel", "new hippocampal neurons", "neurogenesis"),
)
PARADOX_FILE = "06_paradox_cascade.png"


def half_change_time_h(run, key: str) -> float:
    """First time (h, a grid point) an output reaches half of its mean change over the last
    day (the SSRI's outputs swing with each daily tablet, so not half of their largest)."""
    change = change_from_start(run, key)
    final = daily_means(run, change)[1][-1]
    return float(run.t_h[np.argmax(change >= final / 2)])


@lru_cache(maxsize=1)
def paradox_alt_text() -> str:
    """The alt text of ``paradox_figure``, with the half-change days the figure draws."""
    run = ssri_course()
    half = {key: format_time(half_change_time_h(run, key)) for key, *_ in CASCADE}
    later = sorted(round(half_change_time_h(run, key) / DAY_H)
                   for key in ("improvement", "spine_density_rel"))
    later_text = (f"day {later[0]}" if later[0] == later[1]
                  else f"days {later[0]}-{later[1]}")
    return (f"Six curves over {N_DAYS // 7} weeks of daily citalopram "
            f"{STUDIED_MG_PER_DAY:.0f} mg, each as a percentage of its week-{N_DAYS // 7} change: "
            f"SERT occupancy reaches half within {half['sert_occupancy']} and nearly all "
            f"within days; terminal serotonin reaches half by {half['serotonin_rel']}, "
            f"BDNF expression by {half['bdnf_expression_rel']}, the score improvement and "
            f"spine density by {later_text} (with a first benefit in week 1), and new neurons "
            f"(half by {half['new_neurons_rel']}) are still rising at week {N_DAYS // 7}.")


def paradox_figure():
    """Each link of the SSRI chain as % of its week-12 change (daily means), on one axis."""
    fig, ax = new_figure(12.5, 6.6)
    run = ssri_course()
    for key, name, role in CASCADE:
        t_days, means = daily_means(run, change_from_start(run, key))
        style = role_style(role)
        if role == "spines":
            style.update(marker="D", markevery=(3, 7), ms=8, mfc="white", mew=2)
        style.setdefault("ms", 7)
        style.setdefault("markevery", 7)
        ax.plot(t_days, 100 * means / means[-1], **style,
                label=f"{name}: half by {format_time(half_change_time_h(run, key))}")
    ax.axhline(50, **role_style("reference", linewidth=1))
    ax.set_ylim(-3, 108)
    ax.set_ylabel("change from before treatment\n(daily mean, % of the week-12 change)")
    _day_axis(ax)
    ax.set_title("Citalopram 20 mg/day: the target is occupied within a day, each later link "
                 "is slower", fontsize=14)
    ax.legend(loc="lower right", fontsize=12, framealpha=0.95)
    return fig


# --- 2. raphe feedback and its desensitisation --------------------------------------------

def _raphe_run(tau_des_days: float, feedback: float):
    return ssri_course(autoreceptor_desensitisation_tau_h=DAY_H * float(tau_des_days),
                       autoreceptor_feedback_max=float(feedback))


def _raphe_series(run) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """What the four raphe panels show: daily means (at the day midpoints, in hours)."""
    no_feedback = serotonin_amplification(run["sert_occupancy"], model_parameters().monoamine)
    shown = {"firing": 100 * run["raphe_firing_rel"], "serotonin": run["serotonin_rel"],
             "no_feedback": no_feedback,
             "desensitised": 100 * run["autoreceptor_desensitisation"],
             "improvement": improvement(run)}
    series = {}
    for key, values in shown.items():
        t_days, means = daily_means(run, values)
        series[key] = (DAY_H * t_days[1:], means[1:])  # a log axis cannot show t = 0
    return series


RAPHE_PANELS = (  # series, y label, y limits
    ("firing", "raphe firing\n(% of baseline)", (0, 115)),
    ("serotonin", "terminal serotonin\n(× baseline)", (0.8, 3.2)),
    ("desensitised", "autoreceptors\ndesensitised (%)", (0, 100)),
    ("improvement", "improvement in score\n(points)", (0, 14)),
)


def _raphe_axes(fig_height: float):
    fig, axes = new_figure(12.8, fig_height, nrows=2, ncols=2, sharex=True)
    axes = axes.ravel()
    for i, (ax, (_, ylabel, ylim)) in enumerate(zip(axes, RAPHE_PANELS)):
        finish_axes(ax, ylim=ylim, ylabel=ylabel)
        log_time_axis(ax, DAY_H / 2, T_END_H, label="time since the first tablet")
        if i < 2:
            ax.set_xlabel("")
    axes[0].axhline(100, **role_style("reference", linewidth=1))
    axes[0].text(DAY_H / 2 * 1.1, 102, "baseline (before treatment)", fontsize=11, va="bottom")
    for day, low, high in RAT_DESENSITISED:
        axes[2].errorbar(DAY_H * day, (low + high) / 2, yerr=(high - low) / 2 or None, ls="none",
                         marker="D", ms=9, capsize=6, color=PALETTE["black"], gid="measured",
                         label="rat raphe slices: % of neurons\ndesensitised (Le Poul et al. 1995)")
    handles, labels = axes[2].get_legend_handles_labels()
    axes[2].legend(handles[:1], labels[:1], loc="upper left", fontsize=11, framealpha=0.95)
    return fig, axes


def _raphe_build():
    fig, axes = _raphe_axes(8.4)
    reference = _raphe_series(ssri_course())
    lines = {}
    for ax, (key, _, _) in zip(axes, RAPHE_PANELS):
        ax.plot(*reference[key], **role_style("ssri"), label="model defaults")
        lines[key], = ax.plot([], [], **role_style("ssri_your_setting"), label="this setting")
    lines["no_feedback"], = axes[1].plot([], [], **role_style("whatif_1"),
                                         label="this setting if raphe\nfiring stayed at baseline")
    axes[1].legend(loc="lower right", fontsize=11, framealpha=0.95)
    title = fig.suptitle(" ", fontsize=14)
    return fig, dict(lines=lines, title=title)


def _raphe_update(artists, tau_des_days: float, feedback: float) -> None:
    run = _raphe_run(tau_des_days, feedback)
    series = _raphe_series(run)
    for key, line in artists["lines"].items():
        line.set_data(*series[key])
    serotonin = series["serotonin"][1]
    artists["title"].set_text(
        f"desensitisation time {tau_des_days:g} days, feedback {feedback:.2f} (daily means): "
        f"lowest firing {series['firing'][1].min():.0f}% of baseline;\nterminal serotonin "
        f"×{serotonin[0]:.2f} on the first day, ×{serotonin[21]:.2f} on day 21; half the maximum "
        f"improvement on day {half_peak_day(run):.0f}")


TAU_LEVELS = ((2.0, "whatif_1"), (5.0, "ssri"), (10.0, "whatif_2"), (20.0, "whatif_3"))


def _raphe_sweep():
    fig, axes = _raphe_axes(9.0)
    for tau, role in TAU_LEVELS:
        run = _raphe_run(tau, model_parameters().monoamine.autoreceptor_feedback_max)
        series = _raphe_series(run)
        default = " (default)" if tau * DAY_H == parameter_table()[
            "autoreceptor_desensitisation_tau_h"].value else ""
        for ax, (key, _, _) in zip(axes, RAPHE_PANELS):
            ax.plot(*series[key], **role_style(role),
                    label=f"{TAU_DES} = {tau:g} days{default}: half the maximum improvement "
                          f"on day {half_peak_day(run):.0f}")
    return bottom_legend(fig, "Slower autoreceptor desensitisation keeps raphe firing low for "
                         "longer and delays the improvement (daily means)",
                         axes[3].get_legend_handles_labels(), ncol=2)


def _raphe_alt_text() -> str:
    feedback = model_parameters().monoamine.autoreceptor_feedback_max
    lowest = [_raphe_series(_raphe_run(tau, feedback))["firing"][1].min()
              for tau, *_ in TAU_LEVELS]
    taus = [f"{tau:g}" for tau, *_ in TAU_LEVELS]
    rat_days = [f"{day:g}" for day, *_ in RAT_DESENSITISED]
    return (f"Four panels over {N_DAYS // 7} weeks of daily citalopram for autoreceptor "
            f"desensitisation time constants of {', '.join(taus[:-1])} and {taus[-1]} days: "
            f"raphe firing drops to {min(lowest):.0f}-{max(lowest):.0f}% of "
            "baseline in the first days and recovers as the autoreceptors desensitise, terminal "
            "serotonin climbs as firing recovers, and the slower the desensitisation the later "
            "the score improves; rat data points for desensitisation at days "
            f"{' and '.join(rat_days)}.")


raphe_feedback = Demo(
    name="ssri_raphe_feedback",
    title="Raphe 5-HT1A feedback and its desensitisation",
    # Stored at 10 days (the model default is drawn beside it), so both curves show.
    controls=(Slider("tau_des_days", "autoreceptor desensitisation time (days)",
                     1.0, 30.0, 1.0, 10.0),
              Slider("feedback", "raphe feedback strength (fraction of firing)", 0.0, 0.95, 0.05,
                     model_parameters().monoamine.autoreceptor_feedback_max)),
    build=_raphe_build,
    update=_raphe_update,
    sweep=_raphe_sweep,
    sweep_file="06_raphe_desensitisation.png",
    sweep_alt_text=_raphe_alt_text,
    prompt=("if the autoreceptors desensitised four times more slowly (in 20 days "
            "instead of 5), what would happen to raphe firing in the first two weeks and to "
            "the day on which half the improvement is reached?"),
)


# --- 3. the pindolol what-if ---------------------------------------------------------------

HYPOTHESES = (("autoreceptor desensitisation", "autoreceptor"),
              ("slow plasticity only", "slow_plasticity"))
HYPOTHESIS_NAME = dict((value, label) for label, value in HYPOTHESES)
BLOCK_LEVELS = ((0.0, "ssri", "no block"), (0.5, "whatif_1", "half block"),
                (1.0, "whatif_2", "full block (pindolol-like)"))


def _pindolol_build():
    fig, (ax_fire, ax_gain) = new_figure(12.8, 5.8, ncols=2)
    ref_fire = ax_fire.plot([], [], **role_style("ssri"), label="no block")[0]
    ref_gain = ax_gain.plot([], [], **role_style("ssri"), label="no block")[0]
    fire, = ax_fire.plot([], [], **role_style("ssri_your_setting"), label="this setting")
    gain, = ax_gain.plot([], [], **role_style("ssri_your_setting"), label="this setting")
    half_dot, = ax_gain.plot([], [], **marker_style("reference", marker="o"), ms=11,
                             label="half the maximum")
    ax_fire.axhline(100, **role_style("reference", linewidth=1))
    finish_axes(ax_fire, ylim=(0, 115), ylabel="raphe firing (% of baseline)",
                title="raphe firing")
    finish_axes(ax_gain, ylim=(0, 15), ylabel="improvement in score (points)", title="improvement")
    for ax in (ax_fire, ax_gain):
        _day_axis(ax)
    ax_fire.legend(loc="lower right", fontsize=11, framealpha=0.95)
    ax_gain.legend(loc="upper left", fontsize=11, framealpha=0.95)
    title = fig.suptitle(" ", fontsize=14)
    return fig, dict(ref=(ref_fire, ref_gain), lines=(fire, gain), half_dot=half_dot,
                     title=title)


def _pindolol_update(artists, autoreceptor_block: float, hypothesis: str) -> None:
    reference = ssri_course(0.0, hypothesis)
    run = ssri_course(autoreceptor_block, hypothesis)
    for (fire, gain), r in zip((artists["ref"], artists["lines"]), (reference, run)):
        fire.set_data(r.t_h / DAY_H, 100 * r["raphe_firing_rel"])
        gain.set_data(r.t_h / DAY_H, improvement(r))
    half = half_peak_day(run)
    artists["half_dot"].set_data([half], [improvement(run).max() / 2])
    artists["title"].set_text(
        f"Hypothesis: {HYPOTHESIS_NAME[hypothesis]}; autoreceptor block {autoreceptor_block:.0%}\n"
        f"half the maximum improvement on day {half:.0f} (no block: day "
        f"{half_peak_day(reference):.0f}); plateau {improvement(run)[-1]:.1f} points "
        f"(no block: {improvement(reference)[-1]:.1f})")


def _pindolol_sweep():
    fig, axes = new_figure(12.8, 6.4, ncols=2, sharey=True)
    for ax, (name, hypothesis) in zip(axes, HYPOTHESES):
        halves, gains = [], []
        for block, role, label in BLOCK_LEVELS:
            run = ssri_course(block, hypothesis)
            half = half_peak_day(run)
            halves.append(f"{half:.0f}")
            gains.append(improvement(run))
            colour = role_style(role)["color"]
            # under "slow plasticity" the curves coincide: the first is drawn widest
            ax.plot(run.t_h / DAY_H, improvement(run),
                    **role_style(role, linewidth=6.0 - 1.5 * block), label=label)
            ax.plot([half], [improvement(run).max() / 2], ls="none", marker="o", ms=9,
                    color=colour, markeredgecolor=PALETTE["black"])
        same = ("\nthe three curves coincide"
                if all(np.allclose(g, gains[0], atol=1e-6) for g in gains) else "")
        ax.text(0.97, 0.04, "half the maximum on day\n" + " / ".join(halves)
                + "\n(no / half / full block)" + same, transform=ax.transAxes, ha="right",
                va="bottom", fontsize=12,
                bbox=dict(facecolor="white", edgecolor="0.7", alpha=0.95))
        finish_axes(ax, ylim=(0, 15), title=f"hypothesis: {name}")
        _day_axis(ax)
    axes[0].set_ylabel("improvement in score (points)")
    return bottom_legend(fig, "Pindolol what-if: an autoreceptor block speeds the improvement "
                         "only if the autoreceptors are the brake",
                         axes[0].get_legend_handles_labels(), ncol=3)


pindolol_what_if = Demo(
    name="ssri_pindolol_what_if",
    title="The pindolol what-if under two hypotheses",
    controls=(Slider("autoreceptor_block", "5-HT1A autoreceptor block (fraction)",
                     0.0, 1.0, 0.05, 1.0),  # stored at full block: the curves differ
              Choice("hypothesis", "why the SSRI is slow", HYPOTHESES, "autoreceptor")),
    build=_pindolol_build,
    update=_pindolol_update,
    sweep=_pindolol_sweep,
    sweep_file="06_pindolol_hypotheses.png",
    sweep_alt_text=("Two panels of score improvement over 12 weeks of daily citalopram with "
                    "no, half or full autoreceptor block: under the autoreceptor hypothesis "
                    "the block makes the improvement start earlier and rise higher; under the "
                    "slow-plasticity hypothesis the three curves lie on top of each other."),
    prompt=("with the autoreceptors fully blocked, how much earlier will half the maximum "
            "improvement be reached? And if the delay is set by slow plasticity instead?"),
)


# --- 4. the slow neurotrophic and neurogenesis branch --------------------------------------

def _bdnf_panels(fig_height: float):
    fig, axes = new_figure(12.5, fig_height, nrows=3, sharex=True, height_ratios=(1.2, 1, 1))
    ketamine = ketamine_course()
    release = 100 * (ketamine["bdnf_release_rel"] - 1)
    axes[0].plot(*after_start(ketamine, release), **role_style("ketamine", linewidth=3),
                 label="ketamine, one infusion")
    axes[0].annotate("ketamine:\nBDNF release", (ketamine.t_h[np.argmax(release)], release.max()),
                     xytext=(1.4, 34), fontsize=12, va="top",
                     arrowprops=dict(arrowstyle="->", color=PALETTE["black"]))
    axes[0].text(24 * 14, 36, "SSRI: BDNF\nexpression", fontsize=12, ha="right", va="bottom")
    axes[1].text(0.02, 0.9, "ketamine: none in the toy; SSRI: not fed into the score",
                 transform=axes[1].transAxes, va="top", fontsize=12)
    axes[2].plot(*after_start(ketamine, "improvement"), **role_style("ketamine", linewidth=3),
                 label="ketamine, one infusion")
    finish_axes(axes[0], ylim=(-2, 45), ylabel="BDNF\n(% above baseline)")
    finish_axes(axes[1], ylim=(-2, 40), ylabel="new hippocampal\nneurons (% above\nbaseline)")
    finish_axes(axes[2], ylim=(0, 16), ylabel="improvement\nin score (points)")
    log_time_axis(axes[2], KETAMINE_T_MIN_H, T_END_H, label="time since the first dose")
    return fig, axes


def _bdnf_run(tau_bdnf_days: float):
    return ssri_course(bdnf_transcription_tau_h=DAY_H * float(tau_bdnf_days))


BDNF_SERIES = (lambda r: 100 * (r["bdnf_expression_rel"] - 1),
               lambda r: 100 * (r["new_neurons_rel"] - 1), improvement)


def _bdnf_build():
    fig, axes = _bdnf_panels(10.0)
    default = ssri_course()
    lines = []
    for ax, series in zip(axes, BDNF_SERIES):
        ax.plot(*after_start(default, series(default)), **role_style("ssri"),
                label="SSRI daily, default transcription time")
        lines.append(ax.plot([], [], **role_style("ssri_your_setting"),
                             label="SSRI daily, this setting")[0])
    axes[2].legend(loc="upper center", ncol=3, fontsize=11, framealpha=0.95)
    title = fig.suptitle(" ", fontsize=14)
    return fig, dict(lines=lines, title=title)


def _bdnf_update(artists, tau_bdnf_days: float) -> None:
    run = _bdnf_run(tau_bdnf_days)
    for line, series in zip(artists["lines"], BDNF_SERIES):
        line.set_data(*after_start(run, series(run)))
    ketamine = ketamine_course()
    artists["title"].set_text(
        f"BDNF transcription time {tau_bdnf_days:g} days: the SSRI's BDNF expression is "
        f"half-way on day {half_peak_day(run, 'bdnf_expression_rel'):.1f},"
        f"\nthe improvement on day {half_peak_day(run):.0f} (ketamine: BDNF release peaks at "
        f"{60 * ketamine.t_h[np.argmax(ketamine['bdnf_release_rel'])]:.0f} min)")


#: Time constants drawn (days, vocabulary role): a fast what-if, the model default, a slow one.
BDNF_TAU_LEVELS = ((1.0, "whatif_1"),
                   (model_parameters().monoamine.bdnf_transcription_tau_h / DAY_H, "ssri"),
                   (28.0, "whatif_2"))


def _bdnf_sweep():
    fig, axes = _bdnf_panels(10.4)
    default = parameter_table()["bdnf_transcription_tau_h"].value
    for tau, role in BDNF_TAU_LEVELS:
        run = _bdnf_run(tau)
        label = (f"SSRI daily, {TAU_BDNF} = {tau:.2g} day{'s' if tau != 1 else ''}"
                 + (" (default)" if abs(tau * DAY_H - default) < 1e-9 else ""))
        for ax, series in zip(axes, BDNF_SERIES):
            ax.plot(*after_start(run, series(run)), **role_style(role), label=label)
    return bottom_legend(fig, "Ketamine releases BDNF within the hour; the SSRI raises BDNF "
                         "expression over weeks", axes[2].get_legend_handles_labels(), ncol=2)


slow_bdnf_branch = Demo(
    name="ssri_slow_bdnf_branch",
    title="Slow BDNF expression and new neurons vs ketamine's fast BDNF release",
    controls=(Slider("tau_bdnf_days", "BDNF transcription time (days)",
                     0.5, 28.0, 0.5, 14.0),),  # stored at 14 days, beside the default
    build=_bdnf_build,
    update=_bdnf_update,
    sweep=_bdnf_sweep,
    sweep_file="06_slow_bdnf_branch.png",
    sweep_alt_text=("Three panels on a log-time axis from 10 minutes to 12 weeks: one "
                    "ketamine infusion releases BDNF within the first hour and improves the "
                    "score within hours, while daily citalopram raises BDNF expression over "
                    "days to weeks (faster or slower for transcription time constants of "
                    + ", ".join(f"{tau:.2g}" for tau, _ in BDNF_TAU_LEVELS[:-1])
                    + f" and {BDNF_TAU_LEVELS[-1][0]:.2g} days), new hippocampal neurons over "
                    "months, and the score from the "
                    "first week on, most of it within weeks."),
    prompt=("if BDNF transcription followed serotonin within a day (a transcription time of "
            "1 day), would the SSRI become as fast as ketamine? What else still slows it?"),
)


DEMOS = (raphe_feedback, pindolol_what_if, slow_bdnf_branch)
