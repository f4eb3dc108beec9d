"""The shape of ``prices.yaml``: strict pydantic models, unknown keys rejected.

Money is ``Decimal`` from the file on: the YAML loader hands every number over
as the text it was written with, so ``2.50`` never passes through a float.
All rates are per million tokens in the version's currency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from .._time import to_utc

__all__ = [
    "CITABLE", "COMPONENTS", "Batch", "Citation", "Component", "Currency", "ExchangeRate", "Model", "OffPeak", "Policy", "PriceFile", "PriceVersion", "Rates", "Source", "Tier", "TrainingCost",
]

COMPONENTS = ("input", "cached_input", "cache_write", "output")
Component = Literal["input", "cached_input", "cache_write", "output"]
# Figures a citation may vouch for: the four rates, plus the version's extras.
# Every billable unit, the four token components first (the hot paths index them by position).
UNITS = COMPONENTS + ("cache_write_1h", "reasoning", "audio_input", "audio_output", "cached_audio_input",
                      "image_input", "image_output", "video_input", "request", "web_search", "code_execution")
# How many units one rate is for: tokens per million; requests and web searches per thousand; hours per one.
UNIT_SCALE = {**{u: 1_000_000 for u in UNITS}, "request": 1_000, "web_search": 1_000, "code_execution": 1}
CITABLE = UNITS + ("batch", "tiers", "off_peak", "service_tiers", "fine_tuned", "lifecycle")
ServiceTierName = Literal["flex", "priority", "scale", "provisioned"]
# Which copy of a dataset was read: a package release ("genai-prices 0.2.3") or a git commit ("git <40 hex>").
# Datasets are rewritten in place, so a citation of one means nothing without it.
REVISION_PATTERN = r"^(git [0-9a-f]{40}|[A-Za-z0-9][A-Za-z0-9_.-]* [0-9]+(\.[0-9A-Za-z]+)*)$"
Revision = Annotated[str, Field(pattern=REVISION_PATTERN)]

Unit = Literal["input", "cached_input", "cache_write", "output", "cache_write_1h", "reasoning", "audio_input",
               "audio_output", "cached_audio_input", "image_input", "image_output", "video_input", "request",
               "web_search", "code_execution"]
Status = Literal["official", "reported", "rumored", "promotional"]
SourceKind = Literal["vendor_page", "announcement", "docs", "article", "dataset", "archive", "other"]
Currency = Literal["USD", "CNY"]

# The JSON Schema for decimals is spelled out here: pydantic's own rendering changes between releases,
# and data/prices.schema.json must not depend on which pydantic a machine happens to install.
_DECIMAL_TEXT = r"^[+]?[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?$"


def _decimal_schema(**bounds: float) -> WithJsonSchema:
    return WithJsonSchema({"anyOf": [{"type": "number", **bounds}, {"type": "string", "pattern": _DECIMAL_TEXT}]})


NonNegDecimal = Annotated[Decimal, Field(ge=0), _decimal_schema(minimum=0)]
# A rate above $100,000 per million tokens ($0.10 a token) is a unit mistake, not a price
MAX_RATE = 100_000
Rate = Annotated[Decimal, Field(ge=0, le=MAX_RATE), _decimal_schema(minimum=0, maximum=MAX_RATE)]
Share = Annotated[Decimal, Field(ge=0, le=1), _decimal_schema(minimum=0, maximum=1)]
PosDecimal = Annotated[Decimal, Field(gt=0), _decimal_schema(exclusiveMinimum=0)]


def _date_not_number(value: object) -> object:
    """Dates and times are written as dates: a bare number (20250101) would be read as Unix seconds,
    and a time of day without a zone is ambiguous."""
    if isinstance(value, (bool, int, float, Decimal)):
        raise ValueError(f"{value!r} is a number, not a date or time; write it like 2025-01-01, "
                         f"2025-01-01T16:30:00Z or \"16:30\"")
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        raise ValueError(f"{value.isoformat(sep=' ')} has a time of day but no timezone; add Z (UTC) or an offset")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_not_number)]
Instant = Annotated[dt.datetime | dt.date, BeforeValidator(_date_not_number)]
TimeOfDay = Annotated[dt.time, BeforeValidator(_date_not_number)]


class _Strict(BaseModel):
    # defer_build: validators are built on first validation, not at import; a cached catalog never needs them
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class _Dated:
    """The half-open UTC interval [effective_from, effective_to) of a version or policy."""

    if TYPE_CHECKING:  # declared by the models themselves, in their own field order
        effective_from: dt.datetime | dt.date
        effective_to: dt.datetime | dt.date | None

    # cached: read for every version on every claim and usage bin; pydantic keeps cached properties out
    # of equality and the model stays frozen (the value is derived from frozen fields)
    @cached_property
    def start(self) -> dt.datetime:
        return to_utc(self.effective_from)

    @cached_property
    def end(self) -> dt.datetime | None:
        return None if self.effective_to is None else to_utc(self.effective_to)

    def in_effect(self, at: dt.datetime) -> bool:
        end = self.end
        return self.start <= at and (end is None or at < end)


class Source(_Strict):
    """Where a figure comes from: a vendor page, an announcement, an article, a dataset."""

    kind: SourceKind
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: Date | None = None
    retrieved: Date | None = None
    seed: str | None = Field(None, description="file name of the article in shared/seeds/")
    revision: Revision | None = Field(
        None, description="dataset: the release or git commit its citations were checked against, "
                          "e.g. 'litellm 1.110.2' or 'git <sha>'")
    note: str | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if self.kind == "article" and not (self.seed or self.url):
            raise ValueError("an article source needs 'seed' (its file in shared/seeds/) or 'url'")
        if self.kind in ("vendor_page", "announcement", "docs", "dataset", "archive") and not self.url:
            raise ValueError(f"a {self.kind} source needs a 'url'")
        return self


class Rates(_Strict):
    """What each billable unit costs, in the version's currency. A missing rate is unknown, never zero.

    Token units are priced per million tokens; ``request`` per 1,000 requests, ``web_search``
    per 1,000 calls, ``code_execution`` per container-hour (see :data:`UNIT_SCALE`).
    """

    input: Rate | None = None
    cached_input: Rate | None = Field(None, description="cache hit / cache read, per Mtok")
    cache_write: Rate | None = Field(None, description="cache write with a 5-minute TTL, per Mtok")
    output: Rate | None = None
    cache_write_1h: Rate | None = Field(None, description="cache write with a 1-hour TTL, per Mtok")
    reasoning: Rate | None = Field(None, description="reasoning/thinking output where priced apart from "
                                                              "output, per Mtok (else billed as output)")
    audio_input: Rate | None = Field(None, description="per Mtok")
    audio_output: Rate | None = Field(None, description="per Mtok")
    cached_audio_input: Rate | None = Field(None, description="per Mtok")
    image_input: Rate | None = Field(None, description="per Mtok")
    image_output: Rate | None = Field(None, description="per Mtok")
    video_input: Rate | None = Field(None, description="per Mtok")
    request: NonNegDecimal | None = Field(None, description="fee per 1,000 requests")
    web_search: NonNegDecimal | None = Field(None, description="fee per 1,000 web-search tool calls")
    code_execution: NonNegDecimal | None = Field(None, description="fee per container-hour of code execution")

    def present(self) -> tuple[str, ...]:
        return tuple(c for c in UNITS if getattr(self, c) is not None)


class Tier(_Strict):
    """Rates that replace the base rates when a request's prompt exceeds a size."""

    above_prompt_tokens: Annotated[int, Field(gt=0)]
    rates: Rates


