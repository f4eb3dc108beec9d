"""The litellm importer (BerriAI/litellm model_prices_and_context_window.json) into tokencost's schema.

litellm prices USD per token (x 1,000,000 gives ours); ``<key>_above_<N>k_tokens`` is a context tier,
``<key>_batches`` / ``_priority`` / ``_flex`` the batch and service-tier rates. It gives no dates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .mapping import UNITS, our_id, our_provider, stepped_tiers, uniform_discount
from .provenance import Builder, Period, Row, decimal_text
from .rows import LITELLM_KEYS, MILLION, read_rows

__all__ = ["LITELLM_MODES", "read_litellm"]

LITELLM_MODES = {"chat", "completion", "responses", "embedding", None}


def _litellm_reason(key: str) -> str:
    if key.endswith("_balanced"):
        return "service tier the schema does not name ('balanced')"
    if "_above_12hr" in key:
        return "12-hour cache-write rate: not a unit of the schema"
    if any(w in key for w in ("audio", "image", "video", "pixel", "second", "character", "page", "query")):
        return "unit not in the schema (media, characters, pages, seconds, queries)"
    return "not a token rate the schema knows"


def _litellm_row(b: Builder, key: str, row: Mapping[str, Any]) -> None:
    if not isinstance(row, Mapping) or key == "sample_spec":
        return
    prov = str(row.get("litellm_provider") or "")
    b.provider = our_provider("litellm", prov) if prov else ""
    if row.get("mode") not in LITELLM_MODES:
        costs = [k for k in row if "cost" in k]
        if costs:
            b.skip(key, "mode", row.get("mode"), "not a token-priced text model")
        return
    if not prov:
        b.skip(key, "litellm_provider", "-", "row names no provider")
        return
    ours = our_provider("litellm", prov)
    bare = key.split("/", 1)[1] if key.startswith(prov + "/") else key
    if re.match(r"^[a-z]{2}-[a-z]+-[0-9]/", bare) or "/" in bare and ours == "aws-bedrock":
        b.skip(key, "id", key, "region- or commitment-specific row (regional price variants are not imported)")
        return
    rates: dict[str, Decimal] = {}
    tiered: dict[int, dict[str, Decimal]] = {}
    batch: dict[str, Decimal] = {}
    tiers_sold: dict[str, dict[str, Decimal]] = {}
    for k, v in row.items():
        if "cost" not in k or isinstance(v, (dict, list, bool)) or v is None:
            continue
        m = re.fullmatch(r"(.+?)(?:_above_([0-9]+)k_tokens)?(?:_(batches|priority|flex))?", k)
        base, above, variant = (m.group(1), m.group(2), m.group(3)) if m else (k, None, None)
        comp = LITELLM_KEYS.get(base)
        if comp is None:
            b.skip(key, k, Decimal(str(v)), _litellm_reason(k))
            continue
        rate = Decimal(str(v)) * MILLION
        if variant and above:
            b.skip(key, k, Decimal(str(v)), f"{variant} rate of a context tier: not in the schema")
        elif variant == "batches":
            batch[comp] = rate
        elif variant:
            tiers_sold.setdefault(variant, {})[comp] = rate
        elif above:
            tiered.setdefault(int(above) * 1000, {})[comp] = rate
        else:
            rates[comp] = rate
    if not rates:
        if any("cost" in k for k in row):
            b.skip(key, "prices", "-", "no token price the schema can express")
        return
    p = Period(None, None, rates, stepped_tiers(rates, tiered))
    p.service_tiers = {name: {"rates": r} for name, r in tiers_sold.items()}
    if batch:
        d = uniform_discount(rates, batch)
        if d is None:
            b.skip(key, "*_batches", ", ".join(f"{k}={decimal_text(x)}" for k, x in batch.items()),
                   "batch prices are not one discount off the standard prices")
        else:
            p.batch = {"discount": d, "applies_to": [k for k in UNITS if k in batch]}
    b.add(Row(key, ours, our_id(ours, bare), None, [key] if key != bare else [], [p]))




def read_litellm(b: Builder, path: Any, revision: str | None) -> str:
    """Read every row of a litellm copy into ``b``; the copy's revision."""
    copy = read_rows("litellm", path, revision=revision)
    for key, row in copy.rows.items():
        _litellm_row(b, key, row)
    return revision or copy.revision
