"""Speed of ``simulate`` (a measurement, not a test): one 40-min infusion over 14 days, and
1,000 infusions over a year (issue 19: the plasma model's cost grows with the output times).

Budgets on the 2-core reference machine: median <= 20 ms for the first, <= 2 s for the
second. Both are CPU time (``time.process_time``; the second a median of ``MANY_REPEATS``
runs), so other work on a shared machine does not count against them; the second's wall time
is recorded beside it.
Results are merged into benchmarks/results.json under "simulate_14d_ms",
"simulate_1000_infusions_year_s" (CPU) and "simulate_1000_infusions_year_wall_s".
"""

import json
import statistics
import time
from pathlib import Path

import numpy as np

from ketamine_moa import infusion_series, simulate, single_infusion

RESULTS = Path(__file__).with_name("results.json")
BUDGET_MS = 20.0
MANY_BUDGET_S = 2.0
MANY_REPEATS = 3


def main(repeats: int = 50) -> None:
    doses = single_infusion()
    simulate(doses, t_end_h=14 * 24)  # warm-up: parameter file cached, imports done
    times_ms = []
    for _ in range(repeats):
        started = time.process_time()
        simulate(doses, t_end_h=14 * 24)
        times_ms.append(1000 * (time.process_time() - started))
    median = statistics.median(times_ms)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["simulate_14d_ms"] = round(median, 2)
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    verdict = "within" if median <= BUDGET_MS else "OVER"
    print(f"simulate, 14 days, one infusion: median {median:.2f} ms CPU over {repeats} runs "
          f"({verdict} the {BUDGET_MS:g} ms budget)")
    many = infusion_series(days=np.linspace(0.0, 364.0, 1000).tolist())
    cpu_s, wall_s = [], []
    for _ in range(MANY_REPEATS):
        started, started_cpu = time.perf_counter(), time.process_time()
        simulate(many, t_end_h=365 * 24.0)
        cpu_s.append(time.process_time() - started_cpu)
        wall_s.append(time.perf_counter() - started)
    many_s = statistics.median(cpu_s)
    results["simulate_1000_infusions_year_s"] = round(many_s, 2)
    results["simulate_1000_infusions_year_wall_s"] = round(statistics.median(wall_s), 2)
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    verdict = "within" if many_s <= MANY_BUDGET_S else "OVER"
    print(f"simulate, a year, 1,000 infusions: median {many_s:.2f} s CPU over {MANY_REPEATS} "
          f"runs, {statistics.median(wall_s):.2f} s wall ({verdict} the {MANY_BUDGET_S:g} s "
          "budget)")


if __name__ == "__main__":
    main()
