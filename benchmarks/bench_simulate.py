"""Speed of ``simulate`` (a measurement, not a test): one 40-min infusion over 14 days.

Budget: median <= 20 ms on the 2-core reference machine. Results are merged into
benchmarks/results.json under "simulate_14d_ms".
"""

import json
import statistics
import time
from pathlib import Path

from ketamine_moa import simulate, single_infusion

RESULTS = Path(__file__).with_name("results.json")
BUDGET_MS = 20.0


def main(repeats: int = 50) -> None:
    doses = single_infusion()
    simulate(doses, t_end_h=14 * 24)  # warm-up: parameter file cached, imports done
    times_ms = []
    for _ in range(repeats):
        started = time.perf_counter()
        simulate(doses, t_end_h=14 * 24)
        times_ms.append(1000 * (time.perf_counter() - started))
    median = statistics.median(times_ms)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["simulate_14d_ms"] = round(median, 2)
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    verdict = "within" if median <= BUDGET_MS else "OVER"
    print(f"simulate, 14 days, one infusion: median {median:.2f} ms over {repeats} runs "
          f"({verdict} the {BUDGET_MS:g} ms budget)")


if __name__ == "__main__":
    main()
