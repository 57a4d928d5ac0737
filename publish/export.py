"""Export the executed notebooks as offline slides, static HTML pages and PDFs.

    python publish/export.py slides [NAME ...] [--out DIR]   # DIR/slides/NN_name.slides.html
    python publish/export.py html   [NAME ...] [--out DIR]   # DIR/html/NN_name.html + index.html
    python publish/export.py pdf    [NAME ...] [--out DIR]   # DIR/pdf/NN_name.pdf

NAME is a notebook name or prefix ("00", "03_disinhibition"); default: every notebook in
notebooks/. DIR defaults to build/. Each output folder holds local copies of the JavaScript it
needs (reveal.js, jQuery, RequireJS, MathJax 2, the Jupyter widget manager; installed from npm
into publish/node_modules by ``npm ci``), so it works from file:// and loads nothing from the
internet. Slides follow each cell's ``metadata.slideshow.slide_type`` (set when the notebooks
are built). PDFs are the HTML pages printed by Debian's chromium.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import Preprocessor

from ketamine_moa.build import select

PROJECT_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
FIGURES_DIR = PROJECT_ROOT / "figures"
NODE_MODULES = PROJECT_ROOT / "publish" / "node_modules"
TEMPLATES_DIR = PROJECT_ROOT / "publish" / "templates"
CHROMIUM = Path("/usr/bin/chromium")
#: Headless chromium that prints a page and talks to nothing but this machine.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-extensions", "--no-pdf-header-footer")
#: Virtual time the page gets to load the widget manager, draw the widgets and typeset the math.
PDF_RENDER_BUDGET_MS = 20_000
PDF_TIMEOUT_S = 120
SITE_TITLE = "How ketamine works as a rapid antidepressant"
SITE_SUMMARY = ("Short notebooks with small, cited toy models that follow one chain link by link, "
                "from ketamine in the blood to new synapses, and explain why that is fast (hours) "
                "while SSRIs take weeks.")
FIGURE_ALT = re.compile(r"^\[Figure: (?P<alt>.+)\]$", re.DOTALL)
DEMO_TITLE = re.compile(r"^\[Interactive demo '(?P<title>.+?)':")

#: Files copied from publish/node_modules/<package>/ to <output>/lib/<folder>/ (same sub-paths).
LIB_FILES = {
    "requirejs": ("requirejs", ["require.js"]),
    "mathjax": ("mathjax", [
        "LICENSE", "MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js",
        "extensions/*.js", "extensions/TeX/*.js", "extensions/MathML/*.js",
        "jax/input/TeX/*.js", "jax/element/**/*.js", "jax/output/CommonHTML/**/*.js",
        "fonts/HTML-CSS/TeX/woff/*.woff", "localization/en/**/*.js"]),
    "html-manager": ("@jupyter-widgets/html-manager", [
        "dist/embed-amd.js", "dist/embed.js.LICENSE.txt", "dist/*.woff2", "dist/*.woff"]),
    "jquery": ("jquery", ["LICENSE.txt", "dist/jquery.min.js"]),
    "reveal.js": ("reveal.js", [
        "LICENSE", "dist/reveal.js", "dist/reveal.css", "dist/theme/white.css",
        "dist/theme/fonts/source-sans-pro/*", "plugin/notes/notes.js"]),
}
HTML_LIBS = ("requirejs", "mathjax", "html-manager")
SLIDES_LIBS = (*HTML_LIBS, "jquery", "reveal.js")

#: Exporter settings that point every script at the local copies (URLs relative to the page).
LOCAL_URLS = {
    "require_js_url": "lib/requirejs/require.js",
    "mathjax_url": "lib/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
    "widget_renderer_url": "lib/html-manager/dist/embed-amd.js",
    "jquery_url": "lib/jquery/dist/jquery.min.js",
}


class AltTextPreprocessor(Preprocessor):
    """Give every figure its alt text and every demo panel its title (read by the templates).

    Figures shown with ``ketamine_moa.widgets.show_figure`` carry "[Figure: <alt text>]" as their
    plain text; demo panels carry "[Interactive demo '<title>': ...]".
    """

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = data.get("text/plain", "")
            if "image/png" in data:
                match = FIGURE_ALT.match(text)
                if match is None:
                    raise ValueError(
                        f"{resources['metadata']['name']}: cell {index} shows an image without alt "
                        f"text (its text/plain is {text[:60]!r}); display figures with "
                        "ketamine_moa.widgets.show_figure(fig, alt_text)")
                output.metadata["alt"] = match["alt"]
            elif "application/vnd.jupyter.widget-view+json" in data:
                match = DEMO_TITLE.match(text)
                output.metadata["demo_title"] = match["title"] if match else ""
        return cell, resources


def select_notebooks(names: list[str], notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The executed notebooks whose names start with one of ``names`` (all if none)."""
    available = sorted(notebooks_dir.glob("[0-9][0-9]_*.ipynb"))
    if not available:
        raise ValueError(f"no executed notebooks (NN_*.ipynb) in {notebooks_dir}; "
                         "build them first with `make notebooks`")
    unknown = [name for name in names if not select(available, [name])]
    if unknown:
        raise ValueError(f"no notebook matches {unknown}; notebooks: "
                         + ", ".join(nb.stem for nb in available))
    return select(available, names)


