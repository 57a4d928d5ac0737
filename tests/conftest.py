"""Keep Jupyter, IPython and matplotlib caches out of the home folder during tests."""

import os
import tempfile
from pathlib import Path

_CACHE = Path(tempfile.mkdtemp(prefix="ketamine_moa_test_"))
for _name in ("MPLCONFIGDIR", "IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
              "JUPYTER_RUNTIME_DIR"):
    _folder = _CACHE / _name.lower()
    _folder.mkdir()
    os.environ[_name] = str(_folder)
os.environ["KETAMINE_MOA_FIGURES_DIR"] = str(_CACHE / "figures")
