"""Cold run time of every notebook on a fresh kernel (a measurement, not a test).

Each notebook source is executed as ``make notebooks`` does, but one fresh kernel after another
and into a temporary folder (figures too), so the committed notebooks are not touched.

Budget: each notebook <= 8 s, notebook 08 <= 6 s and the whole collection <= 40 s on the
2-core reference machine (the speed issue). Written to benchmarks/results.json as
"notebook_s" {name: s} and "collection_cold_s" (their sum), with the 1-minute load average at
the start and at the end ("notebook_load_avg"): the machine may be shared, so compare runs at
similar load. "notebook_cpu_s" is the CPU time (user + system) of each notebook's kernel, which load
changes much less than the wall-clock time. "collection_build_s" is then the wall-clock time
of the build itself on every notebook (``build_all``, a notebook per core at a time, into a
temporary folder), with the number at a time in "collection_build_jobs".

``python benchmarks/bench_notebooks.py --cells [NAME_PREFIX ...]`` instead prints where each
notebook's time goes: the kernel start (until the first cell begins), each code cell taking
longer than ``--over`` seconds, and the rest (Markdown placeholders, messages); it writes
nothing.
"""

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from _results import record

from ketamine_moa.build import (EXECUTION_TIMEOUT_S, NOTEBOOKS_DIR, _FillingClient, build_all,
                                default_jobs, execute, notebook_sources, read_source, select)

NOTEBOOK_BUDGET_S = 8.0
BUDGET_S = {"08_from_mechanism_to_patients": 6.0}  # tighter budgets for single notebooks
COLLECTION_BUDGET_S = 40.0


def _stamp(text: str) -> float:
    """Seconds since the epoch of an nbclient ISO time stamp ("2024-05-01T10:00:00.123456Z")."""
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def cell_times(source) -> tuple[float, float, list[tuple[int, float, str]]]:
    """(total s, kernel start s, [(cell index, s, first code line)]) for one notebook."""
    nb = read_source(source)
    client = _FillingClient(nb, timeout=EXECUTION_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
                            record_timing=True)
    started = time.time()
    client.execute()
    total = time.time() - started
    cells, first = [], None
    for index, cell in enumerate(nb.cells):
        timing = cell.metadata.get("execution", {})
        if cell.cell_type != "code" or "shell.execute_reply" not in timing:
            continue
        begin = _stamp(timing["iopub.execute_input"])
        first = begin if first is None else first
        line = next((s for s in cell.source.splitlines() if s and not s.startswith("#")), "")
        cells.append((index, _stamp(timing["shell.execute_reply"]) - begin, line[:70]))
    return total, (first - started) if first else total, cells


def _children_cpu_s() -> float:
    """User + system CPU seconds of the ended child processes (the kernels) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def profile_cells(prefixes: list[str], over_s: float) -> None:
    for source in select(notebook_sources(), prefixes):
        total, kernel_s, cells = cell_times(source)
        code_s = sum(s for _, s, _ in cells)
        print(f"{source.stem}: {total:.2f} s = kernel start {kernel_s:.2f} s + code cells "
              f"{code_s:.2f} s + rest {total - kernel_s - code_s:.2f} s")
        for index, seconds, line in cells:
            if seconds >= over_s:
                print(f"  cell {index:3d} {seconds:6.2f} s  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", nargs="*", metavar="NAME",
                        help="per-cell times of these notebooks (prefixes; none: all)")
    parser.add_argument("--over", type=float, default=0.2,
                        help="with --cells: list the code cells taking at least this long (s)")
    args = parser.parse_args()
    os.environ["KETAMINE_MOA_FIGURES_DIR"] = tempfile.mkdtemp(prefix="ketamine_moa_bench_")
    if args.cells is not None:
        profile_cells(args.cells, args.over)
        return
    load_start = os.getloadavg()[0]
    seconds, cpu = {}, {}
    for source in notebook_sources():
        started, kernels_before = time.perf_counter(), _children_cpu_s()
        execute(read_source(source))
        seconds[source.stem] = round(time.perf_counter() - started, 2)
        cpu[source.stem] = round(_children_cpu_s() - kernels_before, 2)  # the ended kernel
        budget = BUDGET_S.get(source.stem, NOTEBOOK_BUDGET_S)
        verdict = "ok" if seconds[source.stem] <= budget else "OVER"
        print(f"{seconds[source.stem]:6.2f} s  (kernel CPU {cpu[source.stem]:5.2f} s)  "
              f"{source.stem}  {verdict}")
    total = round(sum(seconds.values()), 1)
    verdict = "ok" if total <= COLLECTION_BUDGET_S else "OVER"
    load = [round(load_start, 2), round(os.getloadavg()[0], 2)]
    print(f"{total:6.1f} s  (kernel CPU {sum(cpu.values()):5.1f} s)  all notebooks, cold  "
          f"{verdict}  (load average {load[0]} -> {load[1]})")
    jobs, started = default_jobs(), time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ketamine_moa_build_") as out_dir:
        build_all(notebook_sources(), Path(out_dir), Path(out_dir) / "figures", jobs=jobs)
    build_s = round(time.perf_counter() - started, 1)
    verdict = "ok" if build_s <= COLLECTION_BUDGET_S else "OVER"
    print(f"{build_s:6.1f} s  the build of all notebooks, {jobs} at a time  {verdict}")
    record("notebook_s", seconds)
    record("notebook_cpu_s", cpu)
    record("collection_cold_s", total)
    record("collection_build_s", build_s)
    record("collection_build_jobs", jobs)
    record("notebook_load_avg", load)


if __name__ == "__main__":
    main()
