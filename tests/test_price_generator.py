"""tools/gen_provider_prices.py dates undated prices by the datasets' git histories, on small hand-made repositories.

A price is evidenced from the first commit from which on *every* later commit lists the row at that
price (a row dropped and re-added is evidenced from its return), whatever the provider file is called
at each commit (genai-prices renamed x.yml to x_ai.yml); llm-prices' stated from_date is a known start.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("gen_provider_prices", REPO / "tools" / "gen_provider_prices.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Repo:
    """A work tree whose commits carry the dates given; ``git_dir`` is what the generator reads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._git("init", "-q", "-b", "main")

    def _git(self, *args: str, date: str | None = None) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
        if date:
            env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        return subprocess.run(["git", "-C", str(self.root), *args], check=True, capture_output=True, text=True,
                              env=env).stdout.strip()

    def commit(self, date: str, files: dict[str, str | None]) -> str:
        for name, text in files.items():
            p = self.root / name
            if text is None:
                p.unlink()
            else:
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(text, encoding="utf-8")
        self._git("add", "-A")
        self._git("commit", "-q", "-m", date, date=f"{date}T12:00:00+00:00")
        return self._git("rev-parse", "HEAD")

    @property
    def git_dir(self) -> Path:
        return self.root / ".git"


def _genai(models: dict[str, tuple[str, str]]) -> str:
    rows = "".join(f"  - id: {m}\n    prices:\n      input_mtok: {i}\n      output_mtok: {o}\n"
                   for m, (i, o) in models.items())
    return f"id: x-ai\nname: xAI\nmodels:\n{rows}"


def test_genai_history_dates_each_price_from_the_run_that_lasts(tmp_path, gen):
    r = Repo(tmp_path)
    c1 = r.commit("2025-06-01", {"prices/providers/x.yml": _genai({"grok-a": ("3", "15"), "grok-d": ("1", "1")})})
    # the provider file is renamed: grok-d stays listed, at the same price
    r.commit("2025-06-22", {"prices/providers/x.yml": None,
                            "prices/providers/x_ai.yml": _genai({"grok-a": ("3", "15"), "grok-d": ("1", "1")})})
    c3 = r.commit("2025-07-01", {"prices/providers/x_ai.yml": _genai(
        {"grok-a": ("2", "10"), "grok-b": ("1", "2"), "grok-d": ("1", "1")})})
    r.commit("2025-07-15", {"prices/providers/x_ai.yml": _genai({"grok-a": ("2", "10"), "grok-d": ("1", "1")})})
    c5 = r.commit("2025-08-01", {"prices/providers/x_ai.yml": _genai(
        {"grok-a": ("2", "10"), "grok-b": ("1", "2"), "grok-d": ("1", "1")})})
    current = {f"x-ai/{m}": {"prices": {"input_mtok": Decimal(i), "output_mtok": Decimal(o)}}
               for m, (i, o) in {"grok-a": ("2", "10"), "grok-b": ("1", "2"), "grok-c": ("5", "5"),
                                 "grok-d": ("1", "1")}.items()}
    ev = gen.genai_evidence(r.git_dir, ["x-ai"], current)
    got = {e: (v.day, v.revision, v.fields, v.start_known) for e, v in ev.items()}
    assert got == {
        "x-ai/grok-a": (dt.date(2025, 7, 1), f"git {c3}", ("input", "output"), False),  # the new price's first commit
        "x-ai/grok-b": (dt.date(2025, 8, 1), f"git {c5}", ("input", "output"), False),  # dropped, then back
        "x-ai/grok-d": (dt.date(2025, 6, 1), f"git {c1}", ("input", "output"), False),  # across the rename
    }  # grok-c: never in the history, so no evidence
    assert {v.head for v in ev.values()} == {f"git {c5}"}


def _llm(models: list[dict]) -> str:
    return json.dumps({"vendor": "xai", "models": models})


def _row(mid: str, i: float, o: float, start: str | None = None) -> dict:
    return {"id": mid, "name": mid, "price_history": [{"input": i, "output": o, "from_date": start, "to_date": None}]}


def test_llm_prices_history_gives_evidence_or_a_stated_start(tmp_path, gen):
    r = Repo(tmp_path)
    c1 = r.commit("2025-05-10", {"data/xai.json": _llm([_row("grok-a", 2, 10)])})
    c2 = r.commit("2025-06-01", {"data/xai.json": _llm([_row("grok-a", 2, 10), _row("grok-s", 1, 4, "2025-05-01"),
                                                          _row("grok-m", 9, 9)])})
    ours = {"x-ai/grok-a": ("xai/grok-a", {"input": "2", "output": "10"}),
            "x-ai/grok-s": ("xai/grok-s", {"input": "1", "output": "4"}),
            "x-ai/grok-m": ("xai/grok-m", {"input": "9", "cached_input": "1", "output": "9"})}  # units differ
    ev = gen.llm_evidence(r.git_dir, ours)
    got = {e: (v.day, v.revision, v.entry, v.start_known) for e, v in ev.items()}
    assert got == {
        "x-ai/grok-a": (dt.date(2025, 5, 10), f"git {c1}", "xai/grok-a", False),  # first listed: evidence only
        "x-ai/grok-s": (dt.date(2025, 5, 1), f"git {c2}", "xai/grok-s", True),    # from_date: the stated start
    }
    assert ev["x-ai/grok-s"].fields == ("input", "output")
