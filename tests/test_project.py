"""Project wiring: one package list in two files, a safe launcher, CI calling the README's command."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement):
    return re.split(r"[<>=!~ ]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_and_pyproject_name_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pyproject = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    conda = set()
    dependencies = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in dependencies.splitlines():
        match = re.match(r"^  - ([A-Za-z][\w.-]*)", line)
        if match and match.group(1) not in ("python", "pip"):
            conda.add(match.group(1).lower())
    assert conda == pyproject


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
