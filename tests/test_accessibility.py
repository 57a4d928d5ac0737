"""Accessibility, enforced: every figure has a descriptive alt text, the README shows figures
with that alt text and links only to notebooks that exist, the house style is colour-blind safe
and projector sized, no legend relies on colour alone, notebook headings are in order, and every
control has a text label with its unit.

Figures are built in-process from the demo declarations (``DEMOS`` in each module of
``ketamine_moa.demos``) and from the static figures the notebooks show; no kernel is started.
"""

import functools
import itertools
import json
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import pytest
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from ketamine_moa import plotting
from ketamine_moa.demos import all_demos, body, cohort_demo, overview, ssri_demo, whole_chain
from ketamine_moa.widgets import Choice, Slider

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "figures"
ALT_TEXT = json.loads((FIGURES / "alt_text.json").read_text())
README = (ROOT / "README.md").read_text()

DEMOS = all_demos()
#: Figures the notebooks show that are not a demo's sweep: (name, function, file, function
#: computing the alt text).
#: The chain overview's alt text is written in notebook 00, so only its file is known here.
STATIC = [
    ("chain_overview", overview.chain_figure, "00_chain_overview.png", None),
    ("puzzle", body.puzzle_figure, body.PUZZLE_FILE, body.puzzle_alt_text),
    ("paradox", ssri_demo.paradox_figure, ssri_demo.PARADOX_FILE, ssri_demo.paradox_alt_text),
    ("every_stage", whole_chain.every_stage_figure, whole_chain.EVERY_STAGE_FILE,
     whole_chain.every_stage_alt_text),
    ("response_times", cohort_demo.response_times_figure, cohort_demo.RESPONSE_TIMES_FILE,
     cohort_demo.response_times_alt_text),
]

#: Okabe & Ito (2008), written out here so the test does not trust plotting.PALETTE.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
             "#CC79A7"}
MIN_STYLE_FONT_PT = 12.0
MIN_TEXT_PT = 10.0
MIN_FIGURE_WIDTH_IN = 8.0
ALT_TEXT_CHARS = (40, 400)
BOILERPLATE = re.compile(r"^(an? |the )?(figure|image|picture|photo|graphic|screenshot|plot|"
                         r"graph|chart)\s+(of|showing|shows|that)\b", re.I)


@pytest.fixture(scope="module", autouse=True)
def house_style():
    """The house style for every figure built here, undone afterwards for other tests."""
    with matplotlib.rc_context():
        plotting.use_house_style()
        yield


# --- figures built once per test run --------------------------------------------------------

def _figure_builders() -> dict:
    builders = {}
    for demo in DEMOS:
        builders[f"{demo.name}: draw at defaults"] = demo.draw
        builders[f"{demo.name}: sweep"] = demo.sweep
    for name, function, _, _ in STATIC:
        builders[f"{name}: static"] = function
    return builders


def _choice_settings() -> dict:
    """Each demo with each option of each choice (other controls at their defaults): a choice
    can restyle a curve, so legends are checked in every style a reader can pick."""
    settings = {}
    for demo in DEMOS:
        for control in demo.controls:
            if isinstance(control, Choice):
                for _, value in control.options:
                    if value != control.default:
                        settings[f"{demo.name}: {control.name}={value!r}"] = (
                            functools.partial(demo.draw, **{control.name: value}))
    return settings


FIGURES_SHOWN = _figure_builders()
CHOICE_FIGURES = _choice_settings()


@functools.cache
def figure(name: str):
    """The figure called ``name``, built on first use (a sweep takes up to a few seconds)."""
    return {**FIGURES_SHOWN, **CHOICE_FIGURES}[name]()


# --- 1. alt text ----------------------------------------------------------------------------

def test_every_figure_has_alt_text_and_every_alt_text_a_figure():
    pngs = {path.name for path in FIGURES.glob("*.png")}
    assert sorted(pngs - ALT_TEXT.keys()) == [], "figures without alt text in alt_text.json"
    assert sorted(ALT_TEXT.keys() - pngs) == [], "alt_text.json entries without a figure"


@pytest.mark.parametrize("file_name", sorted(ALT_TEXT))
def test_alt_text_is_a_descriptive_sentence(file_name):
    alt = ALT_TEXT[file_name]
    stem = Path(file_name).stem
    low, high = ALT_TEXT_CHARS
    assert low <= len(alt) <= high, f"{file_name}: alt text is {len(alt)} chars, not {low}-{high}"
    assert alt[0].isupper() and alt.endswith("."), f"{file_name}: not a sentence: {alt!r}"
    assert stem.lower() not in alt.lower() and ".png" not in alt, f"{file_name}: names the file"
    assert not BOILERPLATE.match(alt), f"{file_name}: starts with boilerplate: {alt[:30]!r}"


