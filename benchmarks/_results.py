"""Merge one benchmark's numbers into benchmarks/results.json (shared by the bench scripts)."""

import json
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")


def record(key: str, value) -> None:
    """Set ``results[key] = value`` and rewrite the file, keeping the other keys."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[key] = value
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
