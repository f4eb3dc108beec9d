"""The shape of ``claims.yaml``: one entry per quantitative claim, as written."""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ClaimError, DataFileError

__all__ = ["Claim", "ClaimFile", "load_claims"]

Kind = Literal["percent_cheaper", "cost_fraction", "monthly_savings", "monthly_cost", "price", "discount",
               "training_cost", "unverifiable"]
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
    ``free`` (assumptions left open, with their range), ``at`` (the claim's date) and ``reason``
    (why it cannot be checked, for ``unverifiable`` claims).

        >>> c = Claim(id="mine", kind="percent_cheaper", stated="95%", hedge="about",
        ...           subject="deepseek-chat", baseline="gpt-4o", basis="blended", at="2025-03-01")
        >>> tc.check_claim(c).verdict                      # doctest: +SKIP
        'holds-if'
    """

    # defer_build: the validator is built on first validation; claims from the cache never need it
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
    kind: Kind
    stated: str
    source: str | None = None
    quote: str | None = None
    hedge: str | None = None
    basis: Basis | None = None
    component: str | None = None
    subject: str | None = None
    baseline: str | None = None
    baseline_candidates: tuple[str, ...] = ()
    fixed: dict[str, Any] = Field(default_factory=dict)
    fixed_sources: tuple[str, ...] = Field((), description="catalog source ids backing the fixed figures")
    free: dict[str, tuple[Any, Any]] = Field(default_factory=dict)
    at: dt.date | None = None
    note: str | None = None
    reason: str | None = None

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = ".".join(str(x) for x in err["loc"])
            raise ClaimError(f"{field}: {err['msg']}", claim_id=data.get("id")) from None

    @field_validator("free")
    @classmethod
    def _known_free(cls, v: dict[str, Any]) -> dict[str, Any]:
        bad = set(v) - {"input_share", "month_days"}
        if bad:
            raise ValueError(f"unknown free assumption(s) {sorted(bad)}; known: input_share, month_days")
        return v

    @field_validator("fixed")
    @classmethod
    def _known_fixed(cls, v: dict[str, Any]) -> dict[str, Any]:
        bad = set(v) - {"tokens", "input_share", "month_days", "gpu_hours", "usd_per_gpu_hour", "prompt_tokens",
                        "cached_share", "cache_write_share", "batch_share", "off_peak_share"}
        if bad:
            raise ValueError(f"unknown fixed assumption(s) {sorted(bad)}")
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
        if self.kind in ("monthly_savings", "monthly_cost") and "tokens" not in self.fixed:
            raise ValueError(f"a {self.kind} claim needs fixed.tokens (e.g. '100M/day')")
        if self.kind in ("price", "discount") and not self.component:
            raise ValueError(f"a {self.kind} claim needs 'component'")
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
