"""Export the executed notebooks as offline slides, static HTML pages and PDFs.

    python publish/export.py slides [NAME ...] [--out DIR]   # DIR/slides/NN_name.slides.html
    python publish/export.py html   [NAME ...] [--out DIR]   # DIR/html/NN_name.html + index.html
    python publish/export.py pdf    [NAME ...] [--out DIR]   # DIR/pdf/NN_name.pdf

NAME is a notebook name or prefix ("00", "03_disinhibition"); default: every notebook in
notebooks/. DIR defaults to build/. Each output folder holds local copies of the JavaScript it
needs (reveal.js, jQuery, RequireJS, MathJax 2, the Jupyter widget manager; installed from npm
into publish/node_modules by ``npm ci``), so it works from file:// and loads nothing from the
internet. Slides are laid out for a class from the cells' content (plan_class_slides): the
title with the educational-use notice, each section's heading and question, each figure and
demo (output only, scaled to the slide), short summaries of tables, the exercises and
references as one-line pointers; the other prose and printouts become speaker notes (press S).
PDFs are the HTML pages printed by Debian's chromium, with a print stylesheet that fits every
figure, demo, printout and table to the page width.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
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
from ketamine_moa.widgets import SLIDE_PNG_KEY

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
#: The PDFs' paper (US Letter, chromium's default), (width, height) in mm: the print stylesheet
#: sets it, and fits each tall picture to the room left on its page (fit_pictures_script).
PDF_PAGE_MM = (215.9, 279.4)
#: How fit_pictures_script's page columns are calibrated against chromium's printed pages (how
#: much taller printed lines come out, and the room a fitted picture leaves): the printed breaks
#: drift a line or so from the columns, so each PDF is printed with the first setting and, if a
#: page is then left more than a quarter blank, with the next; the PDF with fewest such pages
#: (then fewest pages) is kept. Measured with publish/pdf_pages.py (poppler-utils); without it
#: the first setting is kept.
PDF_FITS = ({"stretch": 1.008, "spare_mm": 8}, {"stretch": 1.015, "spare_mm": 8})
SITE_TITLE = "How ketamine works as a rapid antidepressant"
SITE_SUMMARY = ("Short notebooks with small, cited toy models that follow one chain link by link, "
                "from ketamine in the blood to new synapses, and explain why that is fast (hours) "
                "while SSRIs take weeks.")
FIGURE_ALT = re.compile(r"^\[Figure: (?P<alt>.+)\]$", re.DOTALL)

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


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
BOLD = re.compile(r"<b>(.+?)</b>", re.S)


def stored_demo_title(state: dict, model_id: str) -> str:
    """A demo's title from the stored widget state: the bold first line of the first HTML
    widget inside its panel ("" if there is none)."""
    queue, seen = [model_id], set()
    while queue:
        model = state.get(queue.pop(0), {})
        if model.get("model_name") == "HTMLModel":
            match = BOLD.search(model.get("state", {}).get("value", ""))
            if match:
                return re.sub(r"<[^>]+>", "", match[1]).strip()
        for child in model.get("state", {}).get("children", []):
            child = str(child).removeprefix("IPY_MODEL_")
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return ""


class AltTextPreprocessor(Preprocessor):
    """Give every figure its alt text and every demo panel its title (read by the templates).

    Figures shown with ``ketamine_moa.widgets.show_figure`` carry "[Figure: <alt text>]" as their
    plain text; a demo panel's title is the bold first line of its stored HTML widget.
    """

    def preprocess(self, nb, resources):
        self.widget_state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        return super().preprocess(nb, resources)

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
                output.metadata["demo_title"] = stored_demo_title(
                    getattr(self, "widget_state", {}),
                    data["application/vnd.jupyter.widget-view+json"].get("model_id", ""))
        return cell, resources



# --- slides for a class: which cells become slides ---------------------------------------------
#: A slide deck for one class: the title (with the notice), one slide per section (its heading
#: and question or first lines), one per figure or demo, one per table of a section without a
#: figure (its first rows), one listing the exercises and one pointing to the references. The
#: rest of the notebook's prose and printouts go to the speaker notes; code is never shown.
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
NOTICE_TEXT = re.compile(r"Educational use only", re.I)
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
SLIDE_PARAGRAPH_CHARS = 420      # a lead paragraph longer than this is cut after a sentence
SLIDE_LIST_CHARS = 1100          # a longer list keeps its bold lead-ins, then its first items
SLIDE_LIST_ITEMS = 7
SLIDE_TABLE_ROWS = 7             # a table on a slide shows its first rows ...
SLIDE_TABLE_CELL_CHARS = 90      # ... and leaves out columns whose cells average more text


def markdown_blocks(source: str) -> list[str]:
    """Markdown split into blocks: headings, paragraphs, lists, tables, quotes, fences, math."""
    blocks: list[str] = []
    current: list[str] = []
    closing = None               # the line that ends the fence or display-math block we are in

    def flush():
        if current:
            blocks.append("\n".join(current))
            current.clear()

    for line in source.splitlines():
        stripped = line.strip()
        if closing:
            current.append(line)
            if stripped.endswith(closing) and len(current) > 1:
                closing = None
                flush()
            continue
        if stripped.startswith("```") or (stripped.startswith("$$") and not (
                len(stripped) > 2 and stripped.endswith("$$"))):
            flush()
            current.append(line)
            closing = "```" if stripped.startswith("```") else "$$"
        elif HEADING.match(line):
            flush()
            blocks.append(line)
        elif not stripped:
            flush()
        else:
            current.append(line)
    flush()
    return blocks


def block_kind(block: str) -> str:
    first = block.lstrip()
    if HEADING.match(block):
        return "heading"
    if first.startswith("```"):
        return "diagram" if re.match(r"```\s*(text)?\s*$", first.splitlines()[0]) else "code"
    if first.startswith("$$"):
        return "math"
    if first.startswith("|"):
        return "table"
    if first.startswith(">"):
        return "quote"
    if LIST_ITEM.match(first):
        return "list"
    return "paragraph"


def plain_text(markdown: str) -> str:
    """Roughly what a reader sees of a piece of markdown or HTML (for measuring its length)."""
    text = re.sub(r"<[^>]+>", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def shorten_paragraph(block: str, limit: int = SLIDE_PARAGRAPH_CHARS) -> str:
    """The paragraph, or its first sentences within ``limit`` characters and an ellipsis."""
    text = " ".join(block.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s+[A-Z(*])", text) if m.end() <= limit]
    if ends:
        return text[:ends[-1]] + " …"
    return text[:limit].rsplit(" ", 1)[0] + " …"


def list_items(block: str) -> list[str]:
    items: list[str] = []
    for line in block.splitlines():
        if LIST_ITEM.match(line) or not items:
            items.append(line.strip())
        else:
            items[-1] += " " + line.strip()
    return items


def shorten_list(block: str) -> str:
    """A long list keeps only its bold lead-ins (when every item has one), then its first items."""
    items = list_items(block)
    if len(plain_text(block)) <= SLIDE_LIST_CHARS and len(items) <= SLIDE_LIST_ITEMS:
        return "\n".join(items)
    leads = [re.match(r"^((?:[-*+]|\d+[.)])\s+)\*\*(.+?)\*\*", item) for item in items]
    if all(leads):
        items = [f"{m[1]}**{m[2].rstrip(' .:')}**" for m in leads]
    kept = list(items)
    while len(kept) > 1 and (len(kept) > SLIDE_LIST_ITEMS
                             or len(plain_text("\n".join(kept))) > SLIDE_LIST_CHARS):
        kept.pop()
    text = "\n".join(kept)
    if len(kept) < len(items):
        text += f"\n\n*… and {len(items) - len(kept)} more in the notebook.*"
    return text


def parse_table(content: str, html: bool) -> tuple[list[str], list[list[str]]]:
    """(header cells, body rows) of a markdown table or of a simple HTML table."""
    if html:
        rows = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
                for row in re.findall(r"<tr[^>]*>(.*?)</tr>", content, re.S)]
    else:
        rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
                for line in content.strip().splitlines() if line.strip().startswith("|")]
        rows = [row for row in rows if not all(re.fullmatch(r":?-+:?", c) for c in row)]
    return (rows[0], rows[1:]) if rows else ([], [])


def summarise_table(content: str, html: bool) -> tuple[str, str | None]:
    """The table cut to fit a slide, and a line saying what was left out (None if nothing)."""
    header, rows = parse_table(content, html)
    if not header:
        return content, None
    width = len(header)
    keep = [i for i in range(width)
            if sum(len(plain_text(r[i])) for r in rows if i < len(r)) / max(len(rows), 1)
            <= SLIDE_TABLE_CELL_CHARS] or [0]
    shown = rows[:SLIDE_TABLE_ROWS]
    if len(keep) == width and len(shown) == len(rows):
        return content, None
    pick = lambda row: [row[i] if i < len(row) else "" for i in keep]  # noqa: E731
    if html:
        head = "".join(f"<th>{cell}</th>" for cell in pick(header))
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in pick(r)) + "</tr>" for r in shown)
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    else:
        lines = [pick(header), ["---"] * len(keep), *map(pick, shown)]
        table = "\n".join("| " + " | ".join(line) + " |" for line in lines)
    parts = []
    if len(shown) < len(rows):
        parts.append(f"the first {len(shown)} of {len(rows)} rows")
    if len(keep) < width:
        dropped = [plain_text(header[i]) for i in range(width) if i not in keep]
        parts.append("without the column" + ("s " if len(dropped) > 1 else " ")
                     + ", ".join(dropped))
    return table, f"*Shown: {' and '.join(parts)}. The full table is in the notebook.*"


def output_table(cell) -> tuple[int, str, bool] | None:
    """(output index, content, is HTML) of the first table a code cell displays, or None."""
    for index, output in enumerate(cell.get("outputs", [])):
        data = output.get("data", {})
        if "<table" in data.get("text/html", ""):
            return index, data["text/html"], True
        if data.get("text/markdown", "").lstrip().startswith("|"):
            return index, data["text/markdown"], False
    return None


#: A figure stored as HTML (ketamine_moa.widgets.show_figure: ``<figure><img alt=...>``, so that
#: a stock nbconvert export keeps its alt text) or as a bare PNG.
FIGURE_HTML = re.compile(r"<(?:figure|img)\b", re.I)


def shows_figure(output) -> bool:
    data = output.get("data", {})
    return "image/png" in data or bool(FIGURE_HTML.search(data.get("text/html", "")))


PNG_DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def with_slide_layouts(cell):
    """The cell with each figure that stores a slide layout (``SLIDE_PNG_KEY``: a tall figure
    laid out again at 16:8 by the build) showing that layout instead, so that its text is not
    scaled down to fit the slide's height."""
    for output in cell.get("outputs", []):
        slide_png = output.get("metadata", {}).get(SLIDE_PNG_KEY)
        page = output.get("data", {}).get("text/html", "")
        if slide_png and PNG_DATA_URI.search(page):
            output.data["text/html"] = PNG_DATA_URI.sub(
                lambda _: f"data:image/png;base64,{slide_png}", page, count=1)
    return cell


