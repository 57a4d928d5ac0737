"""Cold run time of every notebook on a fresh kernel (a measurement, not a test).

Each notebook source is executed as ``make notebooks`` does, one fresh kernel after another,
but into a temporary folder (figures too), so the committed notebooks are not touched.

Budget: each notebook <= 8 s, notebook 08 <= 6 s and the whole collection <= 40 s on the
2-core reference machine (the speed issue). Written to benchmarks/results.json as
"notebook_s" {name: s} and "collection_cold_s".
"""

import os
import tempfile
import time

from _results import record

from ketamine_moa.build import execute, notebook_sources, read_source

NOTEBOOK_BUDGET_S = 8.0
BUDGET_S = {"08_from_mechanism_to_patients": 6.0}  # tighter budgets for single notebooks
COLLECTION_BUDGET_S = 40.0


def main() -> None:
    os.environ["KETAMINE_MOA_FIGURES_DIR"] = tempfile.mkdtemp(prefix="ketamine_moa_bench_")
    seconds = {}
    for source in notebook_sources():
        started = time.perf_counter()
        execute(read_source(source))
        seconds[source.stem] = round(time.perf_counter() - started, 2)
        budget = BUDGET_S.get(source.stem, NOTEBOOK_BUDGET_S)
        verdict = "ok" if seconds[source.stem] <= budget else "OVER"
        print(f"{seconds[source.stem]:6.2f} s  {source.stem}  {verdict}")
    total = round(sum(seconds.values()), 1)
    verdict = "ok" if total <= COLLECTION_BUDGET_S else "OVER"
    print(f"{total:6.1f} s  all notebooks, cold  {verdict}")
    record("notebook_s", seconds)
    record("collection_cold_s", total)


if __name__ == "__main__":
    main()
