"""Per-row costs of an in-memory usage log: float USD for display, next to the exact totals.

The exact totals never come from these floats (see ``exact_totals.py``); a row's float
``cost`` is for looking at rows and plotting, with a proven relative error bound.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .binning import Binned, Priced, row_regimes
from .chunks import Chunk
from .columns import INPUT_PARTS, OUTPUT_PARTS, REJECT_COL, UNIT_COLUMNS
from .price_table import PRICED_UNITS, PriceTable

__all__ = ["RowData", "row_costs", "row_frame"]


@dataclass
class RowData:
    """What a pandas (in-memory) result keeps to build ``rows`` and ``by(<other column>)`` later."""

    frame: pd.DataFrame  # canonical frame
    chunk: Chunk
    binned: Binned
    priced: Priced
    spec_of_code: np.ndarray
    sink: int

    def reg(self) -> np.ndarray:
        return row_regimes(self.binned, self.priced, self.sink)

    def model(self) -> np.ndarray:
        codes = self.chunk.codes
        spec = self.spec_of_code[np.where(codes < 0, len(self.spec_of_code) - 1, codes)]
        return np.where(spec < 0, len(self.spec_of_code), spec)

    def accepted(self) -> np.ndarray:
        ok = self.chunk.bad == 0
        if len(self.priced.bad_rows):
            ok = ok.copy()
            ok[self.priced.bad_rows] = False
        return ok


def row_costs(ch: Chunk, reg: np.ndarray, table: PriceTable, block: int = 1 << 20) -> np.ndarray:
    """Float USD cost per row (NaN for rejected rows), computed in blocks to bound temporaries.

    Each term is ``tokens x float(rate / 1e6)``: one rounding for the rate, one for the
    product, three for the sum, so |float - exact| <= 7 x 2**-53 x exact (~8e-16 relative)
    for token counts below 2**53 and the classic four columns; each further unit column (and a
    per-request fee) adds one term, i.e. two more roundings.
    """
    f = table.reg_float.copy()
    f[:, table.sink] = np.nan
    cost = np.empty(ch.n, dtype=np.float64)
    in_parts = [ch.extra[c] for c in INPUT_PARTS if c in ch.extra]
    out_parts = [ch.extra[c] for c in OUTPUT_PARTS if c in ch.extra]
    others = [(PRICED_UNITS.index(UNIT_COLUMNS[c]), a) for c, a in ch.extra.items()]
    req = None
    if table.has_request_fee:
        req = np.array([0.0 if x is None else float(x / 1000) for x in table.reg_request] + [np.nan])
    for i in range(0, ch.n, block):
        j = min(i + block, ch.n)
        r = reg[i:j]
        fresh = ch.inp[i:j]
        if ch.cached is not None:
            fresh = fresh - ch.cached[i:j]
        if ch.cw is not None:
            fresh = fresh - ch.cw[i:j]
        for a in in_parts:
            fresh = fresh - a[i:j]
        text_out = ch.out[i:j]
        for a in out_parts:
            text_out = text_out - a[i:j]
        c = np.take(f[0], r) * fresh
        c += np.take(f[3], r) * text_out
        if ch.cached is not None:
            c += np.take(f[1], r) * ch.cached[i:j]
        if ch.cw is not None:
            c += np.take(f[2], r) * ch.cw[i:j]
        for u, a in others:
            c += np.take(f[u], r) * a[i:j]
        if req is not None and ch.nreq is not None:
            c += np.take(req, r) * ch.nreq[i:j]
        cost[i:j] = c
    return cost


def _codes_lut(labels: list[str]) -> tuple[np.ndarray, list[str]]:
    cats = list(dict.fromkeys(labels))
    dtype = np.int8 if len(cats) < 127 else (np.int16 if len(cats) < 32_000 else np.int32)
    lut = np.array([cats.index(x) for x in labels] + [-1], dtype=dtype)
    return lut, cats


def row_frame(
    frame: pd.DataFrame, ch: Chunk, reg: np.ndarray, table: PriceTable, good: np.ndarray | None = None
) -> pd.DataFrame:
    """The accepted rows with ``version`` (``model@version``), ``segment`` and float ``cost`` (USD)."""
    vlut, vcats = _codes_lut(table.version_labels())
    slut, scats = _codes_lut(table.reg_label)
    cols = {c: frame[c] for c in frame.columns if c != REJECT_COL}
    cols["version"] = pd.Categorical.from_codes(vlut[reg], categories=vcats)
    cols["segment"] = pd.Categorical.from_codes(slut[reg], categories=scats)
    cols["cost"] = row_costs(ch, reg, table)
    out = pd.DataFrame(cols, index=frame.index, copy=False)
    if good is None:
        good = reg < table.sink
    if not good.all():
        out = out[good]
    return out
