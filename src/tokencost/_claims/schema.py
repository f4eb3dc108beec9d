"""The shape of ``claims.yaml``: one entry per quantitative claim, as written."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from .._catalog.schema import Rates
from .._engine.units import parse_volume, to_decimal
from .._yaml import line_of, load_yaml, load_yaml_text, validation_error
from ..errors import ClaimError, DataFileError, TokencostError
from .stated import HEDGE_WORDS, parse_stated, unknown_hedge_words

__all__ = ["Claim", "ClaimFile", "claim_origin", "load_claims", "located_error"]

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


# What each kind's stated figure must be: "$4" cannot be a percentage cheaper, nor "50%" a monthly saving.
# A comparison may be written as a percentage ("67% cheaper", "50% less", "33% of the cost", "half the
# price", "a tenth") or a multiple ("3x cheaper", "27 times"); cost_fraction also takes the qualitative
# "a fraction"; a request's cost is a dollar amount.
UNITS: dict[str, tuple[str, ...]] = {
    "percent_cheaper": ("percent", "multiple"), "cost_fraction": ("percent", "multiple", "ratio"),
    "monthly_savings": ("usd",), "monthly_cost": ("usd",), "training_cost": ("usd",), "price": ("usd",),
    "request_cost": ("usd",), "discount": ("percent",)}
UNIT_WORDS = {"percent": "a percentage such as '97%', '50% less' or 'one-tenth'",
              "usd": "an amount of money such as '$42,000', '15 cents' or '¥2'",
              "multiple": "a multiple such as '3x cheaper'", "ratio": "a ratio such as 'a fraction'"}
PRICE_COMPONENTS = tuple(Rates.model_fields)  # every unit a price version can rate
DISCOUNT_COMPONENTS = DiscountComponent
SHARES = ("input_share", "cached_share", "cache_write_share", "batch_share", "off_peak_share")


def _date_not_number(value: Any) -> Any:
    if isinstance(value, (bool, int, float, Decimal)):
        raise ValueError(f"{value!r} is a number, not a date; write it like 2025-05-01")
    return value


def _number(value: Any, what: str) -> Decimal:
    try:
        return to_decimal(value, what=what)
    except TokencostError as exc:
        raise ValueError(str(exc)) from None


def _share_value(value: Any, what: str) -> Decimal | Fraction:
    if isinstance(value, Fraction) or (isinstance(value, str) and "/" in value):  # exact shares such as 8/9
        try:
            d: Decimal | Fraction = Fraction(value.strip() if isinstance(value, str) else value)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{what} is not a number or fraction (got {value!r})") from None
    else:
        d = _number(value, what)
    if not 0 <= d <= 1:
        raise ValueError(f"{what} must be between 0 and 1 (got {value})")
    return d


def _volume_value(value: Any, what: str) -> Any:
    try:
        vol = parse_volume(value)
    except TokencostError as exc:
        raise ValueError(f"{what}: {exc}") from None
    if vol.tokens < 0:
        raise ValueError(f"{what} cannot be negative")
    return vol


def _month_value(value: Any, what: str) -> Decimal:
    d = _number(value, what)
    if not 1 <= d <= 31:
        raise ValueError(f"{what} must be between 1 and 31 days (got {value})")
    return d


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
                                    "'3x cheaper', '50% less', 'half the price', '15 cents', '¥2', '2 yuan', "
                                    "'$0.002 per 1K tokens' (docs/claims.md lists the phrases)")
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
                                                         "up to three continuous ones are solved exactly",
                                             json_schema_extra={"propertyNames": {"enum": list(FREE)}})
    at: Annotated[dt.date | None, BeforeValidator(_date_not_number)] = Field(
        None, description="the claim's date: the headline verdict uses the prices in effect then")
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
    _origin: tuple[str, int | None] | None = PrivateAttr(None)  # (file, line) when read from a file

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = ".".join(str(x) for x in err["loc"])
            msg = str(err["msg"]).removeprefix("Value error, ")
            cid = data.get("id") if isinstance(data.get("id"), str) else None
            e = ClaimError(f"{field}: {msg}" if field else msg, claim_id=cid)
            e.loc, e.reason = tuple(err["loc"]), msg  # for load_claims: the line of that field
            raise e from None

    @field_validator("free")
    @classmethod
    def _known_free(cls, v: dict[str, Any]) -> dict[str, Any]:
        bad = set(v) - set(FREE)
        if bad:
            raise ValueError(f"unknown free assumption(s) {sorted(bad)}; known: {', '.join(FREE)}")
        for name, (lo, hi) in v.items():
            if name == "tokens":  # a volume range: both ends read as volumes, per the same period
                a_v, b_v = _volume_value(lo, "free.tokens[0]"), _volume_value(hi, "free.tokens[1]")
                if a_v.per != b_v.per:
                    raise ValueError(f"free.tokens: both ends must be per the same period (got {lo!r}, {hi!r})")
                a, b = a_v.fraction(), b_v.fraction()
            else:
                check = _month_value if name == "month_days" else _share_value
                a, b = check(lo, f"free.{name}[0]"), check(hi, f"free.{name}[1]")
            if a > b:
                raise ValueError(f"free.{name} is reversed: [{lo}, {hi}] (write the low end first)")
        return v

    @field_validator("fixed")
    @classmethod
    def _known_fixed(cls, v: dict[str, Any]) -> dict[str, Any]:
        bad = set(v) - set(FIXED)
        if bad:
            raise ValueError(f"unknown fixed assumption(s) {sorted(bad)}; known: {', '.join(FIXED)}")
        for name, value in v.items():
            if name in SHARES and not (name == "off_peak_share" and value == "uniform"):
                _share_value(value, f"fixed.{name}")
            elif name == "month_days":
                _month_value(value, "fixed.month_days")
            elif name == "tokens":
                _volume_value(value, "fixed.tokens")
            elif name == "service_tier":
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(f"fixed.service_tier is a tier name such as 'flex', not {value!r}")
            elif name == "prompt_tokens" or name in REQUEST_COUNTS:  # counts: whole and not negative
                d = _number(value, f"fixed.{name}")
                if d < 0 or d != d.to_integral_value():
                    raise ValueError(f"fixed.{name} must be a whole number (got {value})")
            elif _number(value, f"fixed.{name}") < 0:
                raise ValueError(f"fixed.{name} cannot be negative (got {value})")
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
        known = PRICE_COMPONENTS if self.kind == "price" else DISCOUNT_COMPONENTS
        if self.kind in ("price", "discount") and self.component not in known:
            raise ValueError(f"component {self.component!r} is not one a {self.kind} claim can check; "
                             f"known: {', '.join(known)}")
        if self.kind in UNITS and not (self.kind == "training_cost" and "gpu_hours" not in self.fixed):
            # only where the checker reads the figure: an unverifiable claim keeps its words as written
            if self.hedge is not None and (unknown := unknown_hedge_words(self.hedge)):
                raise ValueError(f"unknown hedge {unknown!r}; known: {', '.join(HEDGE_WORDS)}")
            try:
                unit = parse_stated(self.stated, self.hedge, kind=self.kind, rounding=self.rounding).unit
            except ClaimError as exc:
                raise ValueError(str(exc)) from None
            if unit not in UNITS[self.kind]:
                raise ValueError(f"stated {self.stated!r} is {UNIT_WORDS[unit]}, but a {self.kind} claim states "
                                 + " or ".join(UNIT_WORDS[u] for u in UNITS[self.kind]))
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

    def __eq__(self, other: object) -> bool:
        # where a claim was read (``_origin``) is not part of what it says: a claim written out and
        # read back equals the one written
        if not isinstance(other, Claim):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # (its fixed/free dicts never made it hashable)

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
        raise DataFileError("a claims file must be a mapping with a 'claims' list", path=name,
                            line=getattr(doc, "line", None))
    for key in doc:
        if key not in ("claims", "schema_version"):
            raise DataFileError(f"unknown top-level key {key!r}; a claims file has 'claims' (and 'schema_version')",
                                path=name, line=doc.lines.get(key) if hasattr(doc, "lines") else None,
                                field=str(key))
    out: list[Claim] = []
    seen: set[str] = set()
    for i, item in enumerate(doc["claims"]):
        line = doc["claims"].lines[i] if hasattr(doc["claims"], "lines") else None
        bad_key = next((k for k in item if not isinstance(k, str)), None) if isinstance(item, dict) else None
        if bad_key is not None or (isinstance(item, dict) and None in item):
            raise DataFileError(f"a claim's keys are names such as 'stated', not {bad_key!r}", path=name,
                                line=item.lines.get(bad_key, line) if hasattr(item, "lines") else line,
                                field=f"claims.{i}")
        try:
            c = Claim.model_validate(item) if isinstance(item, dict) else None
        except (ClaimError, ValidationError) as exc:
            raise located_error(exc, item, name, i, line) from None
        if c is None:
            raise DataFileError("each claim must be a mapping", path=name, line=line, field=f"claims.{i}")
        if c.id in seen:
            raise DataFileError(f"duplicate claim id {c.id!r}", path=name, line=line, field=f"claims.{i}.id")
        seen.add(c.id)
        c._origin = (name, line)
        out.append(c)
    return out


def located_error(exc: Exception, item: Any, path: str, i: int, line: int | None) -> DataFileError:
    """The claim's error at the line of the field it is about (pydantic hands our ClaimError over
    wrapped in a ValidationError)."""
    inner: Any = exc
    if isinstance(exc, ValidationError):
        err = exc.errors(include_url=False)[0]
        inner = (err.get("ctx") or {}).get("error") or exc
        if not isinstance(inner, ClaimError):
            return validation_error(exc, item, path)
    loc = getattr(inner, "loc", ())
    reason = getattr(inner, "reason", None) or str(inner)
    cid = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
    return DataFileError(f"claim {cid}: {reason}" if cid else reason, path=path,
                         line=line_of(item, loc) or line, field=".".join(["claims", str(i), *map(str, loc)]))


def claim_origin(claim: Claim) -> str:
    """``file:line`` of a claim read from a file, else ''."""
    o = claim._origin
    if o is None:
        return ""
    return f"{o[0]}:{o[1]}" if o[1] else o[0]
