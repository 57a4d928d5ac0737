"""Speed of ``virtual_cohort`` (a measurement, not a test): 1000 patients over 8 weeks.

Budget: median <= 2 s on the 2-core reference machine, for the slowest regimen (daily
citalopram, which runs the 12-week mechanism nine times). Results are merged into
benchmarks/results.json under "virtual_cohort_1000x8wk_s" {regimen: median seconds}.
"""

import json
import statistics
import time
from pathlib import Path

from ketamine_moa import daily_citalopram, infusion_series, single_infusion, virtual_cohort

RESULTS = Path(__file__).with_name("results.json")
BUDGET_S = 2.0
WEEKS = 8


def main(repeats: int = 5) -> None:
    regimens = {"single_infusion": single_infusion(), "infusion_series": infusion_series(),
                "daily_citalopram": daily_citalopram(20.0, n_days=7 * WEEKS)}
    medians = {}
    for name, doses in regimens.items():
        times_s = []
        for _ in range(repeats):
            started = time.perf_counter()
            virtual_cohort(doses, n_patients=1000, seed=1, t_end_h=WEEKS * 7 * 24.0)
            times_s.append(time.perf_counter() - started)
        medians[name] = round(statistics.median(times_s), 3)
        verdict = "within" if medians[name] <= BUDGET_S else "OVER"
        print(f"virtual_cohort, 1000 patients, {WEEKS} weeks, {name}: median "
              f"{medians[name]:.3f} s over {repeats} runs ({verdict} the {BUDGET_S:g} s budget)")
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["virtual_cohort_1000x8wk_s"] = medians
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
