"""From article text to drafted claims: the rules that turn each figure into a claim.

Rules, not a model: price claims have a narrow grammar (money per million tokens, "N% cheaper than",
"N times cheaper", "a fraction of", "saves $X a month") and the catalog knows every model name, so
rules find them with their exact span, are fast (an article in milliseconds), run with no network and
no download, and every decision can be explained in the claim's ``note``. A figure the rules cannot
turn into a checkable claim is kept as an ``unverifiable`` claim with the reason, so nothing
quantitative is dropped silently.

For each figure in each sentence (see :mod:`.figures`):

* **rate** -> ``price`` of the component written with it ("input tokens") or nearest to it; an
  amount right after a rate ("vs GPT-4's $2.80") is a price of the same component;
* **percent** -> ``percent_cheaper`` ("60% cheaper than", "97% cost cut", "cut costs by 50%"),
  ``cost_fraction`` ("3% of the cost"), ``discount`` ("50% off", "a 75% discount", or a cut where the
  sentence names batch / off-peak / cache pricing and no other model);
* **multiple / fraction / vague** -> ``cost_fraction`` when the words around it are about cost
  ("33 times cheaper", "one-tenth the inference cost", "a small fraction of what OpenAI charges",
  "thousands ... hundreds"); "trained for a fraction" -> ``training_cost``;
* **periodic money** -> ``monthly_savings`` ("saves $42,000 per month") or ``monthly_cost``, with the
  paragraph's volume as ``fixed.tokens`` and its input share as ``fixed.input_share``;
* **money** near "train"/"budget" -> ``training_cost``;
* anything else quantitative -> ``unverifiable`` with the reason its words suggest.

The subject is the model named before the figure in its clause, else the article's subject; the
baseline the model named after "than"/"vs"/"of"/"on" (or a "GPT-4-level" model before it); with
none named, every other catalog model the article names is a candidate (and the claim needs review).
A model the catalog only knows from reports is pinned to the version this article (``source``) reports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, get_args

from .._catalog.catalog import Catalog
from .._claims.schema import Claim
from ..errors import ClaimError, TokencostError
from .figures import SHARE_VALUES, SHARE_WORDS, Figure, find_figures
from .mentions import Mention, ModelFinder
from .text import Sentence, published_date, repair_mojibake, sentences

__all__ = ["extract_claims"]

HEDGES = ("could potentially", "approximately", "more than", "less than", "upwards of", "at least", "at most",
          "close to", "reportedly", "roughly", "about", "around", "nearly", "almost", "up to", "over", "under",
          "above", "below", "just", "only", "within", "some", "a mere", "an estimated", "estimated")
_SENTENCE_HEDGES = ("could potentially", "reportedly", "could", "may", "might", "is expected to", "estimated")
_CHEAPER_AFTER = re.compile(r"^\s*(?:cheaper|less expensive|lower(?:\s+(?:cost|price|prices))?|less|"
                            r"(?:cost|price)\s+(?:cut|reduction|savings?|drop)|cut|reduction|savings?|saving|"
                            r"more affordable|more cost[\s-]effective)\b", re.IGNORECASE)
_CHEAPER_BEFORE = re.compile(r"(?:\b(?:cut|cuts|cutting|slash\w*|reduc\w*|lower\w*|sav\w*|drop\w*|fall\w*)\b"
                             r"(?:\s+\S+){0,5}\s+by|(?:reduction|cut|savings?|discount)\s+of)\s+(?:\w+\s+){0,2}$",
                             re.IGNORECASE)
_MORE_EXPENSIVE = re.compile(r"^\s*(?:more\s+expensive|pricier|costlier|the\s+(?:price|cost))\b", re.IGNORECASE)
_OFF_AFTER = re.compile(r"^\s*(?:off|discount)\b", re.IGNORECASE)
_OF_COST = re.compile(r"^\s*(?:of\s+)?(?:(?:the\s+|its\s+|their\s+|[\w-]+'s\s+)?(?:[\w-]+\s+){0,2}?"
                      r"(?:cost|costs|price|prices|pricing|bill|charges|charge|spend|spending|expense|fees?)\b|"
                      r"what\s+(?:[\w'’-]+\s+){0,4}?(?:charges?|costs?|spends?|pays?|bills?|spent)\b)", re.IGNORECASE)
_COST_WORDS = re.compile(r"\b(?:cost|costs|price|prices|pricing|charges?|bill|cheap\w*|expens\w*|afford\w*|"
                         r"spend\w*)\b", re.IGNORECASE)
_TRAIN = re.compile(r"\b(?:train\w*|budgets?)\b", re.IGNORECASE)
_SAVE = re.compile(r"\b(?:sav\w*|cut\w*\s+(?:\w+\s+)?bill)\b", re.IGNORECASE)
_BASELINE_MARK = re.compile(r"\b(?:than|vs\.?|versus|compared\s+(?:with|to)|relative\s+to|against|of|on|"
                            r"from|instead\s+of)\s*$", re.IGNORECASE)
# "than regular input", "than the standard price": a rate of the same model, not another model
_THAN_MODEL = re.compile(r"\bthan\b(?!\s+(?:the\s+|its\s+)?(?:regular|standard|base|normal|list|full|uncached|"
                         r"non-cached|usual)\b)", re.IGNORECASE)
_SHARE_OF_PRICE = re.compile(r"^\s+of\s+(?:the\s+|its\s+)?(?:(?:regular|standard|base|normal|list|full|uncached|usual|"
                             r"input|output|token|tokens?)\s+){0,4}(?:price|rate|cost)s?\b", re.IGNORECASE)
# a model's own prices falling ("cuts API prices by half", "its prices would fall by 50%"): a change
# against its earlier price list, not a comparison with another model
_PRICE_CUT = re.compile(r"\b(?:cut|cuts|cutting|slash\w*|reduc\w*|lower\w*|drop\w*)\s+(?:its\s+|the\s+|their\s+)?"
                        r"(?:[\w.-]+\s+){0,2}(?:prices|pricing|rates)\b|\b(?:prices|pricing|rates)\s+(?:\w+\s+){0,2}"
                        r"(?:fall|falls|fell|drop|drops|dropped|decline\w*)\b", re.IGNORECASE)
_COMPARED = re.compile(r"\b(?:(?<!more )(?<!less )(?<!fewer )than|vs\.?|versus|compared|relative\s+to|against)\b",
                       re.IGNORECASE)  # "more than half" is a hedge, not a comparison
_OWN_EARLIER = re.compile(r"\b(?:previous|earlier|old|prior|former)\s+(?:\w+\s+)?(?:rate|price|pricing|rates|"
                          r"prices|card|list)\b", re.IGNORECASE)
_COMPONENT_WORDS: tuple[tuple[str, str], ...] = (
    (r"\boff[\s-]?peak\b|\bthese hours\b|\bnight\b|\bdiscount(?:ed)? hours\b", "off_peak"),
    (r"\bbatch\w*\b", "batch"),
    (r"\bcach(?:e|ed|ing)\b", "cached_input"),
    (r"\bflex\b", "flex"),
    (r"\bpriority\b", "priority"),
)
_INPUT_OUTPUT = re.compile(r"\b(input|prompt|output|completion)\b", re.IGNORECASE)
_REQUEST_SHAPE = re.compile(r"([\d,]+)\s+input\s+(?:tokens\s+)?(?:and|/|\+)\s+([\d,]+)\s+output\s+tokens", re.IGNORECASE)
_OTHER_ACTOR = re.compile(r"\b(?:you|they|others|rivals|incumbents|Western\s+labs)\b", re.IGNORECASE)
_COMPETITOR = re.compile(r"^[\s-]*(?:competitor|rival|killer|alternative|challenger)s?\b", re.IGNORECASE)

_REASONS: tuple[tuple[str, str], ...] = (
    (r"users|views|downloads|customers|enterprises|respondents|survey|sentiment",
     "an audience or survey figure, not a price"),
    (r"parameter|params", "a parameter count is a model-architecture figure, not a price"),
    (r"petabyte|terabyte|dataset|of data", "a training-data size, not a price"),
    (r"utili[sz]ation|efficien|flops|petaflop", "a hardware-performance or efficiency figure, not a price"),
    (r"context window|tokens natively|context of", "a context-window size, not a price"),
    (r"second|latency|response time|minutes", "a latency figure, not a price"),
    (r"\bGPUs?\b|chips|cluster|servers", "a hardware count, not a price"),
    (r"benchmark|score|MMLU|percentage points|accuracy|GPQA|AIME", "a benchmark result, not a price"),
    (r"shares?\b.*\b(?:dropped|fell|rose|jumped)|stock|market cap", "a stock-market move, not a price"),
    (r"hours ago|days ago|weeks ago|landed|launched|released", "a time since release, not a price"),
    (r"capital|funding|invest|poured|valuation|arena|market|spending|infrastructure",
     "a market, funding or spending figure; price data cannot check it"),
    (r"licen[cs]e", "a licence term, not a price"),
    (r"cache|compress|memory|bandwidth", "a memory or architecture figure, not a price"),
)


@dataclass
class _Ctx:
    text: str
    sents: list[Sentence]
    mentions: list[Mention]
    subject: str | None
    comparators: list[str]
    catalog: Catalog
    source: str | None
    at: dt.date | None
    finder: ModelFinder
    subject_prices: set[str] = field(default_factory=set)
    rates_of: dict[int, list[Figure]] = field(default_factory=dict)  # sentence index -> its per-token prices
    related: list[tuple[int, int]] = field(default_factory=list)  # spans of "Related Reading" lists


def extract_claims(text: str, *, source: str | None = None, published: Any = None,
                   catalog: Catalog | None = None) -> list[Claim]:
    """Draft the price claims of an article.

    ``text`` is the article (mojibake such as ``ยท`` is repaired first); ``source`` is a catalog source
    id for the article (it names the claims and pins models known only from reports to the version
    this article reports); ``published`` the article's date (else a dateline in its first lines);
    ``catalog`` the price tables whose names are recognised (the bundled ones by default).

    Every claim carries the verbatim ``quote``, its ``quote_span`` in the repaired text, the figure
    as written (``stated``), ``confidence`` and ``needs_review``.

        >>> [(c.kind, c.stated, c.subject, c.baseline)
        ...  for c in tc.extract_claims("GPT-4o mini costs 40% less than GPT-4o.")]   # doctest: +SKIP
        [('percent_cheaper', '40%', 'gpt-4o-mini', 'gpt-4o')]
    """
    if catalog is None:
        from .._catalog.catalog import load_catalog
        catalog = load_catalog()
    text = repair_mojibake(text)
    at = _date(published) if published is not None else published_date(text)
    finder = _finder(catalog)
    mentions = finder.find(text)
    subject = _priced_subject(catalog, finder.ranked(mentions), at)
    comparators: list[str] = []
    for m in mentions:
        if m.model and m.model != subject and m.how in ("name", "short") and m.model not in comparators:
            comparators.append(m.model)
    ctx = _Ctx(text, sentences(text), mentions, subject, comparators, catalog, source, at, finder)
    ctx.related = _related_lists(text)
    drafts: list[dict[str, Any]] = []
    for s in ctx.sents:
        figs = find_figures(s.text)
        ctx.rates_of[s.index] = [g for g in figs if g.type == "rate"]
        prev_rate: Figure | None = None
        for f in figs:
            if f.type in ("volume", "prompt", "share"):
                continue
            d = _draft(ctx, s, f, figs, prev_rate)
            if f.type == "rate":
                prev_rate = f
            if d is not None:
                drafts.append(d)
    _basis_from_article(ctx, drafts)
    prefix = re.sub(r"[^a-z0-9]+", "-", (source or "claim").lower()).strip("-") or "claim"
    out: list[Claim] = []
    seen: set[str] = set()
    for i, d in enumerate(drafts, 1):
        slug = re.sub(r"[^a-z0-9]+", "-", f"{d['kind']}-{d['stated']}".lower()).strip("-")[:40].rstrip("-")
        cid = f"{prefix}-{i:02d}-{slug}"
        while cid in seen:
            cid += "x"
        seen.add(cid)
        d.pop("_subject_from", None)
        try:
            out.append(Claim(id=cid, source=source, at=at, **d))
        except ClaimError as exc:
            # a reading the claim language cannot hold is kept, as unverifiable, with the reason
            why = str(exc).split(": ", 1)[-1].replace("Value error, ", "").strip(": ")
            # the rest of the reading stays in the reason, so the reviewer can restore it
            extra = ", ".join(f"{k} {d[k]}" for k in ("component", "baseline") if d.get(k))
            out.append(Claim(id=cid, source=source, at=at, kind="unverifiable", stated=d["stated"],
                             quote=d["quote"], quote_span=d["quote_span"], hedge=d.get("hedge"),
                             subject=d.get("subject"),
                             reason=f"read as {d['kind']}{f' ({extra})' if extra else ''}, but {why}",
                             confidence=0.3, needs_review=True))
    return out


_FINDERS: dict[int, tuple[Catalog, ModelFinder]] = {}


def _finder(catalog: Catalog) -> ModelFinder:
    """One name finder per catalog (its patterns compile as names occur, and stay compiled)."""
    hit = _FINDERS.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    if len(_FINDERS) > 8:
        _FINDERS.clear()
    f = ModelFinder(catalog)
    _FINDERS[id(catalog)] = (catalog, f)  # keeps the catalog alive, so its id is not reused meanwhile
    return f


def _priced_subject(catalog: Catalog, ranked: list[str], at: dt.date | None) -> str | None:
    """The article's subject: the model named most often, unless the catalog knows it only from a date
    after the article's (a listing that starts later, say a reseller's) and a model of the same provider
    named in the article is priced by then (DeepSeek-V3.2-Exp, served as deepseek-chat in September 2025)."""
    if not ranked:
        return None
    top = ranked[0]
    if at is None:
        return top

    def known_by(mid: str) -> bool:
        return any(v.start.date() <= at if isinstance(v.start, dt.datetime) else v.start <= at
                   for v in catalog.models[mid].versions)
    if known_by(top):
        return top
    provider = catalog.models[top].provider
    return next((m for m in ranked[1:] if catalog.models[m].provider == provider and known_by(m)), top)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        from ..errors import TokencostError
        raise TokencostError(f"published: {value!r} is not a date (YYYY-MM-DD)") from None


# ----------------------------------------------------------------------------------------- helpers
def _in(ctx: _Ctx, s: Sentence) -> list[Mention]:
    return [m for m in ctx.mentions if m.start >= s.start and m.end <= s.end]


_CLAUSE_BREAK = re.compile(r";\s|\s[—–-]\s|—|,\s(?:while|but|and|which|whereas|why|so|yet)\s|\?\s|:\s")


def _clause(s: Sentence, f: Figure) -> tuple[int, int]:
    """The clause of ``s`` around ``f`` (sentence-relative), split at ; — – ' - ' and ', while'."""
    bounds = [0]
    for m in re.finditer(_CLAUSE_BREAK, s.text):
        bounds.append(m.end())
    start = max(b for b in bounds if b <= f.start)
    ends = [m.start() for m in re.finditer(_CLAUSE_BREAK, s.text) if m.start() >= f.end]
    return start, (min(ends) if ends else len(s.text))


def _hedge(s: Sentence, f: Figure, clause_start: int) -> str | None:
    before = s.text[clause_start:f.start].lower().rstrip()
    before = re.sub(r"\b(?:a|an|the|is|at|of)$", "", before).rstrip()
    for h in HEDGES:
        if before.endswith(h) and (len(before) == len(h) or not before[-len(h) - 1].isalnum()):
            return h
    low = s.text.lower()
    for h in _SENTENCE_HEDGES:  # a modal before the figure, or inside "thousands ... could ... hundreds"
        if re.search(rf"\b{h}\b", low[clause_start:f.end if f.type == "vague" else f.start]):
            return h
    return None


def _pin(ctx: _Ctx, mid: str | None) -> str | None:
    """A model the catalog knows only from reports: the version this article reports, if any."""
    if mid is None:
        return None
    model = ctx.catalog.models.get(mid)
    if model is None or any(v.status in ("official", "promotional") for v in model.versions):
        return mid
    if ctx.source:
        for v in model.versions:
            if any(c.source == ctx.source for c in v.citations):
                return f"{mid}@{v.id}"
    return mid


def _subject_of(ctx: _Ctx, s: Sentence, f: Figure, lo: int, *, skip: Mention | None = None,
                allow_after_for: bool = False) -> tuple[str | None, str]:
    """The model the figure is about, and how it was found."""
    sw = _switch(ctx, s)
    if sw and sw[1].model:
        return sw[1].model, sw[1].how
    ms = [m for m in _in(ctx, s) if m is not skip]
    rel = re.search(r",\s(?:which|who)\s$", s.text[:lo])
    if rel:  # "OpenAI's o1, which charges $15": the relative clause is about the model right before it
        named = [m for m in ms if m.model and m.end - s.start == rel.start()]
        if named:
            return named[0].model, named[0].how
    before = [m for m in ms if lo <= m.end - s.start <= f.start]
    if before and re.fullmatch(r"(?:'s|’s)?\s*", ctx.text[before[-1].end:s.start + f.start]) and before[-1].model:
        return before[-1].model, before[-1].how  # "GPT-4's $2.80"
    for m in reversed(before):
        if m.family or _competitor(ctx, m):
            continue
        if not allow_after_for and _BASELINE_MARK.search(ctx.text[s.start + lo:m.start]):
            continue  # "cheaper than GPT-4o, ... 60%": a baseline, not the subject (a price belongs to it)
        if m.model:
            return m.model, m.how
        if m.how == "provider" and ctx.subject and ctx.finder.provider_of.get(ctx.subject) == m.provider \
                and not any(a <= s.start < b for a, b in ctx.related):
            return ctx.subject, "provider"
    if allow_after_for:
        after = ctx.text[s.start + f.end:s.end]
        mm = re.match(r"^\s*(?:for|on)\s+", after)
        if mm:
            for m in ms:
                if m.start - s.start == f.end + mm.end() and m.model:
                    return m.model, m.how
    if any(a <= s.start < b for a, b in ctx.related):
        return None, "related"  # another article's headline: this article's subject is not its subject
    if ctx.subject:
        return ctx.subject, "article"
    return None, "none"


_RELATED = re.compile(r"^[ \t#*]*(?:Related(?:\s+(?:Reading|Articles?|Stories|Posts|Coverage|Content))?|See\s+also|"
                      r"Further\s+reading|Read\s+(?:more|next)|More\s+(?:from|on)\b[^\n]{0,40}|Recommended(?:\s+for\s+you)?)"
                      r"[ \t*]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)


def _trained_model(ctx: _Ctx, s: Sentence, how: str, lo: int, hi: int) -> tuple[str | None, str | None]:
    """The model a training cost is about when its sentence names only the provider ("DeepSeek trained
    a GPT-4 competitor for $6 million"): the provider's one model with a training-cost record in the
    catalog published on or before the article's date, and a note saying so; several such models are
    listed for the reviewer instead. Only where the sentence gives no subject of its own (a
    'Related Reading' headline, or an article about another provider's model): in the article's own
    text a provider named alone means the article's subject, as for every other figure. Only the
    figure's clause counts: a list of headlines is one sentence, split at its " - "."""
    if how not in ("related", "none", "article"):
        return None, None
    ms = [m for m in _in(ctx, s) if lo <= m.start - s.start < hi]
    if any(m.model and not (m.family or _competitor(ctx, m)) for m in ms):
        return None, None  # a model is named: the sentence is about it (or compares with it)
    providers = list(dict.fromkeys(m.provider for m in ms if m.how == "provider" and m.provider))
    records = [t for p in providers for t in ctx.catalog.training_costs(provider=p, at=ctx.at)]
    if not records:
        if how == "article" and providers:  # "Anthropic trained ..." in an article about a DeepSeek model
            names = " / ".join(ctx.catalog.providers[p].display_name or p for p in providers)
            return None, (f"names {names} but no model, and the catalog has no {names} training-cost record "
                          f"published {'on or before ' + str(ctx.at) if ctx.at else 'at all'}: no subject")
        return None, None
    by_model: dict[str, list[Any]] = {}
    for t in records:
        by_model.setdefault(ctx.catalog.model_id(t.model), []).append(t)
    when = f"on or before {ctx.at}" if ctx.at else "(the article is undated: any date)"
    names = " / ".join(ctx.catalog.providers[p].display_name or p for p in providers)
    if len(by_model) == 1:
        latest = max(next(iter(by_model.values())), key=lambda t: t.published)
        return latest.model, (f"subject inferred from the catalog's training-cost record {latest.id} "
                              f"(published {latest.published}): the only {names} model with a published "
                              f"training cost {when}")
    listed = ", ".join(f"{max(ts, key=lambda t: t.published).model} ({max(ts, key=lambda t: t.published).id}, "
                       f"published {max(ts, key=lambda t: t.published).published})" for ts in by_model.values())
    return None, f"candidate subjects from the catalog's training-cost records of {names} published {when}: {listed}"


def _related_lists(text: str) -> list[tuple[int, int]]:
    """Spans of the lists under a "Related Reading" / "See also" / "More from" heading: from the heading
    to the end of the first block of text after it (the list, a paragraph or lines of "- " items)."""
    out = []
    for m in _RELATED.finditer(text):
        body = re.search(r"\S", text[m.end():])
        if body is None:
            continue
        start = m.end() + body.start()
        gap = re.search(r"\n[ \t]*\n", text[start:])
        out.append((m.start(), start + gap.start() if gap else len(text)))
    return out


_LATER_UNIT = re.compile(r"(?:/|per)\s?(1M|M|MTok|million|1K|K|thousand)\b", re.IGNORECASE)
_FROM_TO = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_CNY = re.compile(r"¥|￥|\bRMB\b|\bCNY\b|\byuan\b|元", re.IGNORECASE)


def _switch(ctx: _Ctx, s: Sentence) -> tuple[Mention, Mention] | None:
    """"(switching / moving) from X to Y": X is the baseline, Y the subject."""
    ms = [m for m in _in(ctx, s) if m.model or m.how == "unknown"]
    for a, b in pairwise(ms):
        if _FROM_TO.search(ctx.text[max(s.start, a.start - 6):a.start]) \
                and re.fullmatch(r"\s+(?:to|for)\s+", ctx.text[a.end:b.start]):
            return a, b
    return None


def _baseline_of(ctx: _Ctx, s: Sentence, f: Figure, lo: int, hi: int) -> tuple[list[str], Mention | None, str]:
    """(baselines, the mention used, how): a named model, a provider's models, or the article's comparators."""
    ms = _in(ctx, s)
    sw = _switch(ctx, s)
    if sw:
        return _as_baselines(ctx, sw[0]), sw[0], "named"
    after = [m for m in ms if f.end <= m.start - s.start < hi]
    for k, m in enumerate(after):
        gap = ctx.text[s.start + f.end:m.start]
        if not re.search(r"\b(?:than|vs\.?|versus|compared|relative|against|of|on|from|with)\b", gap, re.IGNORECASE):
            continue
        nxt = after[k + 1] if k + 1 < len(after) else None
        if m.how == "provider" and nxt is not None and nxt.model \
                and re.fullmatch(r"(?:'s|’s)\s+", ctx.text[m.end:nxt.start]):
            m = nxt  # "OpenAI's o1": the model, not every OpenAI model
        return _as_baselines(ctx, m), m, "named"
    before = [m for m in ms if m.end - s.start <= f.start]  # "GPT-4-class ... — at one-tenth": whole sentence
    for m in before:
        if m.family or _competitor(ctx, m):
            return _as_baselines(ctx, m), m, "named"
    others = [m for m in ms if m.model and m.model != ctx.subject and lo <= m.start - s.start < hi]
    if others:
        return _as_baselines(ctx, others[0]), others[0], "named"
    cands = [c for c in ctx.comparators if c != ctx.subject]
    return cands[:8], None, "article"


def _competitor(ctx: _Ctx, m: Mention) -> bool:
    """"a GPT-4 competitor", "an o1 rival": the model named is the yardstick, not the subject."""
    return bool(_COMPETITOR.match(ctx.text[m.end:m.end + 14])
                and re.search(r"\b(?:a|an)\s+$", ctx.text[max(0, m.start - 4):m.start], re.IGNORECASE))


def _as_baselines(ctx: _Ctx, m: Mention) -> list[str]:
    if m.model:
        return [m.model]
    if m.how == "provider" and m.provider:
        return _provider_models(ctx, m.provider)
    return []


def _provider_models(ctx: _Ctx, provider: str) -> list[str]:
    """The provider's models with an official price at the claim's date (its whole list if undated)."""
    out = []
    for mid, model in ctx.catalog.models.items():
        if model.provider != provider or "-20" in mid:
            continue
        if ctx.at is None:
            out.append(mid)
            continue
        try:
            ctx.catalog.resolve(mid, ctx.at)
        except TokencostError:  # not priced then (not yet released, retired): not a candidate
            continue
        out.append(mid)
    return out


def _component(s: Sentence, f: Figure, lo: int) -> tuple[str | None, bool]:
    """(component, written): the figure's own words, else the nearest input/output word in its clause."""
    if f.component:
        return f.component, True
    t = s.text
    if re.search(r"cache[\s-]?hits?|reading from the cache|cache reads?|cached input", t[lo:f.start + 60], re.IGNORECASE):
        return "cached_input", True
    best: tuple[int, str] | None = None
    for m in _INPUT_OUTPUT.finditer(t):
        dist = f.start - m.end() if m.end() <= f.start else m.start() - f.end
        if m.end() <= f.start and m.start() < lo - 40:
            continue
        if m.start() >= f.end and dist > 30:
            continue
        comp = "input" if m.group(1).lower() in ("input", "prompt") else "output"
        if best is None or dist < best[0]:
            best = (dist, comp)
    return (best[1], True) if best else (None, False)


def _discount_component(text: str, near: int | None = None) -> str | None:
    """The batch / off-peak / cache / flex / priority word of ``text``: the first kind listed, or, given
    ``near`` (a figure's offset), the one written nearest it ("Batches can be combined with prompt
    caching, where cached tokens cost 90% less": caching)."""
    best: tuple[int, str] | None = None
    for pat, comp in _COMPONENT_WORDS:
        for m in re.finditer(pat, text, re.IGNORECASE):
            if near is None:
                return comp
            dist = near - m.end() if m.end() <= near else m.start() - near
            if best is None or dist < best[0]:
                best = (dist, comp)
    return best[1] if best else None


def _reason(s: Sentence, f: Figure) -> str:
    # the reason whose words stand nearest the figure ("40x more efficient" in a sentence about parameters)
    best: tuple[int, str] | None = None
    for pat, why in _REASONS:
        for m in re.finditer(pat, s.text, re.IGNORECASE):
            dist = f.start - m.end() if m.end() <= f.start else max(0, m.start() - f.end)
            if best is None or dist < best[0]:
                best = (dist, why)
    if best is not None:
        return best[1]
    if f.type in ("money", "periodic"):
        return "an amount that is not a per-token price, cost or saving of a named model"
    return "a figure that is not about a price"


def _paragraph_context(ctx: _Ctx, s: Sentence) -> dict[str, str]:
    fixed: dict[str, str] = {}
    for t in (x for x in ctx.sents if x.paragraph == s.paragraph):
        for g in find_figures(t.text):
            if g.type == "volume" and "tokens" not in fixed:
                # "100 million input tokens a day": the volume, and all of it input (output: none)
                fixed["tokens"] = re.sub(r"\s(?:input|output|prompt)(?=\stokens?)", "", g.text)
                if g.component in ("input", "output") and "input_share" not in fixed:
                    fixed["input_share"] = "1" if g.component == "input" else "0"
            elif g.type == "share" and "input_share" not in fixed:
                from fractions import Fraction
                pct = re.match(r"[\d.]+", g.text)
                words = re.match(SHARE_WORDS, g.text, re.IGNORECASE)
                share = Fraction(pct.group()) / 100 if pct else \
                    Fraction(*SHARE_VALUES[re.sub(r"[\s-]+", " ", words.group().lower())]) if words else None
                if share is not None:
                    if g.component == "output":
                        share = 1 - share
                    # a third has no decimal form: the claim file takes it as an exact fraction
                    fixed["input_share"] = _dec(share) if 10 ** 6 % share.denominator == 0 \
                        else f"{share.numerator}/{share.denominator}"
            elif g.type == "prompt" and "prompt_tokens" not in fixed:
                fixed["prompt_tokens"] = _count(g.text)
        m = _REQUEST_SHAPE.search(t.text) if t is s else None  # a request's shape speaks for its sentence only
        if m and "input_share" not in fixed:
            from fractions import Fraction
            i, o = int(m[1].replace(",", "")), int(m[2].replace(",", ""))
            fixed["input_share"] = _dec(Fraction(i, i + o))
    return fixed


def _dec(x: Any) -> str:
    from decimal import Decimal
    from fractions import Fraction
    f = Fraction(x)
    d = Decimal(f.numerator) / Decimal(f.denominator)
    return format(d.normalize(), "f")


def _count(text: str) -> str:
    m = re.match(r"([\d,.]+)\s*(k|K|M|million|thousand)?", text)
    if not m:
        return text
    from decimal import Decimal
    n = Decimal(m[1].replace(",", "")) * {"k": 1000, "K": 1000, "thousand": 1000, "M": 10**6,
                                          "million": 10**6}.get(m[2] or "", 1)
    return format(n.normalize(), "f")


def _money_only(text: str) -> str:
    m = re.match(r"(?:US\$|\$|€|£|¥|RMB\s?|CNY\s?|USD\s?|EUR\s?)?\s?[\d.,]+(?:\s?(?:thousand|million|billion|"
                 r"trillion|[kKMBT]\b|bn|mn|cents|dollars|USD|yuan|RMB|euros))?", text)
    return m.group().strip() if m else text


# ----------------------------------------------------------------------------------------- the rules
def _draft(ctx: _Ctx, s: Sentence, f: Figure, figs: tuple[Figure, ...], prev_rate: Figure | None) -> dict[str, Any] | None:
    lo, hi = _clause(s, f)
    quote_lo, quote_hi = (0, len(s.text)) if len(s.text) <= 160 else (lo, hi)
    quote = s.text[quote_lo:quote_hi].strip(" ,;:—-")
    q_start = s.start + s.text.index(quote, quote_lo) if quote else s.start
    base: dict[str, Any] = {"quote": quote, "quote_span": (q_start, q_start + len(quote)),
                            "hedge": _hedge(s, f, lo)}
    after = s.text[f.end:]
    before = s.text[lo:f.start]
    notes: list[str] = []

    def unverifiable(reason: str, conf: float = 0.8, stated: str | None = None,
                     subject: str | None = None) -> dict[str, Any]:
        return {**base, "kind": "unverifiable", "stated": stated or f.text, "reason": reason,
                "subject": subject, "confidence": conf, "needs_review": conf < 0.75}

    # ---- prices ------------------------------------------------------------------------------
    carried = False
    if f.type == "money" and prev_rate is None and s.index and ctx.rates_of.get(s.index - 1) \
            and _PRICE_VERB.search(s.text[lo:f.start]) and not _TRAIN.search(s.text) \
            and all(g.type in ("money", "cheaper") for g in figs):
        # "... $0.15 per million input tokens and $0.60 per million output tokens. Developers outside
        # China pay $0.57 and $2.30.": a price list continued, in the order of the one before it
        monies = [g for g in figs if g.type == "money"]
        before_rates = ctx.rates_of[s.index - 1]
        i = monies.index(f)
        if len(monies) <= len(before_rates):
            src = before_rates[i]
            f = Figure("rate", f.text, f.start, f.end, src.unit, _comp_after(after) or src.component)
            notes.append("the unit and component follow the prices of the sentence before, in order")
            carried = True
    if f.type == "money" and prev_rate is None:
        unit_m = _LATER_UNIT.search(s.text, f.end)
        word = re.match(r"^\s*(?:for\s+)?(input|output|prompt|completion|cached input)\b", after, re.IGNORECASE)
        if word and unit_m:  # "GPT-4o $2.50 input, $10 output per million tokens"
            f = Figure("rate", f.text, f.start, f.end, "K" if unit_m.group(1).lower() in ("1k", "k", "thousand")
                       else "M", {"input": "input", "prompt": "input", "output": "output",
                                  "completion": "output"}.get(word.group(1).lower(), "cached_input"))
    if f.type == "money" and _REQUEST_SHAPE.search(s.text) and re.search(r"\bcosts?\b", s.text, re.IGNORECASE):
        f = Figure("periodic", f.text, f.start, f.end, "request")  # "500 input / 200 output tokens cost $0.0032"
    if f.type == "rate" or (f.type == "money" and prev_rate is not None and not _TRAIN.search(s.text)):
        unit = f.unit if f.type == "rate" else prev_rate.unit  # type: ignore[union-attr]
        subj, how = _subject_of(ctx, s, f, lo, allow_after_for=True)
        if f.type == "rate":
            comp, written = _component(s, f, lo)
        else:
            comp = _comp_after(after) or prev_rate.component or _component(s, prev_rate, lo)[0]  # type: ignore[union-attr]
            written = False
            notes.append("the unit and component carry over from the price before it")
        conf = 0.9 if written and not carried else 0.7
        if comp is None:
            comp = "input"
            notes.append("no component is written; read as the input price")
            conf = 0.55
        if how == "article":
            conf -= 0.1
            notes.append(f"no model named in the sentence: the article's subject ({subj})")
        stated = _money_only(f.text)
        if unit == "K":
            # the claim language reads "per 1K tokens" exactly (x1000 per million), so the unit stays
            # in the figure as written rather than being converted here
            stated = f"{stated} per 1K tokens"
        if _CNY.search(stated):
            notes.append("a yuan (CNY) price: checked against CNY list prices, or converted at the recorded rate")
        elif not re.match(r"(?:US\$|\$|USD\b)|[\d.,]+\s?cents\b", stated):
            notes.append("not written in US dollars or yuan")
            conf = min(conf, 0.6)
        if subj is None:
            return unverifiable("no model is named for this price", 0.5)
        tier = _service_tier(s, f, lo, figs)
        fixed: dict[str, Any] = {}
        if tier:
            fixed["service_tier"] = tier
            notes.append(f"a {tier} price: '{tier}' is written before it in its clause")
            conf = min(conf, 0.7)
        else:
            ctx.subject_prices.add(f"{subj}:{comp}")
        return {**base, "kind": "price", "stated": stated, "component": comp, "subject": _pin(ctx, subj),
                "fixed": fixed, "note": "; ".join(notes) or None, "confidence": round(conf, 2),
                "needs_review": conf < 0.75, "_subject_from": how}

    # ---- costs and savings per period ----------------------------------------------------------
    if f.type == "periodic":
        clause = s.text[lo:hi]
        saving = bool(_SAVE.search(clause))
        kind = "monthly_savings" if saving else "monthly_cost"
        subj, how = _subject_of(ctx, s, f, lo)
        fixed = _paragraph_context(ctx, s)
        stated = _money_only(f.text)
        period = {"mo": "month", "yr": "year", "call": "request", "query": "request"}.get(f.unit or "", f.unit)
        if period == "request":
            shape = _REQUEST_SHAPE.search(s.text) or next(
                (m for x in ctx.sents if x.paragraph == s.paragraph for m in [_REQUEST_SHAPE.search(x.text)] if m), None)
            if shape is None:
                return unverifiable("a cost per request with no token counts stated", 0.6, stated, subj)
            if "request_cost" not in get_args(Claim.model_fields["kind"].annotation):
                return unverifiable("a cost per request: the claim language has no request_cost kind", 0.6,
                                    stated, subj)
            counts = {"input_tokens": shape[1].replace(",", ""), "output_tokens": shape[2].replace(",", "")}
            conf = 0.8 - (0.1 if how == "article" else 0)
            return {**base, "kind": "request_cost", "stated": stated, "subject": _pin(ctx, subj), "fixed": counts,
                    "period": "request", "confidence": round(conf, 2), "needs_review": conf < 0.75}
        if "tokens" not in fixed:
            return unverifiable(f"a {'saving' if saving else 'cost'} per {period} with no token volume stated, "
                                "so no price can reproduce it", 0.6, stated, subj)
        extra: dict[str, Any] = {}
        if period != "month":
            if "period" not in Claim.model_fields:
                return unverifiable(f"a {'saving' if saving else 'cost'} per {period}: the claim language has "
                                    "monthly kinds only", 0.6, stated, subj)
            extra["period"] = period
        conf = 0.8
        baselines: list[str] = []
        if saving and (comp := _discount_component(s.text)) and not _other_models(ctx, s, 0, len(s.text)) \
                and not _switch(ctx, s):
            return unverifiable(f"a saving from {comp.replace('_', '-')} pricing against the same model's standard "
                                "rate; a monthly_savings claim compares two models at one traffic mix", 0.7,
                                stated, subj)
        if saving:
            baselines, bm, bhow = _baseline_of(ctx, s, f, lo, hi)
            if bm is not None and bm.how == "unknown":
                return unverifiable(f"{bm.text} is not in the price catalog", 0.7, stated, subj)
            if bhow == "article":
                conf -= 0.2
                notes.append("no baseline named: every other model the article names is a candidate")
            if not baselines:
                return unverifiable("a saving against no model the catalog knows", 0.5, stated, subj)
        if how == "article":
            conf -= 0.1
        if "input_share" not in fixed:
            notes.append("input share left free")
        free = {} if "input_share" in fixed else {"input_share": ("0", "1")}
        d = {**base, **extra, "kind": kind, "stated": stated, "subject": _pin(ctx, subj), "fixed": fixed,
             "free": free, "note": "; ".join(notes) or None, "confidence": round(conf, 2),
             "needs_review": conf < 0.75}
        if saving:
            d.update(_baseline_fields(baselines, bhow))
        return d

    # ---- training budgets --------------------------------------------------------------------
    if f.type in ("money", "fraction", "vague") and _TRAIN.search(s.text) and (
            f.type == "money" or _OF_COST.match(after) or re.match(r"^\s*of\s+what", after)):
        clause = s.text[lo:hi]
        subj, how = _subject_of(ctx, s, f, lo)
        if _OTHER_ACTOR.search(clause) and not any(m.model for m in _in(ctx, s)
                                                   if lo <= m.start - s.start < hi):
            subj, how = None, "other"
        stated = "a fraction" if f.type == "vague" else f.text
        note = "a training cost; checkable with GPU-hours and an hourly rate (fixed.gpu_hours, " \
               "fixed.usd_per_gpu_hour) or the catalog's training-cost record of the subject"
        conf = 0.7
        inferred, why = _trained_model(ctx, s, how, lo, hi)
        if how == "related":
            note += "; the headline of another article (a 'Related Reading' list) that names no model"
            if not inferred:
                note += ": the subject is left for the reviewer"
        if inferred or (why and how == "article"):  # the article's subject is not the one trained
            subj, conf = inferred, 0.5
        if why:
            note += f"; {why}"
        return {**base, "kind": "training_cost", "stated": stated, "subject": subj,
                "note": note, "confidence": conf, "needs_review": True}

    # ---- comparisons -------------------------------------------------------------------------
    kind = None
    stated = f.text
    if f.type == "percent":
        if _OFF_AFTER.match(after) or re.search(r"discounts?\s*(?:of|:)?\s*(?:\w+\s+){0,3}$", before, re.IGNORECASE):
            kind = "discount"
        elif _CHEAPER_AFTER.match(after) or _CHEAPER_BEFORE.search(before):
            kind = "percent_cheaper"
        elif _OF_COST.match(after) or (re.match(r"^\s*of\b", after) and _COST_WORDS.search(before)):
            kind = "cost_fraction"  # "3% of the cost", "the cost ... is 3% of GPT-4's"
        elif re.match(r"^\s*more\b", after, re.IGNORECASE):
            return unverifiable("a premium over another price; the claim language has no kind for it", 0.6)
    elif f.type == "multiple":
        m = _CHEAPER_AFTER.match(after)
        if m:
            kind, stated = "cost_fraction", f"{f.text} {m.group().strip()}"
        elif _MORE_EXPENSIVE.match(after):
            kind, stated = "cost_fraction", f"{f.text} {_MORE_EXPENSIVE.match(after).group().strip()}"  # type: ignore[union-attr]
    elif f.type == "cheaper":
        prior = [g for g in figs if g.end <= f.start and not s.text[g.end:f.start].strip()]
        named = [m for m in _in(ctx, s) if m.model and m.model != ctx.subject and lo <= m.start - s.start < hi]
        if prior or not named:
            return None  # "60 percent cheaper" is read with its figure; "cheaper" with no model named says nothing checkable
        kind, stated = "cost_fraction", "cheaper"
    elif f.type == "fraction":
        if _OF_COST.match(after) or (re.match(r"^\s*of\b", after) and _COST_WORDS.search(before)) or re.match(r"^\s*(?:the\s+)?(?:[\w-]+\s+){0,2}(?:costs?|price|prices|bill)\b",
                                            after, re.IGNORECASE):
            kind = "cost_fraction"
        elif (_CHEAPER_BEFORE.search(before) and _COST_WORDS.search(s.text[lo:hi] + " bill")) \
                or _CHEAPER_AFTER.match(after):
            kind = "percent_cheaper"  # "cut our bill by two-thirds", "two-thirds less than"
    elif f.type == "vague":
        low = f.text.lower()
        if "percentage points" in low:
            return unverifiable("a benchmark result, not a price", 0.8)
        if re.match(r"(thousands|hundreds|millions)\b", low) and re.search(r"(hundreds|tens|thousands)$", low):
            kind, stated = "cost_fraction", f"{low.split()[0]} ... {low.split()[-1]}"
        elif "fraction" in low and (_OF_COST.match(after) or re.match(r"^\s*of\s+what", after)):
            kind, stated = "cost_fraction", f.text
        elif low in ("billions", "millions", "trillions"):
            return unverifiable(_reason(s, f), 0.7)
        else:
            return None  # "a fraction of its parameters": not a quantity anyone can check
    if f.type == "fraction" and kind is None:
        return None  # "half of what's promised": not a figure about a price
    if kind is None and f.type == "percent" and _COMPONENT_WORDS and re.search(r"\boff\b", after[:12]):
        kind = "discount"

    # a percentage or fraction of the standard price, in a batch / cache / off-peak sentence naming no
    # other model: a discount read as a share ("reading from the cache costs 10% of the base input price")
    share_of = _SHARE_OF_PRICE.match(after)
    if kind == "cost_fraction" and (share_of or f.type == "fraction") and _discount_component(s.text[lo:hi]) \
            and not _other_models(ctx, s, lo, hi):
        kind = "discount"
        if share_of and f.type == "percent":
            stated = f"{f.text}{share_of.group().rstrip()}"  # as written, so it reads as a share of the price
    if kind == "discount" or (kind == "percent_cheaper" and _discount_component(s.text[lo:hi])
                              and not _other_models(ctx, s, lo, hi)
                              and not _THAN_MODEL.search(s.text[lo:hi])):
        comp = _discount_component(s.text, f.start) or _discount_component(" ".join(
            x.text for x in ctx.sents if x.paragraph == s.paragraph))
        subj, how = _subject_of(ctx, s, f, lo)
        if comp is None:
            return unverifiable("a discount on an unnamed part of the price", 0.6)
        conf = 0.8 - (0.1 if how == "article" else 0)
        return {**base, "kind": "discount", "stated": stated, "component": comp, "subject": _pin(ctx, subj),
                "note": None, "confidence": round(conf, 2), "needs_review": conf < 0.75}

    if kind in ("percent_cheaper", "cost_fraction"):
        own_cut = kind == "percent_cheaper" and _PRICE_CUT.search(s.text[lo:hi]) \
            and not _other_models(ctx, s, lo, hi) and not _COMPARED.search(s.text[lo:hi])
        if _OWN_EARLIER.search(s.text) or own_cut:
            subj, _ = _subject_of(ctx, s, f, lo)
            return unverifiable("a cut against the model's own earlier price; name the earlier version to check it",
                                0.6, stated, subj)
        baselines, bm, bhow = _baseline_of(ctx, s, f, lo, hi)
        subj, how = _subject_of(ctx, s, f, lo, skip=bm)
        if f.type == "vague" and bm is not None and subj is not None and bm.start > s.start + f.start:
            # "costs thousands on GPT-4 ... hundreds on R2": the first named is the baseline
            inside = [m for m in _in(ctx, s) if s.start + f.start <= m.start < s.start + f.end and m.model]
            if inside:
                baselines, bm = _as_baselines(ctx, inside[0]), inside[0]
                later = [m for m in _in(ctx, s) if m.start >= s.start + f.end and m.model]
                if later:
                    subj, how = later[0].model, later[0].how
        if bm is not None and bm.how == "unknown":
            return unverifiable(f"{bm.text} is not in the price catalog", 0.7, stated, subj)
        if f.type == "multiple" and _MORE_EXPENSIVE.match(after):
            if not baselines or subj is None:
                return unverifiable("a multiple with no second model named", 0.5, stated, subj)
            subj, baselines = baselines[0], [subj]
            notes.append("'more expensive': the named model is the baseline")
        if subj is None:
            return unverifiable("no model is named as the cheaper one", 0.5, stated)
        if not baselines:
            return unverifiable("no model is named to compare with", 0.5, stated, subj)
        conf = 0.85 if bhow == "named" else 0.6
        if bhow == "article":
            notes.append("no baseline named: every other model the article names is a candidate")
        if how == "article":
            conf -= 0.1
            notes.append(f"no model named in the sentence: the article's subject ({subj})")
        if bm is not None and bm.family:
            notes.append(f"'{bm.text}' with '-level'/'class': a model like it may be meant")
            conf -= 0.1
        if bm is not None and bm.how == "provider":
            notes.append(f"any {bm.text} model at the claim's date")
        basis, why = _basis(s, ctx.sents[s.index - 1] if s.index else None, f, figs)
        if why:
            notes.append(why)
        d = {**base, "kind": kind, "stated": stated, "subject": _pin(ctx, subj), "basis": basis,
             "free": {"input_share": ("0", "1")} if basis == "blended" else {},
             "note": "; ".join(notes) or None, "confidence": round(conf, 2), "needs_review": conf < 0.75,
             "_subject_from": how}
        fixed = {k: v for k, v in _paragraph_context(ctx, s).items() if k == "input_share"}
        if fixed and basis == "blended":
            d["fixed"], d["free"] = fixed, {}
        d.update(_baseline_fields(baselines, bhow, family=bool(bm and bm.family)))
        return d

    # ---- everything else quantitative --------------------------------------------------------
    if f.type in ("percent", "money", "multiple", "quantity"):
        if f.type == "quantity" and re.fullmatch(r"[\d,]+\s?tokens", f.text):
            return None  # a bare token count in passing ("4,000 tokens"): context, not a claim
        if re.search(r"\b(?:last|next|past|coming|first)\s+$", before, re.IGNORECASE):
            return None  # "in the last 48 hours": a time frame, not a figure anyone claims
        subj, _ = _subject_of(ctx, s, f, lo)
        reason = _reason(s, f)
        named = [m for m in _in(ctx, s) if m.model]
        return unverifiable(reason, 0.8 if "not a price" in reason or "cannot" in reason else 0.6,
                            subject=subj if named or reason.startswith(("a parameter", "a training-data",
                                                                        "a hardware", "a context", "a latency"))
                            else None)
    return None


_PRICE_VERB = re.compile(r"\b(?:pay|pays|paying|paid|charges?|charged|charging|costs?|priced|prices?)\b", re.IGNORECASE)
_COMP_AFTER = re.compile(r"^\s*(?:for\s+|on\s+)?(?:an?\s+|the\s+)?(cache[\s-]?hits?|cached(?:\s+input)?|cache[\s-]?miss(?:es)?|"
                         r"input|prompt|output|completion)\b", re.IGNORECASE)


def _comp_after(after: str) -> str | None:
    """The component named right after an amount ("0.2 yuan on a cache hit", "$10 output")."""
    m = _COMP_AFTER.match(after)
    if not m:
        return None
    w = m.group(1).lower()
    if w.startswith("cache") and "miss" not in w:
        return "cached_input"
    return "output" if w in ("output", "completion") else "input"


_TIER_WORD = re.compile(r"\b(batch(?:es|ed)?|flex|priority)\b", re.IGNORECASE)
_LIST_BEFORE = re.compile(r"\b(?:standard|list|regular|normal|usual|instead\s+of|down\s+from|from|rather\s+than|"
                          r"versus|vs\.?|compared\s+(?:with|to))\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _service_tier(s: Sentence, f: Figure, lo: int, figs: tuple[Figure, ...]) -> str | None:
    """"The Batch API costs $1.25 per million input tokens": a tier word before the price in its clause,
    with no other amount between them, makes it that tier's price; "instead of the standard 25 cents" and
    the like keep the list price."""
    words = list(_TIER_WORD.finditer(s.text, lo, f.start))
    if not words or _LIST_BEFORE.search(s.text[lo:f.start]):
        return None
    w = words[-1]
    if any(w.end() <= g.start < f.start for g in figs if g.type in ("rate", "money", "periodic")):
        return None
    name = w.group(1).lower()
    return "batch" if name.startswith("batch") else name


def _other_models(ctx: _Ctx, s: Sentence, lo: int, hi: int) -> list[Mention]:
    """Catalog models other than the article's subject named in the clause [lo, hi) of ``s``."""
    return [m for m in _in(ctx, s) if m.model and m.model != ctx.subject and lo <= m.start - s.start < hi]


def _baseline_fields(baselines: list[str], how: str, *, family: bool = False) -> dict[str, Any]:
    if how == "named" and len(baselines) == 1:
        return {"baseline": baselines[0], "baseline_candidates": ()}
    return {"baseline": None, "baseline_candidates": tuple(baselines)}


_BASIS_AFTER = re.compile(r"^\s*(?:cheaper|less\s+expensive|lower|less|more\s+affordable)?\s*(?:for|on|in)\s+"
                          r"(?:the\s+)?(input|prompt|output|completion)\b", re.IGNORECASE)


def _basis(s: Sentence, prev: Sentence | None, f: Figure | None = None,
           figs: tuple[Figure, ...] = ()) -> tuple[str, str | None]:
    """input/output when the words right after the figure say so ("3x cheaper for input tokens and 2x
    cheaper for output tokens"), or the sentence (or the list item's lead) names only one; else blended."""
    if f is not None:
        nxt = min((g.start for g in figs if g.start >= f.end and g.type != "cheaper"), default=len(s.text))
        m = _BASIS_AFTER.match(s.text[f.end:nxt])
        if m:
            return ("input" if m.group(1).lower() in ("input", "prompt") else "output"), None
        comps = [g for g in figs if g.type in ("percent", "multiple", "fraction")]
        if len(comps) > 1 and f in comps:
            # several comparisons in one sentence: an input/output word after a figure (up to the next)
            # is that figure's; one before the first figure is the first figure's only
            words = _io_words(s.text[f.end:nxt])
            if not words and f is comps[0]:
                words = _io_words(s.text[:f.start])
            return (words.pop(), None) if len(words) == 1 else ("blended", None)
    words = _io_words(s.text)
    if len(words) == 1:
        return words.pop(), None
    if not words and re.match(r"(?:that|this|which|it)\b", s.text, re.IGNORECASE) and prev is not None \
            and prev.paragraph == s.paragraph and len(_io_words(prev.text)) == 1:
        # "Input tokens: $0.14 per million. That is 60 percent cheaper than GPT 4o."
        return _io_words(prev.text).pop(), f"'{s.text.split()[0]}' refers to the {_io_words(prev.text).pop()} price before it"
    return "blended", None


def _io_words(text: str) -> set[str]:
    return {"input" if m.group(1).lower() in ("input", "prompt") else "output" for m in _INPUT_OUTPUT.finditer(text)}


def _basis_from_article(ctx: _Ctx, drafts: list[dict[str, Any]]) -> None:
    """A comparison that names no basis, in an article giving only the subject's input (or output)
    price, is read on that price: the only one the writer can have compared."""
    comps = {p.split(":")[1] for p in ctx.subject_prices if p.split(":")[0] == ctx.subject}
    if len(comps) != 1 or next(iter(comps)) not in ("input", "output"):
        return
    only = next(iter(comps))
    for d in drafts:
        if d["kind"] in ("percent_cheaper", "cost_fraction") and d.get("basis") == "blended" \
                and "input_share" not in d.get("fixed", {}) and (d.get("subject") or "").split("@")[0] == ctx.subject:
            d["basis"] = only
            d["free"] = {}
            why = f"read on {only} prices, the only ones the article gives for its subject"
            d["note"] = "; ".join(filter(None, [d.get("note"), why]))
