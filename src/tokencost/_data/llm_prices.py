"""The llm-prices importer (simonw/llm-prices data/<vendor>.json) into tokencost's schema.

llm-prices prices USD per million tokens over dated periods [from_date, to_date); a companion row
'<id>-<N>k' holds the rates for prompts over N x 1000 tokens and becomes a tier of its base row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .mapping import our_id, our_provider, to_date
from .provenance import Builder, Period, Row
from .rows import LLM_KEYS, read_rows

__all__ = ["read_llm_prices"]


def _llm_vendor(b: Builder, vendor: str, models: list[Mapping[str, Any]]) -> None:
    ours = b.provider = our_provider("llm-prices", vendor)
    ids = {str(m["id"]) for m in models}
    for m in models:
        mid = str(m["id"])
        entry = f"{vendor}/{mid}"
        tier = re.fullmatch(r"(.+)-([0-9]+)k", mid)
        if tier and tier.group(1) in ids:
            continue  # a long-context companion row: read with its base row below
        companions = {int(re.fullmatch(re.escape(mid) + r"-([0-9]+)k", c["id"]).group(1)) * 1000: c
                      for c in models if re.fullmatch(re.escape(mid) + r"-([0-9]+)k", str(c["id"]))}
        periods = []
        for ph in m.get("price_history") or ():
            rates = {}
            for k, v in ph.items():
                if k in ("from_date", "to_date") or v is None:
                    continue
                if k in LLM_KEYS:
                    rates[LLM_KEYS[k]] = Decimal(str(v))
                else:
                    b.skip(entry, k, v, "not a token rate the schema knows")
            if not rates:
                continue
            start, end = to_date(ph.get("from_date")), to_date(ph.get("to_date"))
            tiers = []
            for n, c in sorted(companions.items()):
                for cph in c.get("price_history") or ():
                    cs, ce = to_date(cph.get("from_date")), to_date(cph.get("to_date"))
                    if cs == start and ce == end:
                        trates = {LLM_KEYS[k]: Decimal(str(v)) for k, v in cph.items() if k in LLM_KEYS and v is not None}
                        tiers.append((n, {**rates, **trates}))
            periods.append(Period(start, end, rates, tiers))
        if not periods:
            b.skip(entry, "price_history", "-", "no token price")
            continue
        b.add(Row(entry, ours, our_id(ours, mid), m.get("name"), [], periods))




def read_llm_prices(b: Builder, path: Any, commit: str, revision: str | None) -> str:
    """Read every row of an llm-prices copy into ``b``; the copy's revision."""
    copy = read_rows("llm-prices", path, commit=commit, revision=revision)
    vendors: dict[str, list[Mapping[str, Any]]] = {}
    for entry, m in copy.rows.items():
        vendors.setdefault(entry.split("/", 1)[0], []).append(m)
    for vendor, models in vendors.items():
        _llm_vendor(b, vendor, models)
    return revision or copy.revision