@pytest.mark.parametrize("demo", DEMOS, ids=lambda d: d.name)
def test_demo_alt_text_is_the_stored_one(demo):
    assert demo.sweep_file in ALT_TEXT, f"{demo.sweep_file} is not in alt_text.json"
    assert demo.alt_text() == ALT_TEXT[demo.sweep_file], (
        f"{demo.name}: alt text differs from figures/alt_text.json; run `make notebooks`")


@pytest.mark.parametrize("static", [s for s in STATIC if s[3]], ids=lambda s: s[0])
def test_static_figure_alt_text_is_the_stored_one(static):
    name, _, file_name, alt_text = static
    assert alt_text() == ALT_TEXT[file_name], f"{name}: alt text differs from figures/alt_text.json"


# --- 2. README images and links -------------------------------------------------------------

class _ImageTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            attrs = dict(attrs)
            self.images.append((attrs.get("alt"), attrs.get("src")))


def readme_images(text: str) -> list[tuple[str | None, str | None]]:
    """(alt, src) of every image: markdown ``![alt](src)`` and HTML ``<img alt=... src=...>``."""
    markdown = re.findall(r"!\[([^\]]*)\]\(\s*([^)\s]+)[^)]*\)", text)
    parser = _ImageTags()
    parser.feed(text)
    return markdown + parser.images


