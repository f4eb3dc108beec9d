"""The genai-prices importer (pydantic/genai-prices): its rows into tokencost's schema.

genai-prices prices tokens per million (``*_mtok``) and requests and web searches per thousand, as
tokencost does. Conditional prices become versions (``start_date``), off-peak windows (a daily
``start_time``..``end_time``) or are reported; ``price_variants`` give batch discounts and service tiers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .mapping import UNITS, our_id, our_provider, stepped_tiers, to_date, to_time, uniform_discount
from .provenance import Builder, Period, Row, decimal_text
from .rows import GENAI_KEYS, read_rows

__all__ = ["GENAI_REASONS", "SERVICE_TIERS", "read_genai_prices"]

GENAI_REASONS = {
    "storage_searches_kcount": "fee per 1,000 file searches: not a unit of the schema",
    "cache_image_read_mtok": "cached image input: not a unit of the schema",
    "output_video_mtok": "video output tokens: not a unit of the schema",
    "output_citation_mtok": "citation tokens: not a unit of the schema",
    "audio_hours": "audio hours: not a unit of the schema",
    "input_audio_hours": "audio hours: not a unit of the schema",
    "input_document_kpages": "document pages: not a unit of the schema",
    "input_annotated_document_kpages": "document pages: not a unit of the schema",
    "input_mchars": "characters: not a unit of the schema",
    "input_text_messages_kcount": "messages: not a unit of the schema",
}
SERVICE_TIERS = ("flex", "priority", "scale", "provisioned")  # the schema's; others are reported

def _genai_equals(match: Any) -> list[str]:
    """The exact ids a match rule accepts (its 'equals' clauses)."""
    out: list[str] = []
    if isinstance(match, dict):
        if "equals" in match:
            out.append(str(match["equals"]))
        for k in ("or", "and"):
            for m in match.get(k, ()) if k == "or" else ():
                out += _genai_equals(m)
    return out


def _genai_price(b: Builder, entry: str, prices: Mapping[str, Any]) -> tuple[dict[str, Decimal], dict[int, dict]]:
    rates: dict[str, Decimal] = {}
    tiered: dict[int, dict[str, Decimal]] = {}
    for k, v in prices.items():
        comp = GENAI_KEYS.get(k)
        if comp is None:
            b.skip(entry, k, v if not isinstance(v, dict) else v.get("base"),
                   GENAI_REASONS.get(k, "unit not in the schema (media, characters, pages, hours or other)"))
            continue
        if isinstance(v, dict):
            rates[comp] = Decimal(v["base"])
            for t in v["tiers"]:
                tiered.setdefault(int(t["start"]), {})[comp] = Decimal(t["price"])
        else:
            rates[comp] = Decimal(v)
    return rates, tiered


def _genai_row(b: Builder, provider_id: str, m: Mapping[str, Any]) -> None:
    entry = f"{provider_id}/{m['id']}"
    ours = b.provider = our_provider("genai-prices", provider_id)
    prices = m.get("prices")
    items = prices if isinstance(prices, list) else [{"prices": prices or {}}]
    dated: list[tuple[dt.date | None, Mapping[str, Any]]] = []
    windows: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = []
    for it in items:
        c = it.get("constraint") or {}
        if "start_time" in c:
            windows.append((c, it["prices"]))
        elif "start_date" in c:
            dated.append((to_date(c["start_date"]), it["prices"]))
        else:
            dated.append((None, it["prices"]))
    if windows and len(dated) != 1:
        b.skip(entry, "prices", "time-of-day and start-date conditions together",
               "combined date and time-of-day conditions are not modelled")
        return
    periods: list[Period] = []
    starts = sorted({d for d, _ in dated if d is not None})
    for d, pr in dated:
        rates, tiered = _genai_price(b, entry, pr)
        later = [s for s in starts if d is None or s > d]
        periods.append(Period(d, later[0] if later else None, rates, stepped_tiers(rates, tiered)))
    if windows:
        p = periods[0]
        if p.tiers:
            b.skip(entry, "prices", "tiers with time-of-day prices", "tiers and windows on one version")
            return
        for c, pr in windows:
            wrates, wtiers = _genai_price(b, entry, pr)
            start, end = to_time(c["start_time"]), to_time(c["end_time"])
            if wtiers:
                b.skip(entry, "prices", "tiered window price", "tiers inside a time window are not modelled")
                return
            if len(windows) == 1 and all(wrates.get(k, 0) >= v for k, v in p.rates.items()) and wrates != p.rates:
                # the dataset's default is the cheaper price and the window the dearer one (DeepSeek's
                # standard hours): ours is the other way round, off-peak windows hold the cheaper rates
                p.off_peak = [{"start": end.strftime("%H:%M"), "end": start.strftime("%H:%M"), "rates": p.rates}]
                p.rates = wrates
            else:
                p.off_peak.append({"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"), "rates": wrates})
    for v in m.get("price_variants") or ():
        when = v.get("when") or {}
        vc = v.get("constraint") or {}
        if when == {"service_tier": "default"} and not v.get("prices"):
            continue  # the standard tier restated: nothing to map
        if set(when) == {"service_tier"} and when["service_tier"] in SERVICE_TIERS and "start_time" not in vc:
            trates, ttiers = _genai_price(b, entry, v.get("prices") or {})
            if ttiers:
                b.skip(entry, "price_variants", json.dumps(when), "service-tier prices with context tiers")
                continue
            since = to_date(vc.get("start_date"))
            for p in periods:
                if since is not None and p.end is not None and p.end <= since:
                    continue
                tier: dict[str, Any] = {"rates": trates}
                if since is not None and (p.start is None or p.start < since):
                    tier["effective_from"] = since
                # genai-prices resolves variants first to last: the first listed that applies wins
                p.service_tiers.setdefault(when["service_tier"], tier)
            continue
        if when != {"processing": "batch"} or "start_time" in vc:
            b.skip(entry, "price_variants", json.dumps(when, sort_keys=True),
                   "service tier or request variant the schema does not name" if "service_tier" in when
                   else "request variant: not in the schema")
            continue
        vrates, vtiers = _genai_price(b, entry, v.get("prices") or {})
        since = to_date(vc.get("start_date"))
        if since is not None:  # batch rates from a date on: split the period there
            split: list[Period] = []
            for p in periods:
                if (p.start is None or p.start < since) and (p.end is None or since < p.end):
                    split += [dataclasses.replace(p, end=since, service_tiers=dict(p.service_tiers)),
                              dataclasses.replace(p, start=since, service_tiers=dict(p.service_tiers))]
                else:
                    split.append(p)
            periods = split
        for p in periods:
            if since is not None and (p.start is None or p.start < since):
                continue
            if p.batch is not None:
                continue  # an earlier-listed batch variant applies here: the first listed wins (theirs)
            d = uniform_discount(p.rates, vrates)
            if d is None or vtiers:
                b.skip(entry, "price_variants.batch", ", ".join(f"{k}={decimal_text(x)}" for k, x in vrates.items()),
                       "batch prices are not one discount off the standard prices")
                continue
            p.batch = {"discount": d, "applies_to": [k for k in UNITS if k in vrates]}
    periods = [p for p in periods if p.rates]
    if not periods:
        b.skip(entry, "prices", "-", "no token price the schema can express")
        return
    note = "Deprecated by the provider (genai-prices)." if m.get("deprecated") else None
    b.add(Row(entry, ours, our_id(ours, str(m["id"])), m.get("name"),
               [a for a in _genai_equals(m.get("match")) if a != m["id"]], periods, note))




def read_genai_prices(b: Builder, path: Any, commit: str, revision: str | None) -> str:
    """Read every row of a genai-prices copy into ``b``; the copy's revision."""
    copy = read_rows("genai-prices", path, commit=commit, revision=revision)
    for entry, m in copy.rows.items():
        _genai_row(b, entry.split("/", 1)[0], m)
    return revision or copy.revision
