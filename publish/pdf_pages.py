"""How much of each printed PDF page is left blank at the bottom (a measurement helper).

    python publish/pdf_pages.py [PDF or folder ...]    # default: build/pdf/ (make pdf)

Every page is rendered in grey by poppler's ``pdftoppm`` at a low resolution; the blank part
of a page is the run of white rows between its last ink and the bottom margin (the print
stylesheet's 12 mm), as a fraction of the printable height. A page that is not the last of
its PDF and is more than a quarter blank is an *offender*; for each, the report says how tall
the first block of the next page is (the block that did not fit: ink up to the first gap of
3 mm or more, or up to the first gap after a figure) and how it starts (its first words, from
``pdftotext``), and whether it could have fit in the blank part at all. A PDF whose last page
has no ink at all ends on an *empty* page (also a fault).
Used by publish/export.py (to keep the better of two layouts of a PDF) and
tests/test_print_layout.py; needs poppler-utils (``apt-get install poppler-utils``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DPI = 36                      # enough to find a row of ink; a whole notebook renders in ~1 s
MM_PER_PX = 25.4 / DPI
MARGIN_MM = 12                # @page margin in publish/templates/ketamine_outputs.j2
INK = 235                     # a pixel darker than this (of 255) is ink, not paper
BLOCK_GAP_MM = 3.0            # a white band at least this tall separates two blocks
BLANK_LIMIT = 0.25            # an offender is a non-final page more than a quarter blank
MIN_PICTURE_WIDTH_MM = 100   # the print stylesheet shrinks no picture below this width
TOOLS = ("pdftoppm", "pdftotext", "pdfimages")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass
class Page:
    path: Path                # the PDF
    number: int               # 1-based
    last: bool                # the last page of its PDF
    height_mm: float          # printable height (page less margins)
    blank_mm: float           # white at the bottom of the printable area
    next_block_mm: float = 0.0    # the first block of the next page
    next_starts: str = ""         # its first words
    next_picture_mm: tuple[float, float] | None = None   # its first picture, (width, height)

    @property
    def blank(self) -> float:
        return self.blank_mm / self.height_mm

    @property
    def offends(self) -> bool:
        return not self.last and self.blank > BLANK_LIMIT

    @property
    def empty(self) -> bool:
        """No ink at all (a page pushed out by something invisible, such as trailing padding)."""
        return self.blank_mm >= self.height_mm - MM_PER_PX / 2

    def why(self) -> str:
        """Why this page ends early: what the next page starts with, and its first picture."""
        text = (f"{self.blank_mm:.0f} mm left; the next page starts with a "
                f"{self.next_block_mm:.0f} mm block {self.next_starts!r}")
        if self.next_picture_mm:
            width, height = self.next_picture_mm
            text += (f"; its first picture is {width:.0f} x {height:.0f} mm "
                     f"({height * MIN_PICTURE_WIDTH_MM / width:.0f} mm tall at "
                     f"{MIN_PICTURE_WIDTH_MM} mm wide)")
        return text


def _read_pgm(path: Path) -> np.ndarray:
    """A binary PGM (P5) file as a 2-D uint8 array."""
    data = path.read_bytes()
    fields, position = [], 0
    while len(fields) < 4:                       # magic, width, height, maxval
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    position += 1
    if fields[0] != b"P5" or int(fields[3]) > 255:
        raise ValueError(f"{path}: not an 8-bit binary PGM")
    width, height = int(fields[1]), int(fields[2])
    return np.frombuffer(data, np.uint8, width * height, position).reshape(height, width)


def _ink_rows(image: np.ndarray, margin_px: int) -> np.ndarray:
    """Per row of the printable area: whether it holds any ink."""
    return (image[margin_px:image.shape[0] - margin_px] < INK).any(axis=1)


def _first_block_px(rows: np.ndarray, gap_px: int) -> int:
    """Height of the first block of ink (from the top of the printable area to its end)."""
    inked = np.flatnonzero(rows)
    if not inked.size:
        return 0
    end = inked[0]
    for row in inked[1:]:
        if row - end > gap_px:
            break
        end = row
    return end + 1


def _first_words(pdf: Path, number: int, words: int = 8) -> str:
    text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout",
                           str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()[:words])


def pictures_mm(pdf: Path, number: int) -> list[tuple[float, float]]:
    """The printed sizes (width, height in mm) of the pictures on a page, from
    ``pdfimages -list``; images under 10 mm either way (icons, rules) are left out."""
    listing = subprocess.run(["pdfimages", "-list", "-f", str(number), "-l", str(number),
                              str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = []
    for line in listing.splitlines()[2:]:
        fields = line.split()
        width, height, x_ppi, y_ppi = (int(fields[i]) for i in (3, 4, 12, 13))
        size = (25.4 * width / x_ppi, 25.4 * height / y_ppi)
        if min(size) >= 10:
            sizes.append(size)
    return sizes


def measure(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its blank bottom and, if it is not the last, the next block."""
    with tempfile.TemporaryDirectory(prefix="ketamine_moa_pages_") as folder:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), f"{folder}/p"],
                       check=True, capture_output=True)
        images = [_read_pgm(p) for p in sorted(Path(folder).glob("p-*.pgm"),
                                               key=lambda p: int(p.stem.split("-")[1]))]
    margin_px = round(MARGIN_MM / MM_PER_PX)
    gap_px = round(BLOCK_GAP_MM / MM_PER_PX)
    rows = [_ink_rows(image, margin_px) for image in images]
    pages = []
    for index, ink in enumerate(rows):
        inked = np.flatnonzero(ink)
        blank_px = len(ink) - (inked[-1] + 1 if inked.size else 0)
        page = Page(pdf, index + 1, index == len(rows) - 1, len(ink) * MM_PER_PX,
                    blank_px * MM_PER_PX)
        if page.offends:
            page.next_block_mm = _first_block_px(rows[index + 1], gap_px) * MM_PER_PX
            page.next_starts = _first_words(pdf, index + 2)
            page.next_picture_mm = next(iter(pictures_mm(pdf, index + 2)), None)
        pages.append(page)
    return pages


def offenders(pdf: Path) -> list[Page]:
    return [page for page in measure(pdf) if page.offends]


def faults(pages: list[Page]) -> int:
    """How many defects a PDF's pages have: the non-final pages more than a quarter blank, and
    one more if it ends on an empty page."""
    return sum(page.offends for page in pages) + bool(pages and pages[-1].empty)


def pdfs_in(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found += sorted(path.glob("*.pdf")) if path.is_dir() else [path]
    return found


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    missing = missing_tools()
    if missing:
        print(f"missing {', '.join(missing)} (apt-get install poppler-utils)", file=sys.stderr)
        return 1
    pdfs = pdfs_in([Path(a) for a in argv] or [Path(__file__).resolve().parents[1] / "build/pdf"])
    total = offenders = empty_ends = 0
    for pdf in pdfs:
        pages = measure(pdf)
        total += len(pages)
        print(f"{pdf.name}: {len(pages)} pages, bottom blank "
              + " ".join(f"{p.blank:.0%}" for p in pages))
        for page in pages:
            if page.offends:
                offenders += 1
                print(f"  page {page.number}: {page.blank:.0%} blank, {page.why()}")
        if pages and pages[-1].empty:
            empty_ends += 1
            print(f"  page {pages[-1].number}, the last, is empty")
    print(f"{total} pages in {len(pdfs)} PDFs; {offenders} non-final pages more than "
          f"{BLANK_LIMIT:.0%} blank; {empty_ends} PDFs end on an empty page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
