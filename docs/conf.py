"""Sphinx configuration of the pybamm-alloying documentation.

Written by every build:

* ``parameters/*.md`` and ``couples.md``, rewritten from ``pybamm_alloying/parameter_sets/`` by
  :func:`pybamm_alloying.parameters.write_parameter_docs` (what ``pybamm-alloying docs``
  does; committed, and unchanged when they are current), so the published tables are
  the shipped values;
* ``_generated/references.bib`` (not committed): every BibTeX entry the package
  registers with PyBaMM, :data:`pybamm_alloying.citations.CITATIONS` and the citations of
  each shipped parameter set (their own entries, or PyBaMM's for keys PyBaMM knows);
* ``_generated/api/`` (not committed): the autosummary pages.

The tutorials are not executed here; ``tests/test_tutorials.py`` runs them.
Build: ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

import shutil
from importlib.metadata import entry_points
from pathlib import Path

import pybamm
from pybtex.database import parse_file, parse_string

import pybamm_alloying
from pybamm_alloying.citations import CITATIONS
from pybamm_alloying.parameters import write_parameter_docs

DOCS = Path(__file__).parent
GENERATED = DOCS / "_generated"

project = "pybamm-alloying"
author = "the pybamm-alloying developers"
copyright = f"2026, {author}"
version = release = pybamm_alloying.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinxcontrib.bibtex",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
templates_path = ["_templates"]

autosummary_generate = True
autodoc_member_order = "bysource"
napoleon_numpy_docstring = True
napoleon_google_docstring = False

html_theme = "pydata_sphinx_theme"
html_title = f"pybamm-alloying {release}"
html_static_path = ["_static"]
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
}


def _package_bibtex() -> dict[str, str]:
    """Every BibTeX entry the package registers, by key: its own and its sets'."""
    pybamm_entries = parse_file(Path(pybamm.__path__[0]) / "CITATIONS.bib").entries
    entries = dict(CITATIONS)
    for point in entry_points(group="pybamm_parameter_sets"):
        if not point.value.startswith("pybamm_alloying."):
            continue
        for citation in point.load()().get("citations", []):
            if citation in pybamm_entries:
                entries[citation] = pybamm_entries[citation].to_string("bibtex")
            else:
                parsed = parse_string(citation, "bibtex").entries
                entries.update({key: entry.to_string("bibtex") for key, entry in parsed.items()})
    return entries


def _write_bibliography() -> Path:
    """Write ``_generated/references.bib``, emptying ``_generated/`` of older builds' files."""
    shutil.rmtree(GENERATED, ignore_errors=True)
    GENERATED.mkdir()
    path = GENERATED / "references.bib"
    entries = _package_bibtex()
    path.write_text("\n\n".join(entries[key] for key in sorted(entries)) + "\n", encoding="utf-8")
    return path


write_parameter_docs(DOCS)
bibtex_bibfiles = [str(_write_bibliography().relative_to(DOCS))]
