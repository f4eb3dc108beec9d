"""A workload: how many tokens, of which kinds, over what month."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from .._exact import EXACT
from .._fraction import as_decimal, exact_decimal, fmt_fraction
from ..errors import TokencostError, WorkloadError
from .units import MonthLength, Volume, parse_volume, split_per_request, to_decimal

__all__ = ["Workload"]


_COUNT_WORDS = re.compile(r"\b(?:requests?|reqs?|calls?|searches|search|queries|query)\b", re.I)


def _share(value: Any, field: str) -> Decimal | Fraction:
    """A share as a Decimal, or as an exact Fraction where it has no finite decimal form
    (``Fraction(8, 9)`` or the text ``"8/9"``)."""
    try:
        if isinstance(value, Fraction) or (isinstance(value, str) and "/" in value):
            f = Fraction(value.strip() if isinstance(value, str) else value)
            d = exact_decimal(f)
            share: Decimal | Fraction = f if d is None else d
        else:
            share = to_decimal(value, what=field)
    except (ValueError, ZeroDivisionError):
        raise WorkloadError(f"not a number or fraction (got {value!r})", field=field) from None
    except TokencostError as exc:
        raise WorkloadError(str(exc), field=field) from None
    if not 0 <= share <= 1:
        raise WorkloadError(f"must be between 0 and 1 (got {value})", field=field)
    return share


class Workload(BaseModel):
    """A monthly token budget and its mix.

    Give either ``tokens`` with ``input_share`` (the fraction of tokens that are
    prompt/input), or ``input`` and ``output`` volumes separately. Volumes are
    strings (``"100M/day"``, ``"3B tokens/month"``, ``"2500 requests/day x 4k tokens"``),
    pint quantities, or plain numbers (tokens per month). ``tokens`` may also give input and
    output per request at once: ``"2500 requests/day x 4k prompt + 500 output tokens"``.
    Shares are numbers, percentages (``"80%"``) or exact fractions (``"8/9"``).

    Shares:
      * ``cached_share``: fraction of input tokens served from the prompt cache (cache hits);
      * ``cache_write_share`` / ``cache_write_1h_share``: fraction of input tokens written to the
        cache with a 5-minute / 1-hour TTL;
      * ``reasoning_share``: fraction of output tokens that are reasoning (thinking) tokens;
      * ``batch_share``, ``flex_share``, ``priority_share``: fraction of all tokens sent through a
        batch API or that service tier (the rest is standard);
      * ``off_peak_share``: fraction of the non-batch tokens sent in an off-peak window,
        or ``"uniform"`` (traffic spread evenly over the day). ``None`` means all at peak
        (list) rates, and a model that has off-peak windows then says so in the result.
    ``requests`` and ``web_searches`` are counts per period ("2500/day"; a number is per month),
    for per-request and per-search fees; ``requests`` is derived from "N requests/day x K tokens".
    ``prompt_tokens`` (per request) selects context-length tiers; it is derived from
    ``"N requests/day x K tokens"`` volumes. ``month`` is how long a month is: "30d"
    (default), "30.4375d", "calendar" (that month's days at the pricing date) or a number.

        >>> w = Workload(tokens="100M/day", input_share="0.8", cached_share="0.5")
        >>> w.split_exact()                     # input, output tokens per 30-day month
        (Fraction(2400000000, 1), Fraction(600000000, 1))
        >>> Workload(tokens="2500 requests/day x 4k prompt + 500 output tokens").prompt_tokens
        4000
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="forbid")

    tokens: Volume | None = None
    input_share: Decimal | Fraction | None = None
    input: Volume | None = None
    output: Volume | None = None
    cached_share: Decimal | Fraction = Decimal(0)
    cache_write_share: Decimal | Fraction = Decimal(0)
    cache_write_1h_share: Decimal | Fraction = Decimal(0)
    reasoning_share: Decimal | Fraction = Decimal(0)
    batch_share: Decimal | Fraction = Decimal(0)
    flex_share: Decimal | Fraction = Decimal(0)
    priority_share: Decimal | Fraction = Decimal(0)
    off_peak_share: Decimal | Fraction | Literal["uniform"] | None = None
    prompt_tokens: int | None = None
    requests: Volume | None = None
    web_searches: Volume | None = None
    month: MonthLength = MonthLength("30d")

    def __init__(self, **data: Any) -> None:
        mix = split_per_request(data["tokens"]) if isinstance(data.get("tokens"), str) else None
        if mix is not None:  # "2500 requests/day x 4k prompt + 500 output tokens": input and output volumes
            if data.get("input_share") is not None:
                raise WorkloadError(f"{data['tokens']!r} already gives input and output per request; "
                                    "drop input_share", field="input_share")
            data = {k: v for k, v in data.items() if k not in ("tokens", "input_share")}
            data["input"], data["output"] = mix
        try:
            super().__init__(**data)
        except ValidationError as exc:  # surface our own error type, one clear line
            err = exc.errors(include_url=False)[0]
            inner = (err.get("ctx") or {}).get("error")
            if isinstance(inner, WorkloadError):
                raise inner from None
            field = ".".join(str(x) for x in err["loc"]) or None
            msg = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
            raise WorkloadError(msg, field=field) from None

    @field_validator("tokens", "input", "output", "requests", "web_searches", mode="before")
    @classmethod
    def _volume(cls, v: Any, info: Any) -> Volume | None:
        """Token volumes; requests and tool calls per period read the same way ("2500/day",
        "75k requests per month", a number per month)."""
        if v is None:
            return None
        counted = info.field_name in ("requests", "web_searches")
        if counted and isinstance(v, str):
            v = _COUNT_WORDS.sub("tokens", v)
        try:
            vol = parse_volume(v)
        except TokencostError as exc:
            raise WorkloadError(str(exc), field=info.field_name) from None
        if vol.tokens < 0:
            raise WorkloadError(f"a {'count' if counted else 'volume'} cannot be negative", field=info.field_name)
        return vol

    @field_validator("input_share", "cached_share", "cache_write_share", "cache_write_1h_share",
                     "reasoning_share", "batch_share", "flex_share", "priority_share", mode="before")
    @classmethod
    def _shares(cls, v: Any, info: Any) -> Decimal | Fraction | None:
        return None if v is None else _share(v, info.field_name)

    @field_validator("off_peak_share", mode="before")
    @classmethod
    def _off_peak(cls, v: Any) -> Decimal | Fraction | str | None:
        if v is None or v == "uniform":
            return v
        return _share(v, "off_peak_share")

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, v: Any) -> MonthLength:
        try:
            return MonthLength.of(v)
        except TokencostError as exc:
            raise WorkloadError(str(exc), field="month") from None

    @field_validator("prompt_tokens", mode="before")
    @classmethod
    def _prompt(cls, v: Any) -> int | None:
        if v is None:
            return None
        d = to_decimal(v, what="prompt_tokens")
        if d < 0 or d != d.to_integral_value():
            raise WorkloadError("must be a whole, non-negative number of tokens", field="prompt_tokens")
        return int(d)

    @model_validator(mode="after")
    def _complete(self) -> Workload:
        split = self.input is not None or self.output is not None
        if split and (self.tokens is not None or self.input_share is not None):
            raise WorkloadError("give either tokens + input_share, or input + output volumes, not both")
        if split and (self.input is None or self.output is None):
            raise WorkloadError("give both input and output volumes")
        if not split:
            if self.tokens is None:
                raise WorkloadError("a workload needs tokens (with input_share) or input and output volumes")
            if self.input_share is None:
                raise WorkloadError("input_share is required: which fraction of the tokens are input? "
                                    "(no default: it changes the cost several-fold)", field="input_share")
        if Fraction(self.cached_share) + Fraction(self.cache_write_share) + Fraction(self.cache_write_1h_share) > 1:
            raise WorkloadError("cached_share + cache_write_share + cache_write_1h_share cannot exceed 1 "
                                "(they are parts of the input)")
        if Fraction(self.batch_share) + Fraction(self.flex_share) + Fraction(self.priority_share) > 1:
            raise WorkloadError("batch_share + flex_share + priority_share cannot exceed 1")
        if self.requests is None:
            vol = self.tokens if self.tokens is not None else self.input
            if vol is not None and vol.requests is not None:
                object.__setattr__(self, "requests", Volume(vol.requests, vol.per))
        if self.prompt_tokens is None:
            per_req: Decimal | None = None
            if self.tokens is not None and self.tokens.tokens_per_request is not None:
                assert self.input_share is not None
                per_req = as_decimal(Fraction(self.tokens.tokens_per_request) * Fraction(self.input_share))[0]
            elif self.input is not None and self.input.tokens_per_request is not None:
                # "2500 requests/day x 250k tokens" as the input volume: each prompt is 250k tokens
                per_req = self.input.tokens_per_request
            if per_req is not None:
                object.__setattr__(self, "prompt_tokens", int(per_req.to_integral_value()))
        return self

    def split(self, at: Any = None) -> tuple[Decimal, Decimal]:
        """(input tokens, output tokens) per month as Decimals (see :meth:`split_exact`; a value with
        no finite decimal form is shown to 30 places)."""
        inp, out = self.split_exact(at)
        return as_decimal(inp)[0], as_decimal(out)[0]

    def split_exact(self, at: Any = None) -> tuple[Fraction, Fraction]:
        """(input tokens, output tokens) per month as exact fractions: a weekly volume or a 1/3
        share need not come to whole tokens, and nothing here rounds."""
        if self.tokens is not None:
            assert self.input_share is not None
            total = self.tokens.per_month_exact(self.month, at)
            inp = total * Fraction(self.input_share)
            return inp, total - inp
        assert self.input is not None and self.output is not None
        return self.input.per_month_exact(self.month, at), self.output.per_month_exact(self.month, at)

    def scaled(self, factor: Any) -> Workload:
        """The same mix at ``factor`` times the volume."""
        f = to_decimal(factor, what="factor")
        upd: dict[str, Any] = {}
        with localcontext(EXACT):  # exact: the default 28 digits would round big volumes
            for name in ("tokens", "input", "output"):
                vol = getattr(self, name)
                if vol is not None:
                    upd[name] = Volume(vol.tokens * f, vol.per)
        return self.model_copy(update=upd)

    def __repr__(self) -> str:
        from .._display.reprs import workload_repr
        return workload_repr(self)

    def _repr_html_(self) -> str:
        from .._display.reprs import workload_html
        return workload_html(self)

    def describe(self) -> str:
        if self.tokens is not None:
            share = self.input_share
            pct = f"{share * 100:f}%" if isinstance(share, Decimal) else f"{share} ({fmt_fraction(share * 100)}%)"
            vol = f"{self.tokens.tokens:,f} tokens/{self.tokens.per}, {pct} input"
        else:
            assert self.input is not None and self.output is not None
            vol = f"input {self.input}, output {self.output}"
        extra = [f"{n} {getattr(self, n)}" for n in ("cached_share", "cache_write_share", "cache_write_1h_share",
                                                     "reasoning_share", "batch_share", "flex_share",
                                                     "priority_share") if getattr(self, n)]
        extra += [f"{n} {getattr(self, n).tokens:,f}/{getattr(self, n).per}" for n in ("requests", "web_searches")
                  if getattr(self, n) is not None]
        if self.off_peak_share is not None:
            extra.append(f"off_peak_share {self.off_peak_share}")
        if self.prompt_tokens is not None:
            extra.append(f"{self.prompt_tokens} prompt tokens/request")
        return "; ".join([vol, *extra, f"month = {self.month}"])
