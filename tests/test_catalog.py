"""The bundled catalog as a specification: what a price lookup must answer, by name and date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tokencost import load_catalog
from tokencost.errors import NoPriceError, TokencostError, UnknownModelError, UnknownVersionError

UTC = dt.timezone.utc
D = Decimal


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def _rates(v):
    return (v.rates.input, v.rates.cached_input, v.rates.cache_write, v.rates.output)


# --------------------------------------------------------------------------- loading

def test_bundled_data_loads_with_models_versions_and_sources(cat):
    assert len(cat) >= 20
    assert {"gpt-4o", "gpt-4-turbo", "claude-3.5-sonnet", "deepseek-chat", "deepseek-r2"} <= set(cat)
    n_versions = sum(len(m.versions) for m in cat.models.values())
    assert n_versions >= len(cat)
    assert cat.sources and cat.policies and cat.exchange_rates


def test_load_catalog_without_arguments_is_cached(cat):
    assert load_catalog() is cat


# --------------------------------------------------------------------------- dated lookup

def test_gpt_4o_costs_5_and_15_dollars_before_the_alias_was_repointed(cat):
    v = cat.price("gpt-4o", at="2024-09-01")
    assert v.id == "official-2024-05-13"
    assert _rates(v) == (D("5"), None, None, D("15"))


def test_gpt_4o_costs_2_50_and_10_dollars_from_2024_10_02(cat):
    # OpenAI repointed gpt-4o to gpt-4o-2024-08-06 on 2024-10-02 ($2.50 in / $1.25 cached / $10 out)
    v = cat.price("gpt-4o", at="2024-10-02")
    assert v.id == "official-2024-10-02"
    assert _rates(v) == (D("2.50"), D("1.25"), None, D("10"))


def test_intervals_are_half_open_in_utc(cat):
    # [2024-05-13, 2024-10-02): the last second of 2024-10-01 is still the old price
    assert cat.price("gpt-4o", at="2024-10-01T23:59:59Z").rates.input == D("5")
    assert cat.price("gpt-4o", at="2024-10-02T00:00:00Z").rates.input == D("2.50")
    # the same instant written in UTC+8 is 2024-10-01 16:00 UTC: still $5
    assert cat.price("gpt-4o", at="2024-10-02T00:00:00+08:00").rates.input == D("5")
    assert cat.price("gpt-4o", at=dt.date(2024, 10, 2)).rates.input == D("2.50")
    assert cat.price("gpt-4o", at=dt.datetime(2024, 10, 1, 23, 0)).rates.input == D("5")  # naive = UTC


def test_model_at_version_picks_that_version_whatever_the_date(cat):
    v = cat.price("gpt-4o@official-2024-05-13", at="2030-01-01")
    assert v.id == "official-2024-05-13" and v.rates.input == D("5")
    # also versions that a dated lookup never returns (reported / rumored figures)
    assert cat.price("deepseek-r2@leak-2025-04").status == "rumored"
    assert cat.price("deepseek-r2@article-004-launch", at="2020-01-01").rates.input == D("0.14")
    # and aliases on the left of the @
    assert cat.resolve("GPT 4o@official-2024-10-02").label == "gpt-4o@official-2024-10-02"


def test_unknown_version_raises_unknown_version_error_listing_versions(cat):
    with pytest.raises(UnknownVersionError) as ei:
        cat.price("gpt-4o@official-1999")
    assert isinstance(ei.value, KeyError)
    assert ei.value.available == ["official-2024-05-13", "official-2024-10-02"]
    assert "official-2024-05-13" in str(ei.value)


@pytest.mark.parametrize(("name", "model_id"), [
    ("gpt-4o", "gpt-4o"),
    ("GPT 4o", "gpt-4o"),
    ("  Gpt_4O ", "gpt-4o"),
    ("claude-3-5-sonnet-20240620", "claude-3.5-sonnet"),
    ("Claude 3 5 Sonnet 20241022", "claude-3.5-sonnet"),
    ("o1-preview", "o1"),
    ("deepseek r2", "deepseek-r2"),
    ("DeepSeek-V3", "deepseek-chat"),
    ("gpt-4-0125-preview", "gpt-4-turbo"),
])
def test_aliases_and_case_or_space_variants_resolve_to_the_model_id(cat, name, model_id):
    assert cat.model_id(name) == model_id
    assert name in cat


def test_an_alias_prices_like_its_model(cat):
    assert cat.price("claude-3-5-sonnet-20240620", at="2024-07-01").id == "launch-2024-06"
    assert cat.price("GPT 4o", at="2024-09-01") == cat.price("gpt-4o", at="2024-09-01")


def test_unknown_model_raises_unknown_model_error_with_suggestions(cat):
    with pytest.raises(UnknownModelError) as ei:
        cat.price("gpt-5o", at="2025-01-01")
    err = ei.value
    assert isinstance(err, KeyError) and isinstance(err, TokencostError)
    assert err.model == "gpt-5o"
    assert "gpt-4o" in err.suggestions and "gpt-5" in err.suggestions
    assert "did you mean" in str(err) and "'gpt-4o'" in str(err)
    assert "gpt-5o" not in cat


def test_unknown_model_is_catchable_as_key_error(cat):
    with pytest.raises(KeyError):
        cat.model_id("no-such-model-anywhere")


def test_date_before_any_version_raises_no_price_error_naming_the_versions(cat):
    with pytest.raises(NoPriceError) as ei:
        cat.price("gpt-4o", at="2024-01-01")
    err = ei.value
    assert isinstance(err, LookupError)
    assert err.model == "gpt-4o"
    msg = str(err)
    assert "official-2024-05-13" in msg and "official-2024-10-02" in msg
    assert "2024-01-01" in msg


def test_model_with_only_reported_figures_refuses_a_dated_lookup(cat):
    # deepseek-r2 has no official price: only what articles report (rumored leak, reported launch)
    with pytest.raises(NoPriceError) as ei:
        cat.price("deepseek-r2", at="2026-05-01")
    msg = str(ei.value)
    assert "MODEL@VERSION" in msg
    assert "deepseek-r2@leak-2025-04" in msg and "deepseek-r2@article-004-launch" in msg
    # asking for those statuses explicitly is allowed
    v = cat.price("deepseek-r2", at="2026-05-01", statuses=("reported", "rumored"))
    assert v.id == "article-004-launch"


# --------------------------------------------------------------------------- promotions

@pytest.mark.parametrize(("at", "version", "rates"), [
    # V2.5 prices with caching, the day before V3
    ("2024-12-25T23:59:59Z", "v2-caching-2024-08", (D("0.14"), D("0.014"), None, D("0.28"))),
    # V3 launch: the promotion (old prices) wins over the list price for everybody
    ("2024-12-26", "v3-promo-2024-12", (D("0.14"), D("0.014"), None, D("0.28"))),
    ("2025-01-15", "v3-promo-2024-12", (D("0.14"), D("0.014"), None, D("0.28"))),
    ("2025-02-08T15:59:59Z", "v3-promo-2024-12", (D("0.14"), D("0.014"), None, D("0.28"))),
    # "until 2025-02-08 16:00 (UTC)": the list price from that instant
    ("2025-02-08T16:00:00Z", "v3-2024-12", (D("0.27"), D("0.07"), None, D("1.10"))),
    ("2025-02-20", "v3-2024-12", (D("0.27"), D("0.07"), None, D("1.10"))),
])
def test_promotional_deepseek_chat_price_wins_while_in_effect(cat, at, version, rates):
    v = cat.price("deepseek-chat", at=at)
    assert (v.id, _rates(v)) == (version, rates)


def test_official_only_lookup_ignores_the_promotion(cat):
    assert cat.price("deepseek-chat", at="2025-01-15", statuses=("official",)).id == "v3-2024-12"


# --------------------------------------------------------------------------- currencies

def test_cny_versions_exist_and_currency_cny_selects_them(cat):
    cny = [v for v in cat.versions("deepseek-chat") if v.currency == "CNY"]
    assert len(cny) >= 5
    v = cat.price("deepseek-chat", at="2025-03-01", currency="CNY")
    assert (v.id, v.currency, _rates(v)) == ("v3-offpeak-2025-02-cny", "CNY", (D("2"), D("0.5"), None, D("8")))
    # promotions win in CNY too (¥1 / ¥0.1 / ¥2)
    v = cat.price("deepseek-chat", at="2025-01-15", currency="CNY")
    assert (v.id, _rates(v)) == ("v3-promo-2024-12-cny", (D("1"), D("0.1"), None, D("2")))


def test_usd_is_preferred_when_no_currency_is_asked_for(cat):
    assert cat.price("deepseek-chat", at="2025-03-01").currency == "USD"
    assert cat.price("deepseek-chat", at="2025-03-01", currency="USD").id == "v3-offpeak-2025-02"


def test_currency_without_a_version_raises_no_price_error(cat):
    with pytest.raises(NoPriceError):
        cat.price("gpt-4o", at="2025-01-01", currency="CNY")


def test_exchange_rate_is_the_latest_recorded_on_or_before_the_date(cat):
    r = cat.exchange_rate("CNY", "2025-03-01")
    assert (r.on, r.usd_per_unit) == (dt.date(2025, 2, 26), D("0.137751"))
    assert cat.exchange_rate("CNY", "2025-02-26").on == dt.date(2025, 2, 26)
    assert cat.exchange_rate("CNY", "2025-02-25").on == dt.date(2025, 2, 7)


# --------------------------------------------------------------------------- tables

def test_history_is_a_tidy_frame_with_one_row_per_version_oldest_first(cat):
    h = cat.history("GPT 4o")
    assert isinstance(h, pd.DataFrame)
    assert list(h["version"]) == ["official-2024-05-13", "official-2024-10-02"]
    assert set(h["model"]) == {"gpt-4o"}
    for col in ("provider", "status", "effective_from", "effective_to", "currency",
                "input", "cached_input", "cache_write", "output", "batch_discount", "sources"):
        assert col in h.columns
    assert h.loc[0, "effective_from"] == pd.Timestamp("2024-05-13", tz="UTC")
    assert h.loc[0, "effective_to"] == pd.Timestamp("2024-10-02", tz="UTC")
    assert pd.isna(h.loc[1, "effective_to"])
    # rates stay exact Decimals in the frame, written as in the file
    assert isinstance(h.loc[1, "input"], Decimal) and str(h.loc[1, "input"]) == "2.50"
    # a rate the version lacks is missing (NaN, as pandas shows missing values), never 0
    assert pd.isna(h.loc[0, "cached_input"]) and isinstance(h.loc[0, "cached_input"], float)
    # OpenAI's batch policy (50%) applied from 2024-04-15
    assert list(h["batch_discount"]) == [D("0.5"), D("0.5")]


def test_history_lists_every_currency_of_a_model(cat):
    h = cat.history("deepseek-chat")
    assert len(h) == len(cat.model("deepseek-chat").versions)
    assert set(h["currency"]) == {"USD", "CNY"}
    assert h["effective_from"].is_monotonic_increasing


def test_frame_has_one_row_per_version_of_every_model(cat):
    f = cat.frame()
    assert len(f) == sum(len(m.versions) for m in cat.models.values())
    assert not f.duplicated(["model", "version"]).any()
    assert set(f["model"]) == set(cat)


def test_conflicts_list_the_r2_price_disagreements(cat):
    c = cat.conflicts()
    r2 = c[c["model"] == "deepseek-r2"]
    got = {(row.component, row.version_a, row.value_a, row.version_b, row.value_b)
           for row in r2.itertuples(index=False)}
    # leak: $0.07 in / $0.27 out (articles 000, 003); article 004: $0.14 in / $0.28 out
    assert got == {
        ("input", "leak-2025-04", D("0.07"), "article-004-launch", D("0.14")),
        ("output", "leak-2025-04", D("0.27"), "article-004-launch", D("0.28")),
    }
    assert set(r2["kind"]) == {"reported-vs-reported"}


def test_conflicts_list_a_reported_figure_against_the_official_price(cat):
    c = cat.conflicts()
    g = c[(c["model"] == "gpt-4") & (c["kind"] == "reported-vs-official")]
    # article 000's "GPT-4's $2.80" against the official $30 input
    assert list(zip(g["component"], g["value_a"], g["value_b"])) == [("input", D("2.80"), D("30"))]


# --------------------------------------------------------------------------- whole-catalog laws

def test_no_two_official_versions_of_one_model_overlap_per_currency(cat):
    for mid, model in cat.models.items():
        for cur in ("USD", "CNY"):
            vs = sorted((v for v in model.versions if v.status == "official" and v.currency == cur),
                        key=lambda v: v.start)
            for a, b in zip(vs, vs[1:]):
                assert a.end is not None and a.end <= b.start, f"{mid}: {a.id} overlaps {b.id}"


_MODELS = sorted(load_catalog())
_INSTANTS = st.datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2027, 12, 31),
                         timezones=st.just(UTC))


@settings(max_examples=300, deadline=None)
@given(mid=st.sampled_from(_MODELS), at=_INSTANTS)
def test_at_most_one_official_usd_version_is_in_effect_at_any_instant(mid, at):
    model = load_catalog().models[mid]
    live = [v.id for v in model.versions if v.status == "official" and v.currency == "USD" and v.in_effect(at)]
    assert len(live) <= 1, (mid, at, live)


def test_every_citation_names_a_known_source(cat):
    known = set(cat.sources)
    for mid, model in cat.models.items():
        for v in model.versions:
            assert v.citations, f"{mid}@{v.id} has no citation"
            for c in v.citations:
                assert c.source in known, f"{mid}@{v.id} cites unknown source {c.source!r}"
    for p in cat.policies:
        for c in p.citations:
            assert c.source in known, f"policy {p.id} cites unknown source {c.source!r}"
    for r in cat.exchange_rates:
        assert r.source in known


def test_every_article_citation_carries_a_quote(cat):
    for mid, model in cat.models.items():
        for v in model.versions:
            for c in v.citations:
                if cat.sources[c.source].kind == "article":
                    assert c.quote, f"{mid}@{v.id}: article {c.source} cited without a quote"


def test_every_rate_is_a_non_negative_decimal(cat):
    for mid, model in cat.models.items():
        for v in model.versions:
            parts = [v.rates] + [t.rates for t in v.tiers] + [w.rates for w in v.off_peak]
            for rates in parts:
                for comp in rates.present():
                    x = getattr(rates, comp)
                    assert type(x) is Decimal and x >= 0, (mid, v.id, comp, x)


# --------------------------------------------------------------------------- data consistency

# Published cache prices that are not exactly the multiplier times the input rate (documented in the
# anthropic-prompt-caching policy note: Claude 3 Haiku's write is $0.30, not 1.25 x $0.25 = $0.3125,
# and its read $0.03, not 0.1 x $0.25 = $0.025).
CACHE_EXCEPTIONS = {("claude-3-haiku", "caching-2024-08")}
IMPORTED = ("genai-prices-", "litellm-", "llm-prices-")


def test_cache_rates_follow_the_providers_caching_multipliers(cat):
    checked = 0
    for p in cat.policies:
        if p.kind != "prompt_caching":
            continue
        for mid, model in cat.models.items():
            if model.provider != p.provider or (p.models is not None and mid not in p.models) or mid in p.excludes:
                continue
            for v in model.versions:
                if v.start < p.start or (mid, v.id) in CACHE_EXCEPTIONS:
                    continue
                # the policies document how the curated rates were derived; an imported version states the
                # dataset's own figures (later models price cache reads at other ratios, e.g. o3's 1/4),
                # and tests/test_crosscheck.py holds those to the dataset instead
                if v.id.startswith(IMPORTED):
                    continue
                for rates in [v.rates, *(t.rates for t in v.tiers)]:
                    if p.read_multiplier is not None and rates.cached_input is not None:
                        assert rates.cached_input == rates.input * p.read_multiplier, (p.id, mid, v.id)
                        checked += 1
                    if p.write_multiplier is not None and rates.cache_write is not None:
                        assert rates.cache_write == rates.input * p.write_multiplier, (p.id, mid, v.id)
                        checked += 1
    assert checked >= 20


def test_documented_cache_price_exception_is_still_the_published_figure(cat):
    v = cat.price("claude-3-haiku", at="2024-09-01")
    assert (v.rates.cached_input, v.rates.cache_write) == (Decimal("0.03"), Decimal("0.30"))


def test_h10_exchange_rates_are_the_inverse_of_the_quoted_cny_per_usd(cat):
    # usd_per_unit = 1 / (CNY per USD), rounded to 6 places, e.g. 1 / 7.2071 = 0.1387520640... -> 0.138752
    import re
    from decimal import ROUND_HALF_UP

    checked = 0
    for r in cat.exchange_rates:
        m = re.search(r"H\.10 (\d+\.\d+)", r.note or "")
        if r.source == "fed-h10-dexchus":
            assert m, f"H.10 rate of {r.on} does not state the CNY-per-USD figure it inverts"
            assert r.usd_per_unit == (1 / Decimal(m.group(1))).quantize(Decimal("0.000001"), ROUND_HALF_UP)
            checked += 1
    assert checked >= 8


def test_every_cny_version_has_an_exchange_rate_from_its_start(cat):
    for mid, model in cat.models.items():
        for v in model.versions:
            if v.currency == "CNY":
                assert cat.exchange_rate("CNY", v.start).on <= v.start.date(), (mid, v.id)


def test_every_public_name_in_all_imports():
    import tokencost
    for name in tokencost.__all__:
        assert getattr(tokencost, name) is not None, name


@given(st.text())
@settings(max_examples=300)
def test_normalize_name_is_lowercase_with_runs_of_spaces_and_underscores_as_one_hyphen(name):
    # the fast path (no regex when nothing needs replacing) must agree with the definition everywhere
    import re

    from tokencost._catalog.names import normalize_name
    assert normalize_name(name) == re.sub(r"[\s_]+", "-", name.strip().lower())
