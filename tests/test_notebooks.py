"""The notebooks in examples/ are stored without outputs and run top to bottom in a real kernel,
against this checkout's tokencost, so they cannot rot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "examples").glob("*.ipynb"))
WHERE = "import pathlib, tokencost; print(pathlib.Path(tokencost.__file__).resolve())"


def test_the_three_example_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == ["01_workload_cost.ipynb", "02_article_claims.ipynb", "03_usage_log.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert dirty == [], f"{path.name}: clear the outputs of cells {dirty} before committing"


def _outputs(nb, kind):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if kind in o.get("data", {})]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, tmp_path, monkeypatch):
    # the kernel inherits this environment: put this checkout first, so it imports the code under test
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's own inline backend, as for a user
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(WHERE))
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    where = nb.cells[-1].outputs[0]["text"].strip()
    assert Path(where).is_relative_to(ROOT / "src"), where
    assert _outputs(nb, "image/png"), "the notebook's plots rendered"
    assert _outputs(nb, "text/html"), "rich display rendered"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    if path.stem == "01_workload_cost":
        html = "".join(o["data"]["text/html"] for o in _outputs(nb, "text/html"))
        assert "$42,000.00" in html and "rounded half-up to the cent" in html