def copy_libs(libs: tuple[str, ...], out_dir: Path) -> None:
    """Copy the listed JavaScript libraries from publish/node_modules to ``out_dir/lib``."""
    for folder in libs:
        package, patterns = LIB_FILES[folder]
        source = NODE_MODULES / package
        if not source.is_dir():
            raise ValueError(f"{source} is missing; install the JavaScript libraries with "
                             "`make publish/node_modules/.installed` (runs npm ci in publish/)")
        for pattern in patterns:
            files = [f for f in source.glob(pattern) if f.is_file()]
            if not files:
                raise ValueError(f"{package}: nothing matches {pattern!r} in {source}; "
                                 "reinstall with `npm ci` in publish/")
            for file in files:
                target = out_dir / "lib" / folder / file.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)


def make_exporter(kind: str) -> HTMLExporter:
    """An HTML or slides exporter using the project's templates and the local libraries."""
    settings = dict(extra_template_basedirs=[str(TEMPLATES_DIR)],
                    extra_template_paths=[str(TEMPLATES_DIR)], **LOCAL_URLS)
    if kind == "slides":
        exporter = SlidesExporter(template_name="ketamine_reveal",
                                  reveal_url_prefix="lib/reveal.js", reveal_theme="white",
                                  reveal_scroll=True, reveal_number="c/t",
                                  exclude_input_prompt=True, exclude_output_prompt=True, **settings)
    else:
        exporter = HTMLExporter(template_name="ketamine_lab", **settings)
    exporter.register_preprocessor(AltTextPreprocessor(), enabled=True)
    return exporter


def has_slide_metadata(nb: nbformat.NotebookNode) -> bool:
    return any("slideshow" in cell.metadata for cell in nb.cells)


def write_page(exporter: HTMLExporter, notebook: Path, out_dir: Path) -> Path:
    """Convert one notebook with ``exporter`` into ``out_dir``; return the page's path."""
    nb = nbformat.read(notebook, as_version=4)
    if isinstance(exporter, SlidesExporter) and not has_slide_metadata(nb):
        raise ValueError(f"{notebook.name} has no slide metadata (cell metadata.slideshow); "
                         "rebuild the notebooks with `make notebooks`")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    target = out_dir / f"{notebook.stem}{exporter.file_extension}"
    target.write_text(body, encoding="utf-8")
    return target


def export_pages(kind: str, notebooks: list[Path], out_dir: Path) -> list[Path]:
    """Write one page per notebook (``kind`` "html" or "slides") plus the local libraries."""
    out_dir.mkdir(parents=True, exist_ok=True)
    copy_libs(SLIDES_LIBS if kind == "slides" else HTML_LIBS, out_dir)
    exporter = make_exporter(kind)
    written = []
    for notebook in notebooks:
        started = time.perf_counter()
        written.append(write_page(exporter, notebook, out_dir))
        report(written[-1], started)
    return written


def notebook_title(nb: nbformat.NotebookNode) -> str:
    """The notebook's level-1 heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^# (.+)$", cell.source, re.MULTILINE)
            if match:
                return match[1].strip()
    raise ValueError("notebook has no level-1 heading ('# Title')")


def thumbnail(nb: nbformat.NotebookNode, number: str,
              alt_texts: dict[str, str]) -> tuple[str, str]:
    """(figure file, alt text): the first of the notebook's figures in figures/ that it shows."""
    by_alt = {alt: name for name, alt in alt_texts.items()
              if name.startswith(f"{number}_") and (FIGURES_DIR / name).is_file()}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            match = FIGURE_ALT.match(output.get("data", {}).get("text/plain", ""))
            if match and match["alt"] in by_alt:
                return by_alt[match["alt"]], match["alt"]
    if by_alt:
        name = min(by_alt.values())
        return name, alt_texts[name]
    raise ValueError(f"no figure {number}_*.png with alt text in {FIGURES_DIR} "
                     "(figures/alt_text.json)")


