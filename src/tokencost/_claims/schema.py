"""The shape of ``claims.yaml``: one entry per quantitative claim, as written."""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ClaimError, DataFileError

__all__ = ["Claim", "ClaimFile", "load_claims"]

Kind = Literal["percent_cheaper", "cost_fraction", "monthly_savings", "monthly_cost", "price", "discount",
               "request_cost", "training_cost", "unverifiable"]
Period = Literal["request", "day", "month", "year"]
Rounding = Literal["half_up", "half_even", "truncate", "up_or_down"]
DiscountComponent = ("batch", "cached_input", "off_peak", "flex", "priority")
FREE = ("input_share", "cached_share", "cache_write_share", "batch_share", "off_peak_share", "month_days", "tokens")
FIXED = ("tokens", "input_share", "month_days", "gpu_hours", "usd_per_gpu_hour", "prompt_tokens", "cached_share",
         "cache_write_share", "batch_share", "off_peak_share", "input_tokens", "output_tokens", "cached_tokens",
         "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens", "requests", "web_searches",
         "service_tier")
REQUEST_COUNTS = ("input_tokens", "output_tokens", "cached_tokens", "cache_write_tokens", "cache_write_1h_tokens",
                  "reasoning_tokens", "requests", "web_searches")
Basis = Literal["input", "output", "blended"]

NEEDS_BASELINE = ("percent_cheaper", "cost_fraction", "monthly_savings")


class Claim(BaseModel):
    """A published price claim as an article makes it, with what checking it needs.

    Fields: ``id`` (lower-case, unique in its file), ``kind`` (``percent_cheaper``,
    ``cost_fraction``, ``monthly_savings``, ``monthly_cost``, ``price``, ``discount``,
    ``training_cost`` or ``unverifiable``), ``stated`` (the figure exactly as written, e.g.
    ``"$42,000"`` or ``"97%"``) and ``hedge`` (``"roughly"``, ``"up to"``...), ``source`` and
    ``quote`` (where it was said), ``subject``/``baseline`` (the models compared; ``baseline_candidates``
    when the article leaves it open), ``basis`` (``input``, ``output`` or ``blended`` prices),
    ``component``, ``fixed`` (what the article states: ``tokens``, ``input_share``, ``month_days``...),
    ``free`` (assumptions left open, with their range), ``at`` (the claim's date), ``period``
    (``request``, ``day``, ``month`` or ``year`` for cost and savings claims), ``rounding`` (how the
    figure was rounded, overriding the policy: ``half_up``, ``half_even``, ``truncate``,
    ``up_or_down``) and ``reason`` (why it cannot be checked, for ``unverifiable`` claims).
    Claims drafted by ``tokencost extract`` also carry ``confidence`` (0-1), ``needs_review`` and
    ``quote_span`` (character offsets of the quote in the article after mojibake repair); all three are
    optional. docs/claims.md describes every field and phrase.

        >>> c = Claim(id="mine", kind="percent_cheaper", stated="95%", hedge="about",
        ...           subject="deepseek-chat", baseline="gpt-4o", basis="blended", at="2025-03-01")
        >>> tc.check_claim(c).verdict                      # doctest: +SKIP
        'holds-if'
    """

    # defer_build: the validator is built on first validation; claims from the cache never need it
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", description="lower-case, unique in its file")]
    kind: Kind
    stated: str = Field(description="the figure exactly as written: '97%', 'roughly $42,000', 'one-tenth', "
                                    "'3x cheaper', '50% less', 'half the price' (docs/claims.md lists the phrases)")
    source: str | None = Field(None, description="where it was said (a catalog source id); the only source "
                                                 "whose reported figures the claim is read against")
    quote: str | None = Field(None, description="the sentence, verbatim")
    hedge: str | None = Field(None, description="'roughly', 'about', 'up to', 'at least', 'more than', "
                                                "'nearly', 'just'...")
    basis: Basis | None = Field(None, description="which prices: input, output or blended over the input share")
    component: str | None = Field(None, description="price: a unit (input, output, cached_input, request...); "
                                                    "discount: batch, cached_input, off_peak, flex or priority")
    subject: str | None = Field(None, description="the model the claim is about: MODEL or MODEL@VERSION")
    baseline: str | None = Field(None, description="the model it is compared with: MODEL or MODEL@VERSION")
    baseline_candidates: tuple[str, ...] = Field((), description="the baselines the wording allows, when it "
                                                                 "names none")
    fixed: dict[str, Any] = Field(default_factory=dict, description="assumptions the claim states",
                                  json_schema_extra={"propertyNames": {"enum": list(FIXED)}})
    fixed_sources: tuple[str, ...] = Field((), description="catalog source ids backing the fixed figures")
    free: dict[str, tuple[Any, Any]] = Field(default_factory=dict,
                                             description="assumptions left open, each with its [low, high] range; "
                                                         "one continuous one is solved exactly",
                                             json_schema_extra={"propertyNames": {"enum": list(FREE)}})
    at: dt.date | None = Field(None, description="the claim's date: the headline verdict uses the prices in "
                                                 "effect then")
    period: Period | None = Field(None, description="cost and savings claims: per request, day, month (default) "
                                                    "or year (365 days)")
    rounding: Rounding | None = Field(None, description="how the figure was rounded, overriding the policy")
    note: str | None = None
    reason: str | None = Field(None, description="why an unverifiable claim cannot be checked")
    # drafted by `tokencost extract`; all optional, so claim files written by hand load as before
    confidence: Annotated[float, Field(ge=0, le=1)] | None = Field(
        None, description="drafted claims: how sure the extraction rules are, 0 to 1")
    needs_review: bool | None = Field(None, description="drafted claims: a person should check it before a "
                                                        "verdict is published")
    quote_span: tuple[int, int] | None = Field(None, description="drafted claims: [start, end) character offsets "
                                                                 "of the quote in the article after mojibake repair")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = ".".join(str(x) for x in err["loc"])
            msg = str(err["msg"]).removeprefix("Value error, ")
            raise ClaimError(f"{field}: {msg}" if field else msg, claim_id=data.get("id")) from None

    @field_validator("free")
    @classmethod
    def _known_free(cls, v: dict[str, Any]) -> dict[str, Any]:
        bad = set(v) - set(FREE)
        if bad:
            raise ValueError(f"unknown free assumption(s) {sorted(bad)}; known: {', '.join(FREE)}")
        return v

    @field_validator("fixed")
    @classmethod
    def _known_fixed(cls, v: dict[str, Any]) -> dict[str, Any]:
        bad = set(v) - set(FIXED)
        if bad:
            raise ValueError(f"unknown fixed assumption(s) {sorted(bad)}; known: {', '.join(FIXED)}")
        return v

    @model_validator(mode="after")
    def _complete(self) -> Claim:
        if self.kind == "unverifiable" and not self.reason:
            raise ValueError("an unverifiable claim needs a 'reason'")
        if self.kind in ("percent_cheaper", "cost_fraction") and self.basis is None:
            raise ValueError(f"a {self.kind} claim needs 'basis' (input, output or blended)")
        if self.kind in NEEDS_BASELINE + ("monthly_cost", "price", "discount") and not self.subject:
            raise ValueError(f"a {self.kind} claim needs a 'subject'")
        if self.kind in NEEDS_BASELINE and not (self.baseline or self.baseline_candidates):
            raise ValueError(f"a {self.kind} claim needs 'baseline' or 'baseline_candidates'")
        if self.kind in ("monthly_savings", "monthly_cost") and "tokens" not in self.fixed \
                and "tokens" not in self.free:
            raise ValueError(f"a {self.kind} claim needs fixed.tokens (e.g. '100M/day') or free.tokens")
        if self.kind in ("price", "discount") and not self.component:
            raise ValueError(f"a {self.kind} claim needs 'component'")
        if self.kind == "discount" and self.component not in DiscountComponent:
            raise ValueError(f"a discount claim's component is one of {', '.join(DiscountComponent)}")
        if self.kind == "request_cost":
            if not self.subject:
                raise ValueError("a request_cost claim needs a 'subject'")
            if not any(k in self.fixed for k in REQUEST_COUNTS):
                raise ValueError("a request_cost claim needs fixed counts (input_tokens, output_tokens, ...)")
            if self.period not in (None, "request"):
                raise ValueError("a request_cost claim is per request (period: request)")
        if self.period is not None and self.kind not in ("monthly_savings", "monthly_cost", "request_cost"):
            raise ValueError(f"'period' applies to cost and savings claims, not {self.kind}")
        if self.period == "request" and self.kind != "request_cost":
            raise ValueError("period: request needs kind: request_cost with fixed token counts")
        return self

    @property
    def baselines(self) -> tuple[str, ...]:
        if self.baseline:
            return (self.baseline,)
        return self.baseline_candidates


class ClaimFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claims: list[Claim]


def load_claims(path: str | os.PathLike[str] | None = None, *, text: str | None = None) -> list[Claim]:
    """Claims from a YAML file (the bundled ``claims.yaml`` when no path is given).

    The bundled claims are validated once and then read from the same user cache as the
    bundled prices (keyed by the file's bytes and this module's code).
    """
    if text is None and path is None:
        from pathlib import Path

        from .._catalog.cache import cached
        from .._catalog.loader import bundled_data_path

        bundled = bundled_data_path("claims.yaml")
        return list(cached(bundled, lambda: _load_claims(bundled, None), code=(Path(__file__),), kind="claims"))
    return _load_claims(path, text)


def _load_claims(path: str | os.PathLike[str] | None, text: str | None) -> list[Claim]:
    from .._yaml import load_yaml, load_yaml_text, validation_error

    if text is not None:
        name = str(path or "<string>")
        doc = load_yaml_text(text, path=name)
    else:
        if path is None:
            from .._catalog.loader import bundled_data_path
            path = bundled_data_path("claims.yaml")
        name = str(path)
        doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("claims"), list):
        raise DataFileError("a claims file must be a mapping with a 'claims' list", path=name)
    out: list[Claim] = []
    seen: set[str] = set()
    for i, item in enumerate(doc["claims"]):
        line = doc["claims"].lines[i] if hasattr(doc["claims"], "lines") else None
        try:
            c = Claim.model_validate(item) if isinstance(item, dict) else None
        except ClaimError as exc:
            raise DataFileError(str(exc), path=name, line=line, field=f"claims.{i}") from None
        except ValidationError as exc:
            raise validation_error(exc, item, name) from None
        if c is None:
            raise DataFileError("each claim must be a mapping", path=name, line=line, field=f"claims.{i}")
        if c.id in seen:
            raise DataFileError(f"duplicate claim id {c.id!r}", path=name, line=line, field=f"claims.{i}.id")
        seen.add(c.id)
        out.append(c)
    return out

