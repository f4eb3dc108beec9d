"""Read a public price dataset into tokencost's price-file schema, with provenance and a report.

Three datasets are understood:

* ``"genai-prices"`` (pydantic/genai-prices): the installed ``genai_prices`` package by default, or its
  repository's ``prices/data.json``, a ``prices/providers`` directory of ``*.yml``, a release wheel,
  or a bare git directory (read at ``commit``, default ``HEAD``).
* ``"litellm"`` (BerriAI/litellm): ``model_prices_and_context_window.json`` (or the ``_backup.json``
  that ships in the wheel) from a litellm install, a wheel or a path; USD per token.
* ``"llm-prices"`` (simonw/llm-prices): its ``data/*.json`` directory, or a bare git directory.

Every figure written cites the dataset at the revision read (release or git commit) and names the row
(``entry``); every figure or condition that tokencost's schema cannot express is listed in
``ImportResult.unmapped`` with the reason, never dropped in silence.

Dates: a dataset row that gives a price without a start date says only that the price was current when
the copy was read. Such a price starts at ``first_seen[entry]`` when given (its earliest dated evidence,
e.g. the first commit of a dataset's git history listing that price), else at ``as_of`` (default: today,
UTC), and its version says ``effective_from_known: false``: the price may have started earlier. A
superseded price without a start date and without ``first_seen`` cannot be placed in time: it is reported.

One module per dataset (genai_prices.py, litellm.py, llm_prices.py) maps its rows, read by rows.py (the
one dataset reader, shared with tools/extract_datasets.py and the citation test); mapping.py holds the
shared name and unit mapping, provenance.py the result, its citations and the file text.

Example::

    >>> res = import_prices("genai-prices")                     # doctest: +SKIP
    >>> res.summary()                                           # doctest: +SKIP
    'genai-prices 0.2.3: 2,290 models from 47 providers; 1,004 items not mapped (see .report())'
    >>> text = res.to_yaml(provider="deepseek")                 # a validated price file  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import DataFileError, TokencostError
from .genai_prices import read_genai_prices
from .litellm import read_litellm
from .llm_prices import read_llm_prices
from .mapping import UNITS, to_date
from .provenance import Builder, Evidence, ImportResult, Unmapped, write_price_file
from .rows import DATASETS, is_git_dir

__all__ = ["DATASETS", "UNITS", "Evidence", "ImportResult", "Unmapped", "import_prices", "write_price_file"]


def _copy_date(path: Any, commit: str) -> dt.date | None:
    """The UTC date of the commit a git copy holds (a bare git directory at ``commit``, or a checkout's HEAD)."""
    if path is None:
        return None
    p = Path(path)
    args = (["git", "--git-dir", str(p), "log", "-1", "--format=%cI", commit] if is_git_dir(p) else
            ["git", "-C", str(p if p.is_dir() else p.parent), "log", "-1", "--format=%cI", "HEAD"])
    out = subprocess.run(args, capture_output=True, text=True, check=False)
    if out.returncode or not out.stdout.strip():
        return None
    return dt.datetime.fromisoformat(out.stdout.strip()).astimezone(dt.UTC).date()


def import_prices(dataset: str, path: str | os.PathLike[str] | None = None, *, as_of: Any = None,
                  commit: str = "HEAD", revision: str | None = None,
                  first_seen: Mapping[str, dt.date | Evidence] | None = None) -> ImportResult:
    """Read ``dataset`` ("genai-prices", "litellm", "llm-prices") into tokencost's schema.

    ``path`` defaults to the installed package's data (genai-prices, litellm). ``revision`` names the
    copy when it cannot be told from the path ("litellm 1.110.2", "git <sha>"). ``as_of`` is the date the
    copy was read (default: a git copy's commit date, else today, UTC): undated current prices start then
    unless ``first_seen`` gives their earliest dated evidence (a date, or an :class:`Evidence` naming the
    commit that shows it, written as a second citation). Such a version says ``effective_from_known: false``
    (the price may have started earlier) unless the evidence states the start (``Evidence.start_known``).
    See ``ImportResult``.
    """
    if dataset not in DATASETS:
        raise TokencostError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    if as_of is not None:
        day = to_date(as_of)
    else:  # a git copy was "read" on its commit's date; anything else today
        day = _copy_date(path, commit) or dt.datetime.now(dt.UTC).date()
    b = Builder(dataset, day, dict(first_seen or {}))
    if dataset == "genai-prices":
        rev = read_genai_prices(b, path, commit, revision)
    elif dataset == "litellm":
        rev = read_litellm(b, path, revision)
    else:
        rev = read_llm_prices(b, path, commit, revision)
    from .._catalog.schema import REVISION_PATTERN
    if not re.fullmatch(REVISION_PATTERN, rev):
        raise DataFileError(f"revision {rev!r} is not '<name> <version>' or 'git <40 hex>'")
    return b.result(rev)