def write_index(out_dir: Path, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
    """index.html: title, notice and one entry (title, thumbnail) per page present in out_dir."""
    started = time.perf_counter()
    alt_texts = json.loads((FIGURES_DIR / "alt_text.json").read_text(encoding="utf-8"))
    entries = []
    for notebook in select_notebooks([], notebooks_dir):
        page = out_dir / f"{notebook.stem}.html"
        if not page.is_file():
            continue
        nb, number = nbformat.read(notebook, as_version=4), notebook.stem[:2]
        figure, alt = thumbnail(nb, number, alt_texts)
        (out_dir / "figures").mkdir(exist_ok=True)
        shutil.copyfile(FIGURES_DIR / figure, out_dir / "figures" / figure)
        entries.append({"number": number, "title": notebook_title(nb), "page": page.name,
                        "thumbnail": f"figures/{figure}", "alt": alt})
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
                                     autoescape=True, undefined=jinja2.StrictUndefined)
    html = environment.get_template("site_index.html.j2").render(
        title=SITE_TITLE, summary=SITE_SUMMARY, entries=entries)
    target = out_dir / "index.html"
    target.write_text(html, encoding="utf-8")
    report(target, started)
    return target


def require_chromium() -> None:
    if not CHROMIUM.is_file():
        raise ValueError(f"{CHROMIUM} not found: PDFs are printed by Debian's chromium; "
                         "install it with `apt-get install chromium`")


def print_pdf(page: Path, target: Path) -> None:
    """Print ``page`` to ``target`` with headless chromium, after widgets and math render."""
    with tempfile.TemporaryDirectory(prefix="ketamine_moa_chromium_") as profile:
        command = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                   f"--virtual-time-budget={PDF_RENDER_BUDGET_MS}",
                   f"--print-to-pdf={target}", page.as_uri()]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False,
                                    timeout=PDF_TIMEOUT_S)
        except subprocess.TimeoutExpired as error:
            raise RuntimeError(f"chromium did not print {page.name} within {PDF_TIMEOUT_S} s"
                               ) from error
    if result.returncode != 0 or not target.is_file():
        raise RuntimeError(f"chromium could not print {page.name} (exit {result.returncode}):\n"
                           + result.stderr[-2000:])


def export_pdfs(notebooks: list[Path], out_dir: Path) -> list[Path]:
    """One PDF per notebook: its offline HTML page (in a temporary folder) printed by chromium."""
    require_chromium()
    out_dir.mkdir(parents=True, exist_ok=True)
    exporter = make_exporter("html")
    written = []
    with tempfile.TemporaryDirectory(prefix="ketamine_moa_pdf_") as folder:
        html_dir = Path(folder)
        copy_libs(HTML_LIBS, html_dir)
        for notebook in notebooks:
            started = time.perf_counter()
            target = out_dir / f"{notebook.stem}.pdf"
            print_pdf(write_page(exporter, notebook, html_dir), target)
            written.append(target)
            report(target, started)
    return written


def report(path: Path, started: float) -> None:
    try:
        shown = path.relative_to(PROJECT_ROOT)
    except ValueError:
        shown = path
    print(f"{time.perf_counter() - started:6.1f} s  {shown}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("slides", "html", "pdf"))
    parser.add_argument("names", nargs="*", help="notebook names or prefixes (default: all)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "build",
                        help="output root; files go to OUT/<kind>/ (default: build/)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR,
                        help="folder of executed notebooks (default: notebooks/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        notebooks = select_notebooks(args.names, args.notebooks)
        out_dir = args.out.resolve() / args.kind
        if args.kind == "pdf":
            export_pdfs(notebooks, out_dir)
        else:
            export_pages(args.kind, notebooks, out_dir)
            if args.kind == "html":
                write_index(out_dir, args.notebooks)
    except (ValueError, RuntimeError) as error:
        print(f"export.py {args.kind}: {error}", file=sys.stderr)
        return 1
    print(f"{time.perf_counter() - started:6.1f} s  total", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