def section(text: str, heading: str) -> str:
    """The body of a level-2 section, up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README has no '## {heading}' section"
    return match.group(1)


def test_readme_images_are_local_figures_with_their_stored_alt_text():
    images = readme_images(README)
    assert images, "README shows no figure"
    for alt, src in images:
        assert src and src.startswith("figures/"), f"README image {src!r} is not in figures/"
        assert (ROOT / src).is_file(), f"README image {src} does not exist"
        assert alt == ALT_TEXT[Path(src).name], f"README alt text of {src} is not the stored one"


def test_readme_gallery_follows_the_two_commands_with_six_to_eight_figures():
    headings = re.findall(r"^## (.+)$", README, re.M)
    assert headings[headings.index("Two commands") + 1] == "Gallery"
    gallery = readme_images(section(README, "Gallery"))
    assert 6 <= len(gallery) <= 8 and len({src for _, src in gallery}) == len(gallery)


def repository() -> tuple[str, str]:
    """(owner, name) from ``[project.urls] Repository`` in pyproject.toml."""
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+)", urls["Repository"])
    assert match, f"Repository URL {urls['Repository']!r} is not https://github.com/OWNER/NAME"
    return match.group(1), match.group(2)


def test_readme_nbviewer_and_binder_links_use_the_repository_and_open_real_notebooks():
    owner, name = repository()
    prefixes = {"nbviewer": f"https://nbviewer.org/github/{owner}/{name}/blob/main/",
                "binder": f"https://mybinder.org/v2/gh/{owner}/{name}/main?urlpath=lab/tree/"}
    urls = re.findall(r"https?://(?:[\w-]+\.)*(?:nbviewer|mybinder)\.org[^\s)\"'<>]*", README)
    kinds = ["nbviewer" if "nbviewer.org" in url else "binder" for url in urls]
    assert {"nbviewer", "binder"} <= set(kinds), "README needs an nbviewer and a Binder link"
    for url, kind in zip(urls, kinds):
        prefix = prefixes[kind]
        assert url.startswith(prefix), f"{url} does not start with {prefix}"
        path = url[len(prefix):]
        assert path.startswith("notebooks/") and path.endswith(".ipynb"), f"{url}: not a notebook"
        assert (ROOT / path).is_file(), f"{url}: {path} does not exist"


# --- 3. palette and sizes -------------------------------------------------------------------

def test_house_style_uses_okabe_ito_colours_and_projector_font_sizes():
    cycle = [c.upper() for c in plotting.STYLE["axes.prop_cycle"].by_key()["color"]]
    assert cycle and set(cycle) <= OKABE_ITO, f"non Okabe-Ito colours: {set(cycle) - OKABE_ITO}"
    sizes = {key: value for key, value in plotting.STYLE.items()
             if key == "font.size" or key.endswith(("titlesize", "labelsize", "fontsize"))}
    assert len(sizes) >= 6
    with matplotlib.rc_context(plotting.STYLE):
        points = {key: FontProperties(size=value).get_size_in_points()
                  for key, value in sizes.items()}
    assert min(points.values()) >= MIN_STYLE_FONT_PT, points


def visible_texts(artist):
    """Every visible, non-empty Text drawn as part of ``artist``, tick labels included."""
    if not artist.get_visible():
        return
    if isinstance(artist, Text) and artist.get_text().strip():
        yield artist
    if isinstance(artist, Axis):
        children = [artist.label, artist.offsetText, *artist.get_ticklabels(which="both")]
    elif isinstance(artist, Axes) and not artist.axison:
        children = [child for child in artist.get_children() if not isinstance(child, Axis)]
    else:
        children = artist.get_children()
    for child in children:
        yield from visible_texts(child)


@pytest.mark.parametrize("name", FIGURES_SHOWN)
def test_figure_text_is_readable_on_a_projector(name):
    fig = figure(name)
    assert fig.get_size_inches()[0] >= MIN_FIGURE_WIDTH_IN
    small = [(t.get_text()[:40], t.get_fontsize()) for t in visible_texts(fig)
             if t.get_fontsize() < MIN_TEXT_PT]
    assert small == [], f"{name}: text below {MIN_TEXT_PT} pt"


# --- 4. no meaning by colour alone ----------------------------------------------------------

NO_LINE = {"None", "none", "", " "}
SAME_DASH_RATIO = 2.0


def dashes(artist) -> str | tuple[float, ...]:
    """"no line", "solid", or the on-off dash lengths in line widths."""
    if artist.get_linestyle() in NO_LINE:
        return "no line"
    pattern = artist._unscaled_dash_pattern[1]   # matplotlib keeps no public getter
    return "solid" if pattern is None else tuple(float(x) for x in pattern)


def look(handle) -> tuple:
    """What a legend handle shows apart from its colour."""
    if isinstance(handle, Line2D):
        marker = handle.get_marker()
        marker = None if marker is None or marker in NO_LINE else str(marker)
        return ("line", dashes(handle), marker)
    if isinstance(handle, Patch):
        return ("patch", dashes(handle), handle.get_hatch() or "")
    if isinstance(handle, PolyCollection):
        return ("patch", "solid", handle.get_hatch() or "")
    if isinstance(handle, LineCollection):
        return ("error bar",)
    raise AssertionError(f"legend handle {type(handle).__name__}: teach look() how it differs "
                         "without colour")


def same_dashes(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return len(a) == len(b) and all(max(x, y) < SAME_DASH_RATIO * min(x, y) for x, y in zip(a, b))


def alike(a: tuple, b: tuple) -> bool:
    """True if two legend handles can be told apart only by colour."""
    if a[0] != b[0]:
        return False
    if a[0] == "error bar":
        return True
    return a[2] == b[2] and same_dashes(a[1], b[1])


def direct_labels(fig) -> list[str]:
    """Text placed on the plot itself (``ax.text``, ``ax.annotate``, ``fig.text``), lower case."""
    texts = [*fig.texts, *(t for ax in fig.axes for t in ax.texts)]
    return [t.get_text().lower() for t in texts if t.get_visible()]


def colour_only_pairs(fig) -> list[str]:
    """Pairs of legend entries that differ only in colour and are not labelled on the plot.

    The rule: within one visible legend, two entries look alike without colour if they are the
    same kind (line, patch, error bar) and, for lines, have the same marker and alike dashes
    (both solid, both without a line, or the same number of dash segments with every segment
    length within a factor of 2), or, for patches, the same hatch and alike edge dashes. Two
    error bars always look alike. Such a pair is allowed only if at least one of the two is
    also named directly on the plot: a text or annotation (not a title, axis label or legend)
    that contains the entry's legend label. So at most one entry of a look-alike group is
    identified by colour alone, and it is identified by elimination.
    """
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()] + list(fig.legends)
    on_plot = direct_labels(fig)
    bad = []
    for legend in legends:
        if not legend.get_visible():
            continue
        entries = [(text.get_text().strip(), look(handle))
                   for text, handle in zip(legend.get_texts(), legend.legend_handles)]
        for (label_a, look_a), (label_b, look_b) in itertools.combinations(entries, 2):
            named = any(label and any(label.lower() in text for text in on_plot)
                        for label in (label_a, label_b))
            if alike(look_a, look_b) and not named:
                bad.append(f"{label_a!r} and {label_b!r} both {look_a}")
    return bad


@pytest.mark.parametrize("name", [*FIGURES_SHOWN, *CHOICE_FIGURES])
def test_legends_do_not_rely_on_colour_alone(name):
    assert colour_only_pairs(figure(name)) == []


def test_the_colour_rule_catches_look_alikes_and_accepts_direct_labels():
    fig, ax = plotting.new_figure()
    ax.plot([0, 1], [0, 1], ls=":", label="first")
    ax.plot([0, 1], [1, 0], ls=(0, (1, 1)), label="second")      # dots only a little denser
    ax.plot([0, 1], [0, 0], ls=(0, (1, 1)), marker="o", label="third")
    ax.legend()
    assert colour_only_pairs(fig) == ["'first' and 'second' both ('line', (1.0, 1.65), None)"]
    ax.text(0.5, 0.5, "second")
    assert colour_only_pairs(fig) == []


# --- 5. headings ----------------------------------------------------------------------------

NOTEBOOK_SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))


def markdown_headings(path: Path) -> list[tuple[int, int, int, str]]:
    """(cell index, line number, level, text) of each heading in the markdown cells of a
    jupytext percent script; lines inside fenced code blocks are skipped."""
    headings, cell, is_markdown, fenced = [], -1, False, False
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if line.startswith("# %%"):
            cell, is_markdown, fenced = cell + 1, "[markdown]" in line, False
            continue
        if not is_markdown:
            continue
        text = line[2:] if line.startswith("# ") else line.lstrip("#")
        if text.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = re.match(r"(#{1,6})\s+(\S.*)", text)
        if match and not fenced:
            headings.append((cell, number, len(match.group(1)), match.group(2)))
    return headings


@pytest.mark.parametrize("source", NOTEBOOK_SOURCES, ids=lambda p: p.stem)
def test_notebook_headings_are_in_order(source):
    headings = markdown_headings(source)
    titles = [(cell, number) for cell, number, level, _ in headings if level == 1]
    assert len(titles) == 1, f"{source.name}: level-1 headings at lines {[n for _, n in titles]}"
    assert titles[0][0] == 0 and headings[0][2] == 1, f"{source.name}: title not in the first cell"
    for (_, _, before, _), (_, number, level, text) in zip(headings, headings[1:]):
        assert level <= before + 1, (
            f"{source.name}:{number}: '{text}' skips from h{before} to h{level}")


def test_heading_parser_reads_markdown_cells_outside_code_fences(tmp_path):
    source = tmp_path / "99_example.py"
    source.write_text("# %% [markdown]\n# # Title\n#\n# ```\n# # not a heading\n# ```\n\n"
                      "# %%\n# # a code comment\n\n# %% [markdown]\n# #### Too deep\n")
    assert markdown_headings(source) == [(0, 2, 1, "Title"), (2, 12, 4, "Too deep")]


# --- 6. controls have text labels with units ------------------------------------------------

#: Units a slider may name; a label's unit is the first comma-separated part of its last
#: parenthesis, after an optional "log10 " and before an optional " of ..." ("fraction of firing").
UNITS = {"mg/kg", "min", "s", "h", "days", "weeks", "µM", "nM", "1/s", "mmHg", "%", "fraction",
         "whole number",
         "count", "none"}


def slider_unit(label: str) -> str | None:
    parts = re.findall(r"\(([^()]*)\)", label)
    if not parts:
        return None
    return parts[-1].split(",")[0].strip().removeprefix("log10 ").split(" of ")[0].strip()


def test_slider_unit_is_read_from_the_last_parenthesis():
    assert slider_unit("infusion length (min, IV only)") == "min"
    assert slider_unit("tonic opening rate (log10 1/s)") == "1/s"
    assert slider_unit("feedback strength w (fraction of firing)") == "fraction"
    assert slider_unit("random seed (-)") == "-" and slider_unit("dose") is None


CONTROLS = [(demo, control) for demo in DEMOS for control in demo.controls]


@pytest.mark.parametrize("demo, control", CONTROLS, ids=[f"{d.name}.{c.name}" for d, c in CONTROLS])
def test_control_has_a_text_label_with_a_unit(demo, control):
    assert control.label.strip(), f"{demo.name}.{control.name}: empty label"
    if isinstance(control, Slider):
        unit = slider_unit(control.label)
        assert unit in UNITS, (f"{demo.name}.{control.name}: label {control.label!r} names no "
                               f"unit in parentheses (one of {sorted(UNITS)})")
    else:
        assert all(str(text).strip() for text, _ in control.options), (
            f"{demo.name}.{control.name}: an option without a label")
