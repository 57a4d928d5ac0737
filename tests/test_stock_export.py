"""What nbviewer shows: a stock ``jupyter nbconvert --to html`` export (the default "lab"
template, no project template or preprocessor) of each committed notebook gives every figure
its alt text."""

from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NBCONVERT_DEFAULT_ALT = "No description has been provided for this image"


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


@pytest.fixture(scope="module")
def exporter():
    """One stock exporter for every notebook (its templates are loaded once)."""
    return HTMLExporter()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stock_nbconvert_export_keeps_every_figure_alt_text(exporter, path):
    nb = nbformat.read(path, as_version=4)
    body, _ = exporter.from_notebook_node(nb)
    images = Images()
    images.feed(body)
    figures = sum(1 for cell in nb.cells
                  for output in cell.get("outputs", [])
                  if output.get("data", {}).get("text/plain", "").startswith("[Figure: "))
    assert len(images.alts) >= figures
    missing = [alt for alt in images.alts if not alt or alt == NBCONVERT_DEFAULT_ALT]
    assert not missing, f"{len(missing)} of {len(images.alts)} images without alt text"
