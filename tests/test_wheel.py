"""The package stands on its own: a built wheel, installed in a fresh virtual environment and run
from a folder outside the repository, finds its data and runs the models."""

import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUN_OUTSIDE = textwrap.dedent("""
    import sys
    from pathlib import Path
    import ketamine_moa
    from ketamine_moa import simulate, single_infusion, virtual_cohort
    from ketamine_moa.claims import read_claims
    from ketamine_moa.scorecard import findings
    here = Path(ketamine_moa.__file__).resolve()
    assert Path(sys.argv[1]) not in here.parents, f"imported from the repository: {here}"
    run = simulate(single_infusion(mg_per_kg=0.5), t_end_h=24.0)
    cohort = virtual_cohort(single_infusion(mg_per_kg=0.5), n_patients=50, seed=1,
                            t_end_h=7 * 24.0)
    print(round(float(run["ketamine_plasma_uM"].max()), 6), cohort.scores.shape[0],
          len(read_claims()), len(findings()))
""")


def test_the_wheel_runs_outside_the_repository(tmp_path):
    # Built from a copy, so setuptools' build folders never land in the repository.
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "src", copy / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, copy / name)
    wheel_dir = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--no-index", "--quiet", "--wheel-dir", str(wheel_dir), str(copy)],
                   check=True, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    wheel = next(wheel_dir.glob("ketamine_moa-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for table in ("parameters.csv", "findings.csv", "claims.csv"):
        assert f"ketamine_moa/data/{table}" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    metadata = zipfile.ZipFile(wheel).read(
        next(name for name in names if name.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: BSD-3-Clause AND CC-BY-4.0" in metadata

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # The wheel's dependencies come from the test environment: its site-packages is added as a
    # plain path, so the editable install of this repository there (a .pth file) is not loaded.
    here_site = subprocess.run([sys.executable, "-c",
                                "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "test_dependencies.pth").write_text(here_site + "\n")
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                    str(wheel)], check=True, capture_output=True, text=True, timeout=300)

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT / "tests" / "offline")  # keep the run offline, as every test
    env.pop("KETAMINE_MOA_FIGURES_DIR", None)
    result = subprocess.run([python, "-c", RUN_OUTSIDE, str(ROOT)], cwd=outside, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    peak_uM, n_patients, n_claims, n_findings = result.stdout.split()
    assert 0.5 < float(peak_uM) < 1.5 and int(n_patients) == 50
    assert int(n_claims) > 0 and int(n_findings) > 0
    assert list(outside.iterdir()) == [], "running the models wrote files"
