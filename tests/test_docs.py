"""The documentation site builds from a copy of docs/ with warnings as errors, as
``sphinx-build -W --keep-going -b html docs <out>`` does on a fresh clone."""

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_string

import pybamm_alloying
from pybamm_alloying import couple_names, load_parameter_set
from pybamm_alloying.citations import CITATIONS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """Build a copy of docs/ without anything a previous build left (the build writes
    its generated pages into its source directory): (sphinx-build's result, html dir)."""
    root = tmp_path_factory.mktemp("docs")
    source = root / "docs"
    shutil.copytree(
        DOCS, source, ignore=shutil.ignore_patterns("_build", "_generated", "__pycache__")
    )
    out = root / "html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=root,  # the build writes beside its source copy, not into the checkout
    )
    return result, out


def test_the_site_builds_without_warnings(site):
    result, _ = site
    assert result.returncode == 0, result.stderr  # -W: any warning fails the build


def test_every_page_of_the_issue_is_published(site):
    """Installation, theory, tutorials, studies, composites, performance, one page per
    parameter set, the API and the bibliography."""
    _, out = site
    pages = [
        "installation",
        "theory",
        "studies",
        "composite",
        "performance",
        "parameter-sets",
        "couples",
        "kinetics",
        "api",
        "references",
        "tutorials/index",
        "tutorials/nanowire-fronts",
        "tutorials/self-limiting",
        "tutorials/cycling",
        "tutorials/anode-comparison",
    ]
    sets = [path.stem for path in (DOCS / "parameters").glob("*.md")]
    pages += [f"parameters/{name}" for name in sets]
    missing = [page for page in pages if not (out / f"{page}.html").is_file()]
    assert not missing


def _text(path: Path) -> str:
    """A page's text, tags dropped, lower case, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
    return " ".join(html.unescape(text).lower().split())


def test_the_bibliography_holds_what_the_package_registers(site):
    """The title of every entry of pybamm_alloying.citations.CITATIONS and of every
    parameter set's own BibTeX is on the references page."""
    _, out = site
    page = _text(out / "references.html")
    entries = [*CITATIONS.values()]
    entries += [c for name in couple_names() for c in load_parameter_set(name)["citations"]]
    titles = {
        " ".join(entry.fields["title"].replace("{", "").replace("}", "").lower().split())
        for bibtex in entries
        if bibtex.startswith("@")
        for entry in parse_string(bibtex, "bibtex").entries.values()
    }
    assert len(titles) > len(CITATIONS)
    assert not [title for title in titles if title not in page]


def test_the_api_reference_documents_the_models(site):
    _, out = site
    page = _text(out / "_generated" / "api" / "pybamm_alloying.DFN.html")
    assert "two-phase shrinking-core particle in the alloy electrode" in page


def test_citation_metadata_names_this_version():
    """CITATION.cff and the README's BibTeX cite the version that is installed."""
    version = pybamm_alloying.__version__
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"] == version
    assert f"version = {{{version}}}" in (ROOT / "README.md").read_text(encoding="utf-8")