def is_visual(cell) -> bool:
    """A code cell that shows a figure or a demo."""
    return cell.cell_type == "code" and any(
        shows_figure(o) or "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        for o in cell.get("outputs", []))


def shows_demo(cell) -> bool:
    """Whether the cell's output is a live demo (a widget view; its panel carries its title)."""
    return any("application/vnd.jupyter.widget-view+json" in output.get("data", {})
               for output in cell.get("outputs", []))


def notebook_sections(nb) -> list[dict]:
    """The notebook as sections: each starts at a level-1 or level-2 heading and holds the
    markdown blocks and code cells up to the next one, in order ("md", blocks) / ("code", cell).
    """
    sections = [{"level": 0, "title": "", "items": []}]
    for cell in nb.cells:
        if cell.cell_type == "code":
            sections[-1]["items"].append(("code", cell))
            continue
        if cell.cell_type != "markdown":
            continue
        pending: list[str] = []
        for block in markdown_blocks(cell.source):
            heading = HEADING.match(block)
            if heading and len(heading[1]) <= 2:
                if pending:
                    sections[-1]["items"].append(("md", pending))
                    pending = []
                sections.append({"level": len(heading[1]), "title": heading[2].strip(),
                                 "items": []})
            else:
                pending.append(block)
        if pending:
            sections[-1]["items"].append(("md", pending))
    return [s for s in sections if s["level"] or s["items"]]


def section_role(section: dict) -> str:
    title = section["title"].lower()
    if section["level"] == 1:
        return "title"
    for role, pattern in (("setup", r"^setup\b"), ("howto", r"^how to use this notebook"),
                          ("exercises", r"^exercises?\b"), ("references", r"^references\b")):
        if re.match(pattern, title):
            return role
    return "section"


def lead_blocks(blocks: list[str]) -> tuple[list[str], list[str]]:
    """(what the section's slide shows, the rest): its question, or its first paragraph(s) up to
    a list or table, shortened to fit; and any text diagram (a fence without a language)."""
    question = [b for b in blocks if block_kind(b) == "paragraph"
                and re.match(r"\*\*Question\.?\*\*", b.strip())]
    shown: list[str] = []
    used: list[str] = question[:1]
    if question:
        shown.append(shorten_paragraph(question[0]))
    else:
        for block in blocks:
            kind = block_kind(block)
            if kind not in ("paragraph", "list", "table"):
                break
            used.append(block)
            if kind == "paragraph":
                shown.append(shorten_paragraph(block))
                if len(block) > 200:
                    break
            elif kind == "list":
                shown.append(shorten_list(block))
                break
            else:
                table, note = summarise_table(block, html=False)
                shown += [table, note] if note else [table]
                break
    diagrams = [b for b in blocks if block_kind(b) == "diagram"]
    return shown + diagrams, [b for b in blocks if b not in used and b not in diagrams]


def plan_class_slides(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose cells are laid out as class slides (see the comment above)."""
    md = nbformat.v4.new_markdown_cell
    cells: list = []

    def add(cell, slide_type: str):
        cell = copy.deepcopy(cell)
        cell.metadata["slideshow"] = {"slide_type": slide_type}
        cells.append(cell)
        return cell

    notices = [b for s in notebook_sections(nb) for kind, item in s["items"] if kind == "md"
               for b in item if block_kind(b) == "quote" and NOTICE_TEXT.search(b)]
    for section in notebook_sections(nb):
        role, items = section_role(section), section["items"]
        heading = "#" * (section["level"] or 2) + " " + section["title"]
        prose = [b for kind, item in items if kind == "md" for b in item]
        if role == "setup":
            continue
        if role == "howto":
            add(md("\n\n".join([heading, *prose])), "notes")
            continue
        if role == "exercises":
            titles = [HEADING.match(b)[2] for b in prose
                      if HEADING.match(b) and re.match(r"exercise", HEADING.match(b)[2], re.I)]
            listed = "\n".join(f"- {t}" for t in titles)
            add(md("\n\n".join(filter(None, [heading, listed, (
                f"*Work them in the notebook `{name}.ipynb`: each has a worked solution "
                "in a cell tagged `solution`.*")]))), "slide")
            continue
        if role == "references":
            count = sum(len(list_items(b)) for b in prose if block_kind(b) == "list")
            add(md(f"{heading}\n\n*{count} references: the full list is at the end of the "
                   f"notebook `{name}.ipynb`.*"), "slide")
            add(md("\n\n".join(prose)), "notes")
            continue
        body = [b for b in prose if not (block_kind(b) == "quote" and NOTICE_TEXT.search(b))]
        shown, rest = lead_blocks(body)
        if role == "title" and notices:
            shown.append(notices[0])
        add(md("\n\n".join([heading, *shown])), "slide")
        has_visual = any(kind == "code" and is_visual(item) for kind, item in items)
        table_done = has_visual or any(block_kind(b) == "table" for b in shown)
        for kind, item in items:
            if kind == "md":
                left = [b for b in item if b in rest]
                table = next((b for b in left if block_kind(b) == "table"), None)
                if table and not table_done:
                    table_done = True
                    summary, note = summarise_table(table, html=False)
                    add(md("\n\n".join(filter(None, [f"### {section['title']}", summary, note]))),
                        "subslide")
                    left.remove(table)
                if left:
                    add(md("\n\n".join(left)), "notes")
            elif is_visual(item):
                # A demo panel carries its own title; a figure gets the section's.
                if shows_demo(item):
                    add(item, "subslide")
                else:
                    add(md(f"### {section['title']}"), "subslide")
                    with_slide_layouts(add(item, "-"))
            elif (found := output_table(item)) and not table_done:
                table_done = True
                index, content, html = found
                summary, note = summarise_table(content, html)
                add(md(f"### {section['title']}"), "subslide")
                cell = add(item, "-")
                output = cell.outputs[index]
                output.data = {"text/html" if html else "text/markdown": summary}
                cell.outputs = [output] + [o for o in cell.outputs if o is not output and
                                           o.get("output_type") == "stream" and
                                           len(o.get("text", "")) < 160]
                if note:
                    add(md(note), "-")
            elif item.get("outputs"):
                add(item, "notes")
    result = copy.deepcopy(nb)
    result.cells = cells
    return result


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
        # Code stays in the notebook: a figure or demo cell shows its output only. The deck
        # is laid out at 1280x720 (16:9) and scaled by reveal.js to the screen; nothing scrolls.
        exporter = SlidesExporter(template_name="ketamine_reveal",
                                  reveal_url_prefix="lib/reveal.js", reveal_theme="white",
                                  reveal_scroll=False, reveal_number="c/t",
                                  reveal_width=str(SLIDE_WIDTH), reveal_height=str(SLIDE_HEIGHT),
                                  exclude_input=True, exclude_input_prompt=True,
                                  exclude_output_prompt=True, **settings)
    else:
        exporter = HTMLExporter(template_name="ketamine_lab", **settings)
    exporter.register_preprocessor(AltTextPreprocessor(), enabled=True)
    return exporter


def write_page(exporter: HTMLExporter, notebook: Path, out_dir: Path,
               print_page_mm: tuple[float, float] | None = None,
               print_fit: dict | None = None) -> Path:
    """Convert one notebook with ``exporter`` into ``out_dir``; return the page's path.

    ``print_page_mm`` (a page to print to PDF): the paper the page is laid out for, and
    ``print_fit`` one of PDF_FITS.
    """
    nb = nbformat.read(notebook, as_version=4)
    if isinstance(exporter, SlidesExporter):
        nb = plan_class_slides(nb, notebook.stem)
    resources = {"metadata": {"name": notebook.stem}}
    if print_page_mm:
        resources["print_page_mm"] = print_page_mm
        resources["print_fit"] = print_fit or PDF_FITS[0]
    body, _ = exporter.from_notebook_node(nb, resources=resources)
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


def load_pdf_pages():
    """publish/pdf_pages.py (the blank-page measurement), or None without poppler-utils."""
    spec = importlib.util.spec_from_file_location("pdf_pages", Path(__file__).with_name(
        "pdf_pages.py"))
    module = sys.modules.setdefault("pdf_pages", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return None if module.missing_tools() else module


def print_fitted_pdf(exporter: HTMLExporter, notebook: Path, html_dir: Path, target: Path) -> None:
    """Print ``notebook`` with each of PDF_FITS until no page is left more than a quarter blank
    and the last page is not empty; keep the best print (fewest such faults, then fewest pages)
    as ``target``."""
    pdf_pages, best = load_pdf_pages(), None
    for attempt, fit in enumerate(PDF_FITS):
        trial = target.with_name(f"{target.stem}.try{attempt}.pdf")
        print_pdf(write_page(exporter, notebook, html_dir, PDF_PAGE_MM, fit), trial)
        if pdf_pages is None:
            best = (0, 0, trial)
            break
        pages = pdf_pages.measure(trial)
        score = (pdf_pages.faults(pages), len(pages), trial)
        if best is None or score[:2] < best[:2]:
            if best is not None:
                best[2].unlink()
            best = score
        else:
            trial.unlink()
        if best[0] == 0:
            break
    best[2].replace(target)


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
            print_fitted_pdf(exporter, notebook, html_dir, target)
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
