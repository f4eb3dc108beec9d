"""The claim report: a notebook view, one self-contained HTML page, Markdown, and the
``tokencost report`` command (inputs never overwritten, files written atomically)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import textwrap
import sys
from pathlib import Path

import pytest

import tokencost as tc

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def cli(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-m", "tokencost.cli", *args], capture_output=True, text=True,
                          timeout=180, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """The example claims and prices, copied: acme-half-price holds, acme-saves-10k is overstated."""
    d = tmp_path_factory.mktemp("own")
    for name in ("my_claims.yaml", "my_prices.yaml"):
        shutil.copy(EXAMPLES / name, d / name)
    return d


@pytest.fixture(scope="module")
def own_report(own):
    cat = tc.load_catalog(own / "my_prices.yaml", bundled=True)
    return tc.claim_report(own / "my_claims.yaml", cat)


def test_the_report_indexes_results_by_claim_id_and_counts_verdicts(own_report):
    assert len(own_report) == 2 and own_report.counts() == {"holds": 1, "overstated": 1}
    assert own_report["acme-half-price"].verdict == "holds"
    with pytest.raises(tc.TokencostError, match="did you mean acme-half-price"):
        own_report["acme-half-prices"]
    assert repr(own_report).startswith("<ClaimReport 2 claims (holds: 1, overstated: 1)")
    assert list(own_report.summary()["claim_id"]) == ["acme-half-price", "acme-saves-10k"]


def test_the_notebook_view_is_the_verdict_table_with_badges(own_report):
    html = own_report._repr_html_()
    assert '<table id="verdicts"' in html and html.count('class="verdict-row"') == 2
    assert 'class="badge verdict-holds"' in html and 'class="badge verdict-overstated"' in html


def test_the_html_page_is_self_contained(own_report):
    page = own_report.to_html()
    assert page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"url\((?!#)", page)  # SVG refers to its own clip paths (url(#id)) only
    assert not re.search(r"""\bsrc\s*=\s*["']?(https?:)?//""", page)
    # the only web addresses are the citations' links, which a reader follows on purpose
    for m in re.finditer(r"<a\b[^>]*href=\"([^\"]*)\"[^>]*>", page):
        assert m.group(1).startswith("#") or 'class="cite"' in m.group(0), m.group(0)
    for cid in ("acme-half-price", "acme-saves-10k"):
        assert f'id="claim-{cid}"' in page and f'href="#claim-{cid}"' in page
    assert page.count("<svg") == 2  # one plot per recomputed claim, inline
    # explanation, quote and the price versions used with their citations are on the page
    assert "Explanation" in page and "What the figure means" in page
    assert "acme-fast@" in page and "Price versions used" in page


def test_the_markdown_report_has_the_table_and_each_claims_quote_explanation_and_versions(own_report):
    md = own_report.to_markdown()
    assert "| claim | article | stated | verdict | why |" in md
    assert "| [acme-half-price](#acme-half-price) |" in md and "**holds**" in md and "**overstated**" in md
    assert md.count("```") == 4 and "Price versions used:" in md


def test_report_command_writes_html_and_markdown_for_your_own_claims_and_prices(own, tmp_path):
    out = cli("report", "--file", str(own / "my_claims.yaml"), "--prices", str(own / "my_prices.yaml"),
              "--html", str(tmp_path / "r.html"), "--markdown", str(tmp_path / "r.md"))
    assert out.returncode == 0, out.stderr
    assert "wrote" in out.stdout and "2 claims (holds: 1, overstated: 1)" in out.stdout
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="claim-acme-half-price"' in page and "<svg" in page
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Price claims, checked")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.md"]  # no temporary file left


def test_report_command_never_overwrites_an_input_file(own):
    before = {p: p.read_bytes() for p in own.iterdir()}
    for target in ("my_claims.yaml", "my_prices.yaml"):
        out = cli("report", "--file", str(own / "my_claims.yaml"), "--prices", str(own / "my_prices.yaml"),
                  "--html", str(own / target))
        assert out.returncode == 2 and "refusing to overwrite an input file" in out.stderr
    assert {p: p.read_bytes() for p in own.iterdir()} == before


def test_the_bundled_data_files_are_inputs_too():
    from tokencost._catalog.loader import bundled_data_path
    report = tc.claim_report([c for c in tc.load_claims() if c.id == "a000-gpt4-input-2-80"])
    for name in ("claims.yaml", "prices.yaml"):
        path = bundled_data_path(name)
        before = path.read_bytes()
        try:
            with pytest.raises(tc.TokencostError, match="refusing to overwrite an input file"):
                report.write(path, "markdown")
        finally:  # a regression here must not cost the repository its data
            if path.read_bytes() != before:
                path.write_bytes(before)
                pytest.fail(f"the report overwrote {path}")


def test_report_command_needs_an_output(own):
    out = cli("report")
    assert out.returncode == 2 and "--html OUT.html and/or --markdown OUT.md" in out.stderr


def test_writing_replaces_an_existing_report_atomically(own_report, tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old report")
    calls = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append((Path(a).parent, Path(b))), real(a, b)))
    own_report.write(target)
    assert calls == [(tmp_path, target)]  # a temporary file beside it, swapped in whole
    assert target.read_text(encoding="utf-8").startswith("# Price claims, checked")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_without_matplotlib_the_report_says_how_to_get_plots_and_works_without_them(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        sys.modules["matplotlib"] = None  # as if the plot extra were not installed
        from tokencost.cli import main
        print("rc", main(["report", "--claim", "a000-gpt4-input-2-80", "--html", {str(tmp_path / 'a.html')!r}]))
        print("rc", main(["report", "--claim", "a000-gpt4-input-2-80", "--no-plots", "--html",
                          {str(tmp_path / 'b.html')!r}]))
    """)
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.stdout.split().count("rc") == 2 and "rc 2" in out.stdout and "rc 0" in out.stdout, out.stderr
    assert "pip install 'tokencost[plot]'" in out.stderr and "--no-plots" in out.stderr
    assert not (tmp_path / "a.html").exists()
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert 'id="claim-a000-gpt4-input-2-80"' in page and "<svg" not in page
