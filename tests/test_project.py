"""Project wiring: one package list in two files and a lock that satisfies it, a safe and quiet
launcher, CI calling the README's command."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
REQUIREMENTS = PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]


def _split(requirement):
    """("numpy", ">=1.26") from "numpy>=1.26"."""
    name, specifier = re.match(r"^([A-Za-z][\w.-]*)\s*(.*)$", requirement.strip()).groups()
    return name.lower(), specifier.replace(" ", "")


def test_environment_yml_and_pyproject_name_the_same_packages_and_bounds():
    conda = {}
    dependencies = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in dependencies.splitlines():
        match = re.match(r"^  - ([A-Za-z][\w.-]*\S*)$", line)
        if match and _split(match.group(1))[0] not in ("python", "pip"):
            conda.update([_split(match.group(1))])
    assert conda == dict(map(_split, REQUIREMENTS))


def _version(text):
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_the_lock_pins_every_requirement_within_its_lower_bound():
    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z][\w.-]*)==([\w.]+)\s*(;\s*(.*?))?\s*(#.*)?$", line)
        if match:
            marker = match.group(4) or ""
            if not marker or "3.11" in marker:  # this machine's Python
                pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    for name, specifier in map(_split, REQUIREMENTS):
        assert name in pins, f"{name} is not in requirements-lock.txt: run `make lock`"
        assert _version(pins[name]) >= _version(specifier.lstrip(">=")), (name, pins[name])


def test_make_installs_with_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCK := requirements-lock.txt" in makefile
    installs = re.findall(r"pip install [^\n]*-e [^\n]*", makefile)
    assert len(installs) == 2 and all("-c $(LOCK)" in line for line in installs)
    assert re.search(r"^lock:.*\n(\t.*\n)*\t.*uv pip compile pyproject.toml --extra test",
                     makefile, re.M)


def test_lint_runs_in_make_test():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: lint\b", makefile, re.M)
    assert re.search(r"^lint:.*\n\t\$\(BIN\)/ruff check \.$", makefile, re.M)


def test_lab_runs_local_and_quiet_with_the_project_config(tmp_path):
    """The settings JupyterLab actually loads through the Makefile's JUPYTER_CONFIG_PATH."""
    makefile = (ROOT / "Makefile").read_text()
    assert "export JUPYTER_CONFIG_PATH := $(CURDIR)/jupyter-config" in makefile
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(ROOT / "jupyter-config"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    shown = subprocess.run([sys.executable, "-m", "jupyterlab", "--show-config"], env=env,
                           capture_output=True, text=True, timeout=120, check=True)
    config = shown.stdout
    assert str(ROOT / "jupyter-config" / "jupyter_server_config.json") in config
    for expected in (".news_url = None",
                     ".check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'",
                     ".extension_manager = 'readonly'", ".ip = '127.0.0.1'",
                     ".allow_remote_access = False"):
        assert expected in config, f"{expected} missing from:\n{config}"
    assert "token" not in config.lower() and "password" not in config.lower()


def test_make_runs_kernels_with_one_openblas_thread():
    """`make lab`, `make notebooks` and `make test` (and the browser driver, which stands in for
    `make lab`) start kernels with OPENBLAS_NUM_THREADS=1 unless the caller set it."""
    def seen_by_make(env: dict[str, str]) -> str:
        return subprocess.run(
            ["make", "-s", "--no-print-directory", "-C", str(ROOT), "--eval",
             "show-blas-threads: ; @echo $$OPENBLAS_NUM_THREADS", "show-blas-threads"],
            env=env, capture_output=True, text=True, check=True).stdout.strip()

    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert seen_by_make(env) == "1"
    assert seen_by_make({**env, "OPENBLAS_NUM_THREADS": "2"}) == "2"
    driver = (ROOT / "tests" / "lab_driver.py").read_text()
    assert '"OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")' in driver


def test_lab_binds_localhost_and_keeps_the_token():
    makefile = (ROOT / "Makefile").read_text()
    lab = re.search(r"^lab:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "--ip=127.0.0.1" in lab and "notebooks/00_start_here.ipynb" in lab
    for unsafe in ("token=''", 'token=""', "--IdentityProvider.token=", "--NotebookApp.token=",
                   "--ServerApp.token=", "0.0.0.0", "--ServerApp.password="):
        assert unsafe not in lab


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme


def test_licence_file_readme_section_and_package_metadata_agree():
    licence = (ROOT / "LICENSE").read_text()
    assert "BSD 3-Clause License" in licence and "Redistributions in binary form" in licence
    assert "Creative Commons Attribution 4.0" in licence and "CC BY 4.0" in licence
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Licence", 1)[1].split("\n## ", 1)[0]
    assert "BSD 3-Clause" in section and "CC BY 4.0" in section and "(LICENSE)" in section
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'license = "BSD-3-Clause AND CC-BY-4.0"' in pyproject
    assert 'license-files = ["LICENSE"]' in pyproject
    # The SPDX expression needs setuptools 77 (PEP 639), for the isolated build and for the
    # wheel test's build without isolation.
    assert 'requires = ["setuptools>=77"]' in pyproject and '"setuptools>=77",' in pyproject