class OffPeak(_Strict):
    """A daily UTC window with its own rates (the window may wrap past midnight)."""

    start: TimeOfDay
    end: TimeOfDay
    rates: Rates
    note: str | None = None

    @model_validator(mode="after")
    def _nonempty(self) -> OffPeak:
        if self.start == self.end:
            raise ValueError("off-peak window start and end are equal")
        return self

    def contains(self, t: dt.time) -> bool:
        t = t.replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def fraction_of_day(self) -> Fraction:
        """The window's length as an exact fraction of a day (8 h -> 1/3)."""
        def sec(t: dt.time) -> int:
            return (t.hour * 60 + t.minute) * 60 + t.second
        return Fraction((sec(self.end) - sec(self.start)) % 86_400, 86_400)


class Batch(_Strict):
    """A batch (asynchronous) discount: batch rate = rate x (1 - discount)."""

    discount: Share
    applies_to: tuple[Unit, ...] = COMPONENTS


def _as_utc(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    return None if value is None else to_utc(value)


class ServiceTier(_Strict):
    """A service tier sold beside standard processing (flex, priority, ...): either its own
    ``rates`` (units it does not list fall back to standard) or ``multiplier`` x the standard rate
    of the units in ``applies_to`` (flex 0.5, priority 2). Dated like every price; an open
    ``effective_from`` means from the version's start.

    >>> ServiceTier(multiplier="0.5", applies_to=("input", "cached_input", "output"))  # doctest: +SKIP
    """

    rates: Rates | None = None
    multiplier: PosDecimal | None = None
    applies_to: tuple[Unit, ...] = COMPONENTS
    effective_from: dt.datetime | dt.date | None = None
    effective_to: dt.datetime | dt.date | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_way(self) -> ServiceTier:
        if (self.rates is None) == (self.multiplier is None):
            raise ValueError("a service tier needs exactly one of 'rates' or 'multiplier'")
        return self

    def in_effect(self, at: dt.datetime) -> bool:
        start, end = _as_utc(self.effective_from), _as_utc(self.effective_to)
        return (start is None or start <= at) and (end is None or at < end)


class Counting(_Strict):
    """How a provider's usage objects count tokens (written once, applied by ``response_cost`` and the
    usage-log mappings): whether the prompt count includes cache reads / cache writes / audio, and
    whether the completion count includes reasoning tokens."""

    cached_in_input: bool
    cache_writes_in_input: bool
    reasoning_in_output: bool
    audio_in_input: bool = True
    audio_in_output: bool = True
    note: str | None = None
    source: str | None = Field(None, description="source id that documents the convention")


class Provider(_Strict):
    """Provider-wide facts: display name, and the counting convention of its usage objects."""

    display_name: str | None = None
    url: str | None = None
    prefixes: tuple[str, ...] = Field((), description="model-id prefixes that mean this provider "
                                                      "('openai/', 'anthropic.', ...)")
    counting: Counting | None = None


class Serving(_Strict):
    """An alias pointing at a model over an interval (``deepseek-chat`` -> ``deepseek-v4-flash``)."""

    model: str
    effective_from: dt.datetime | dt.date
    effective_to: dt.datetime | dt.date | None = None
    note: str | None = None


class Citation(_Strict):
    """Which source states which figures; articles must carry the verbatim quote."""

    source: str
    fields: tuple[str, ...] | None = Field(None, description="figures vouched for; omitted = all")
    quote: str | None = None
    entry: str | None = Field(
        None, description="dataset: the row read, in the dataset's own naming ('openai/gpt-4o', 'gpt-4o')")
    revision: Revision | None = Field(
        None, description="dataset: the release or commit read, where it differs from the source's revision")
    note: str | None = None

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, v: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if v is not None:
            bad = [f for f in v if f not in CITABLE]
            if bad:
                raise ValueError(f"unknown field(s) {bad}; citable: {list(CITABLE)}")
        return v


class PriceVersion(_Strict, _Dated):
    """One price table of one model, in effect over a half-open UTC interval."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    status: Status
    effective_from: Instant
    effective_from_known: bool = Field(True, description=(
        "false: no source gives this price's start; effective_from is then its earliest dated evidence "
        "(the first dated copy of a dataset listing it, or the day it was read), and pricing an earlier "
        "instant is an error that says the start is unknown"))
    effective_to: Instant | None = None
    currency: Currency = "USD"
    rates: Rates
    tiers: tuple[Tier, ...] = ()
    batch: Batch | None = Field(None, description="overrides the provider batch policy for this version")
    off_peak: tuple[OffPeak, ...] = ()
    service_tiers: dict[ServiceTierName, ServiceTier] = Field(default_factory=dict)
    fine_tuned: Rates | None = Field(None, description="rates of fine-tuned models built on this one")
    last_checked: dt.date | None = Field(None, description="when these figures were last checked against "
                                                           "their sources (default: the file's as_of)")
    citations: Annotated[tuple[Citation, ...], Field(min_length=1)]
    note: str | None = None


    def __repr__(self) -> str:
        from .._display.reprs import price_version_repr
        return price_version_repr(self)

    def _repr_html_(self) -> str:
        from .._display.reprs import price_version_html
        return price_version_html(self)

    @model_validator(mode="after")
    def _consistent(self) -> PriceVersion:
        if self.end is not None and not self.start < self.end:
            raise ValueError(f"effective_from {self.effective_from} is not before effective_to {self.effective_to}")
        if not self.rates.present():
            raise ValueError("a version needs at least one rate")
        if self.tiers and self.off_peak:
            raise ValueError("context-length tiers and off-peak windows on one version are not modelled "
                             "(no vendor sells both; say how they stack before adding one)")
        thresholds = [t.above_prompt_tokens for t in self.tiers]
        if thresholds != sorted(set(thresholds)):
            raise ValueError("tiers must be in increasing above_prompt_tokens order, without repeats")
        covered: set[str] = set()
        for c in self.citations:
            covered.update(c.fields if c.fields is not None else CITABLE)
        needed = set(self.rates.present())
        needed |= {"tiers"} if self.tiers else set()
        needed |= {"batch"} if self.batch else set()
        needed |= {"off_peak"} if self.off_peak else set()
        needed |= {"service_tiers"} if self.service_tiers else set()
        needed |= {"fine_tuned"} if self.fine_tuned else set()
        if missing := sorted(needed - covered):
            raise ValueError(f"figures without a citation: {missing}")
        return self


class Model(_Strict):
    """One model id with its aliases, price history and lifecycle.

    ``retired`` is the instant the id stopped being served: pricing it later is an error that
    names the date and the ``successor``. ``serves`` records what an alias pointed at, when.
    """

    provider: str
    display_name: str | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None
    deprecated: dt.date | None = Field(None, description="date the deprecation was announced")
    retired: dt.datetime | dt.date | None = Field(None, description="instant the id stopped being served")
    successor: str | None = Field(None, description="model id the vendor names as the replacement")
    serves: tuple[Serving, ...] = ()
    citations: tuple[Citation, ...] = Field((), description="sources of the lifecycle facts")
    versions: Annotated[tuple[PriceVersion, ...], Field(min_length=1)]

    @property
    def retired_at(self) -> dt.datetime | None:
        return None if self.retired is None else to_utc(self.retired)

    @model_validator(mode="after")
    def _lifecycle_cited(self) -> Model:
        if (self.deprecated or self.retired or self.successor or self.serves) and not any(
                c.fields is None or "lifecycle" in c.fields for c in self.citations):
            raise ValueError("deprecated / retired / successor / serves need a citation (fields: [lifecycle])")
        return self

    @model_validator(mode="after")
    def _unique_ids(self) -> Model:
        ids = [v.id for v in self.versions]
        if dups := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"duplicate version id(s): {dups}")
        return self


class ExchangeRate(_Strict):
    """A dated rate: 1 unit of ``currency`` = ``usd_per_unit`` USD."""

    currency: Currency
    usd_per_unit: PosDecimal
    on: Date
    source: str
    note: str | None = None


class TrainingCost(_Strict):
    """A published training-cost figure: GPU-hours times an hourly rate, as its publisher stated them.

    Not an API price: the claim checker reads a ``training_cost`` claim about ``model`` against the
    latest record ``published`` on or before the claim's date. ``rate_assumed`` says the hourly rate
    is the publisher's assumption (a rental price), not an amount paid; ``scope`` says what the
    figure covers (a final training run, not the research before it). ``total_usd``, where
    published, must equal ``gpu_hours x usd_per_gpu_hour`` exactly.

        >>> rec = TrainingCost(id="deepseek-v3-final-run", model="deepseek-v3", gpu_hours="2788000",
        ...                    gpu="H800", usd_per_gpu_hour="2", rate_assumed=True, total_usd="5576000",
        ...                    published="2024-12-27", citations=[{"source": "deepseek-v3-tech-report",
        ...                    "quote": "2.788M H800 GPU hours"}])
        >>> rec.cost
        Decimal('5576000')
    """

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    model: str = Field(description="the model trained: a catalog model id or alias")
    gpu_hours: PosDecimal
    gpu: str | None = Field(None, description="the accelerator, as published ('H800')")
    usd_per_gpu_hour: PosDecimal
    rate_assumed: bool = Field(description="true when the hourly rate is the publisher's assumption (a rental "
                                           "price), not a cost incurred")
    total_usd: PosDecimal | None = Field(None, description="the total as published; must equal gpu_hours x "
                                                           "usd_per_gpu_hour")
    published: Date = Field(description="when the figures were first published")
    scope: str | None = Field(None, description="what the figure covers and leaves out")
    citations: Annotated[tuple[Citation, ...], Field(min_length=1)]
    note: str | None = None

    @property
    def cost(self) -> Decimal:
        """``gpu_hours x usd_per_gpu_hour`` in USD, exact."""
        return self.gpu_hours * self.usd_per_gpu_hour

    @model_validator(mode="after")
    def _total_matches(self) -> TrainingCost:
        if self.total_usd is not None and self.total_usd != self.cost:
            raise ValueError(f"total_usd {self.total_usd} is not gpu_hours x usd_per_gpu_hour = {self.cost}")
        if not any(c.quote for c in self.citations):
            raise ValueError("a training-cost record needs a citation with the verbatim 'quote' of its figures")
        return self


class Policy(_Strict, _Dated):
    """A provider-wide rule with a start date: batch discounts and prompt-caching terms.

    Batch policies are applied by the engine when a version has no ``batch`` of
    its own; caching policies document how ``cached_input``/``cache_write`` rates
    were derived (the rates themselves live on the versions).
    """

    id: str
    provider: str
    kind: Literal["batch", "prompt_caching"]
    effective_from: Instant
    effective_to: Instant | None = None
    discount: Share | None = Field(None, description="batch: fraction off every listed component")
    applies_to: tuple[Unit, ...] = COMPONENTS
    models: tuple[str, ...] | None = Field(None, description="model ids it covers; omitted = all of the provider's")
    excludes: tuple[str, ...] = ()
    read_multiplier: NonNegDecimal | None = Field(None, description="prompt_caching: cache read = input x this")
    write_multiplier: NonNegDecimal | None = Field(None, description="prompt_caching: cache write = input x this")
    citations: Annotated[tuple[Citation, ...], Field(min_length=1)]
    note: str | None = None


    def covers(self, model_id: str, provider: str, at: dt.datetime) -> bool:
        if provider != self.provider or model_id in self.excludes:
            return False
        if self.models is not None and model_id not in self.models:
            return False
        return self.in_effect(at)

    @model_validator(mode="after")
    def _batch_has_discount(self) -> Policy:
        if self.kind == "batch" and self.discount is None:
            raise ValueError("a batch policy needs 'discount'")
        return self


class PriceFile(_Strict):
    """The whole ``prices.yaml`` document."""

    schema_: str | None = Field(None, alias="$schema", description="path or URL of prices.schema.json, for editors")
    schema_version: Literal[1] = 1
    as_of: dt.date | None = Field(None, description="the data date: when this file's figures were last "
                                                    "checked as a whole")
    providers: dict[str, Provider] = Field(default_factory=dict)
    sources: dict[str, Source]
    exchange_rates: tuple[ExchangeRate, ...] = ()
    policies: tuple[Policy, ...] = ()
    training_costs: tuple[TrainingCost, ...] = Field((), description="published training-cost figures "
                                                                     "(not API prices)")
    models: dict[str, Model]
