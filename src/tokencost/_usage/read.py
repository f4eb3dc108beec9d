"""Read usage logs from CSV, Parquet or JSON Lines, whole or in chunks."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DataFileError, UsageLogError
from .columns import to_canonical

__all__ = ["read_usage", "iter_usage", "file_kind"]


def file_kind(path: str | os.PathLike[str]) -> str:
    name = str(path).lower()
    for suffix in (".gz", ".bz2", ".zst", ".xz", ".zip"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.endswith((".parquet", ".pq", ".parq")):
        return "parquet"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    raise UsageLogError(f"{path}: unknown file type; expected .csv, .parquet or .jsonl")


def _check(path: str | os.PathLike[str]) -> Path:
    p = Path(path)
    if not p.is_file():
        raise DataFileError("no such usage file", path=str(path))
    return p


def _csv_kw(p: Path) -> dict[str, Any]:
    return {"sep": "\t"} if str(p).lower().removesuffix(".gz").endswith(".tsv") else {}


def read_usage(
    path: str | os.PathLike[str], columns: str | Mapping[str, str] | None = "auto"
) -> pd.DataFrame:
    """Read a usage log (CSV, Parquet via pyarrow, JSON Lines) into canonical columns.

    ``columns`` picks the export mapping (``"auto"`` detects OpenAI, Anthropic and
    LiteLLM exports, else canonical names or common synonyms; see ``docs/usage.md``).
    The export's own columns are kept next to the canonical ones. Timestamps stay as
    read: :func:`cost_usage` rejects naive ones unless ``assume_utc=True``.
    """
    p = _check(path)
    kind = file_kind(p)
    try:
        if kind == "parquet":
            df = pd.read_parquet(p, engine="pyarrow")
        elif kind == "jsonl":
            df = pd.read_json(
                p, lines=str(p).lower().endswith((".jsonl", ".ndjson")), dtype=False, convert_dates=False
            )
        else:
            try:
                df = pd.read_csv(p, engine="pyarrow", **_csv_kw(p))
            except (ImportError, ValueError):
                df = pd.read_csv(p, **_csv_kw(p))
    except (OSError, ValueError) as exc:
        if isinstance(exc, UsageLogError):
            raise
        raise DataFileError(f"cannot read usage log: {exc}", path=str(p)) from None
    return to_canonical(df, columns)[0]


class _Counting(io.RawIOBase):
    """A binary file wrapper that reports bytes read (for a CSV progress bar)."""

    def __init__(self, f: Any, tick: Callable[[int], None]) -> None:
        self._f, self._tick = f, tick

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = self._f.readinto(b)
        if n:
            self._tick(n)
        return n or 0

    def close(self) -> None:
        self._f.close()
        super().close()


def iter_usage(
    path: str | os.PathLike[str],
    chunksize: int = 1_000_000,
    progress: Callable[[int, int | None, str], None] | None = None,
) -> Iterator[pd.DataFrame]:
    """Raw (unmapped) chunks of a usage file; index labels are 0-based row numbers in the file.

    ``progress(done, total, unit)`` is called as the file is read (bytes for CSV, rows for Parquet).
    """
    p = _check(path)
    kind = file_kind(p)
    if kind == "parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(p)
        total, done = pf.metadata.num_rows, 0
        for batch in pf.iter_batches(batch_size=chunksize):
            df = batch.to_pandas()
            df.index = pd.RangeIndex(done, done + len(df))
            done += len(df)
            if progress:
                progress(done, total, "rows")
            yield df
        return
    if kind == "jsonl" and not str(p).lower().endswith((".jsonl", ".ndjson")):  # one JSON array
        df = pd.read_json(p, dtype=False, convert_dates=False)
        if progress:
            progress(len(df), len(df), "rows")
        yield df
        return
    if kind == "jsonl":
        reader = pd.read_json(p, lines=True, chunksize=chunksize, dtype=False, convert_dates=False)
        done = 0
        for df in reader:
            df.index = pd.RangeIndex(done, done + len(df))
            done += len(df)
            if progress:
                progress(done, None, "rows")
            yield df
        return
    size = p.stat().st_size
    read = [0]

    def tick(n: int) -> None:
        read[0] += n
        if progress:
            progress(read[0], size, "B")

    compressed = str(p).lower().endswith((".gz", ".bz2", ".zst", ".xz", ".zip"))  # no byte progress then
    with open(p, "rb") as raw:
        src: Any = p if compressed else io.BufferedReader(_Counting(raw, tick), buffer_size=1 << 20)
        with pd.read_csv(src, chunksize=chunksize, **_csv_kw(p)) as reader:
            done = 0
            for df in reader:
                df.index = pd.RangeIndex(done, done + len(df))
                done += len(df)
                yield df
