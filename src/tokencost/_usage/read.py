"""Read usage logs from CSV, Parquet or JSON Lines, whole or in chunks."""

from __future__ import annotations

import io
import lzma
import os
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DataFileError, TokencostError, UsageLogError
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
    if not isinstance(path, (str, os.PathLike)):
        raise DataFileError(f"a usage log path must be a str or os.PathLike, not {type(path).__name__}",
                            path=repr(path))
    p = Path(path)
    if p.is_dir():
        raise DataFileError("is a directory, not a usage file", path=str(path))
    if not p.exists():
        raise DataFileError("no such usage file", path=str(path))
    if not p.is_file():  # a FIFO or device would block or never end
        raise DataFileError("is not a regular file (a FIFO, socket or device?)", path=str(path))
    return p


# What a damaged file raises while it is read: a truncated .gz (EOFError), bad compressed data
# (zlib.error, lzma.LZMAError, gzip.BadGzipFile is an OSError), or text pandas cannot parse (ValueError).
_READ_ERRORS: tuple[type[BaseException], ...] = (OSError, ValueError, EOFError, zlib.error, lzma.LZMAError)


def _unreadable(p: Path, exc: BaseException) -> DataFileError:
    if isinstance(exc, (EOFError, zlib.error, lzma.LZMAError)) or "compress" in str(exc).lower():
        return DataFileError(f"cannot read usage log: the compressed file is damaged or truncated ({exc})",
                             path=str(p))
    return DataFileError(f"cannot read usage log: {exc}", path=str(p))


def _jsonl_error(p: Path, exc: BaseException) -> DataFileError:
    """pandas names a byte offset; find the line that is not a JSON object."""
    import json

    opener: Any = open
    low = str(p).lower()
    if low.endswith(".gz"):
        import gzip

        opener = gzip.open
    try:
        with opener(p, "rt", encoding="utf-8", errors="replace") as fh:
            for i, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        if not isinstance(json.loads(line), dict):
                            return DataFileError("not a JSON object (one per line)", path=str(p), line=i)
                    except ValueError as e:
                        return DataFileError(f"not valid JSON: {e.msg}", path=str(p), line=i)
    except _READ_ERRORS as e:
        return _unreadable(p, e)
    return _unreadable(p, exc)


def _check_header(p: Path) -> None:
    """pandas renames a repeated CSV column ("model", "model.1") and uses the first: refuse instead."""
    import csv

    low = str(p).lower()
    if low.endswith((".bz2", ".zst", ".xz", ".zip")):
        return  # pandas opens these; the first line is not worth a second decompressor here
    try:
        if low.endswith(".gz"):
            import gzip

            fh: Any = gzip.open(p, "rt", encoding="utf-8", errors="replace", newline="")
        else:
            fh = open(p, encoding="utf-8", errors="replace", newline="")
        with fh:
            header = next(csv.reader(fh, delimiter="\t" if low.removesuffix(".gz").endswith(".tsv") else ","), [])
    except (*_READ_ERRORS, csv.Error):
        return  # reading the file proper reports it
    names = [h.strip() for h in header]
    dups = list(dict.fromkeys(n for n in names if names.count(n) > 1))
    if dups:
        raise UsageLogError(f"{p}: duplicate column name(s) {dups} in the header; rename or drop the copies",
                            column=dups[0])


def _decode_bytes(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns whose every value came back as bytes (pyarrow does that when one value is not
    UTF-8): decoded, each bad byte replaced, so one bad row stays one bad row."""
    for col in df.columns:
        s = df[col]
        if s.dtype == object and len(s) and s.map(lambda x: isinstance(x, bytes)).any():
            df[col] = s.map(lambda x: x.decode("utf-8", "replace") if isinstance(x, bytes) else x)
    return df


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
            _check_header(p)
            try:
                df = pd.read_csv(p, engine="pyarrow", **_csv_kw(p))
            except (ImportError, ValueError):
                df = pd.read_csv(p, encoding_errors="replace", **_csv_kw(p))
    except _READ_ERRORS as exc:
        if isinstance(exc, UsageLogError):
            raise
        if kind == "jsonl" and isinstance(exc, ValueError):
            raise _jsonl_error(p, exc) from None
        raise _unreadable(p, exc) from None
    if kind == "csv":
        df = _decode_bytes(df)
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
    A damaged file (truncated .gz, a line that is not JSON) is a DataFileError naming it.
    """
    p = _check(path)
    if file_kind(p) == "csv":
        _check_header(p)
    it = _iter_usage(p, chunksize, progress)
    while True:
        try:
            df = next(it)
        except StopIteration:
            return
        except _READ_ERRORS as exc:
            if isinstance(exc, TokencostError):
                raise
            if file_kind(p) == "jsonl" and isinstance(exc, ValueError):
                raise _jsonl_error(p, exc) from None
            raise _unreadable(p, exc) from None
        yield _decode_bytes(df) if file_kind(p) == "csv" else df


def _iter_usage(
    path: str | os.PathLike[str],
    chunksize: int = 1_000_000,
    progress: Callable[[int, int | None, str], None] | None = None,
) -> Iterator[pd.DataFrame]:
    p = Path(path)
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
        with pd.read_csv(src, chunksize=chunksize, encoding_errors="replace", **_csv_kw(p)) as reader:
            done = 0
            for df in reader:
                df.index = pd.RangeIndex(done, done + len(df))
                done += len(df)
                yield df
