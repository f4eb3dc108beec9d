"""The library agrees with an independent Fraction oracle (tests/oracle.py): request, workload and
usage costs, savings, percentages and claim regions.

Exact means equal as rational numbers. Where a total has no finite decimal form
(``CostBreakdown.exact`` is False: an off-peak window of 1/3 of the day), ``total_exact`` must
still equal the oracle, and the Decimal shown must be it to 30 places and to the cent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import oracle
import tokencost as tc
from profiles import examples
from tokencost.errors import TokencostError
from tokencost.testing import DEFAULT_PERIOD, catalogs, decimals, requests, usage_frames, workloads

CAT = tc.load_catalog()
BUNDLED_MODELS = ("gpt-4o", "gpt-4o-mini", "o3-mini", "claude-3.5-sonnet", "claude-3-haiku", "deepseek-chat",
                  "gemini-2.0-flash", "gpt-4-turbo", "claude-sonnet-4", "gemini-2.5-pro", "deepseek-reasoner")


def close(a: Fraction, b: Fraction, digits: int = 70) -> bool:
    return a == b or abs(a - b) <= max(abs(a), abs(b)) * Fraction(1, 10**digits)


def round_half_up(x: Fraction) -> Decimal:
    """To the cent, half away from zero, worked independently of the library's helper."""
    n = abs(x) * 100
    whole = n.numerator // n.denominator + (1 if n - n.numerator // n.denominator >= Fraction(1, 2) else 0)
    return (Decimal(whole) / 100 * (-1 if x < 0 else 1)).quantize(Decimal("0.01"))


def agree(library, oracle_fn):
    """Both give the same exact amount, or both refuse (the library with a TokencostError)."""
    try:
        want = oracle_fn()
    except oracle.Unpriceable:
        with pytest.raises(TokencostError):
            library()
        return None
    got = library()
    return got, want


# ------------------------------------------------------------------------------------------ requests
any_request = requests(models=BUNDLED_MODELS, at=("2024-06-01", "2026-06-30"), cached_tokens=(0, 200_000),
                       cache_write_tokens=st.one_of(st.just(0), st.integers(0, 50_000)), batch=st.booleans(),
                       input_tokens=st.one_of(st.integers(0, 300_000), st.integers(0, 10**12)))


@examples(300)
@given(any_request)
def test_request_cost_equals_the_oracle_exactly_on_the_bundled_prices(r):
    out = agree(lambda: r.cost(CAT), lambda: oracle.request_cost(
        CAT, r.model, r.input_tokens, r.output_tokens, r.cached_tokens, r.cache_write_tokens, at=r.at, batch=r.batch))
    if out:
        assert Fraction(out[0]) == out[1], r.describe()


@st.composite
def catalog_and_request(draw):
    tiers = draw(st.booleans())  # tiers and off-peak windows never share a version (the schema says so)
    cat = draw(catalogs(tiers=tiers, batch=draw(st.booleans()), off_peak=not tiers and draw(st.booleans())))
    r = draw(requests(models=list(cat), at=("2024-01-01", "2027-12-31"), input_tokens=(0, 2_000_000),
                      cached_tokens=(0, 2_000_000), batch=st.booleans()))
    return cat, r


@examples(150)
@given(catalog_and_request())
def test_request_cost_equals_the_oracle_on_generated_tiers_batch_and_off_peak_windows(cr):
    cat, r = cr
    out = agree(lambda: r.cost(cat), lambda: oracle.request_cost(
        cat, r.model, r.input_tokens, r.output_tokens, r.cached_tokens, r.cache_write_tokens, at=r.at, batch=r.batch))
    if out:
        assert Fraction(out[0]) == out[1], r.describe()


# ------------------------------------------------------------------------------------------ workloads
def any_workload(**kw):
    base = dict(cached_share=st.one_of(st.just(0), decimals(0, 1)), cache_write_share=st.one_of(st.just(0), decimals(0, 1)),
                batch_share=st.one_of(st.just(0), decimals(0, 1)),
                off_peak_share=st.one_of(st.none(), st.just("uniform"), decimals(0, 1)),
                prompt_tokens=st.one_of(st.none(), st.integers(0, 400_000)),
                month=st.sampled_from(["30d", "31d", "28d", "30.4375d", "calendar"]))
    base.update(kw)
    return workloads(**base)


def check_month(cat, w, model, at):
    out = agree(lambda: tc.monthly_cost(w, model, at, catalog=cat), lambda: oracle.monthly_cost(cat, w, model, at))
    if out is None:
        return
    got, want = out
    assert got.total_exact == want, w.describe()
    assert sum((li.cost_exact if li.cost_exact is not None else Fraction(li.cost) for li in got.lines),
               Fraction(0)) == want  # the lines add up to the total
    if got.exact:
        assert Fraction(got.total) == want
    else:  # no finite decimal form (an off-peak window of 1/3 of the day): shown to 30 places
        assert abs(Fraction(got.total) - want) <= Fraction(1, 2 * 10**30) and got.rounded() == round_half_up(want)


@examples(200)
@given(any_workload(), st.sampled_from(BUNDLED_MODELS), st.dates(dt.date(2024, 6, 1), dt.date(2026, 6, 30)))
def test_monthly_cost_equals_the_oracle_on_the_bundled_prices(w, model, at):
    check_month(CAT, w, model, at)


@examples(100)
@given(st.data())
def test_monthly_cost_equals_the_oracle_on_generated_catalogs(data):
    tiers = data.draw(st.booleans())
    cat = data.draw(catalogs(tiers=tiers, batch=data.draw(st.booleans()),
                             off_peak=not tiers and data.draw(st.booleans())), label="catalog")
    w = data.draw(any_workload(), label="workload")
    model = data.draw(st.sampled_from(list(cat)), label="model")
    at = data.draw(st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)), label="at")
    check_month(cat, w, model, at)


@examples(150)
@given(workloads(cached_share=st.one_of(st.just(0), decimals(0, 1))),
       st.sampled_from(BUNDLED_MODELS), st.sampled_from(BUNDLED_MODELS), st.dates(dt.date(2024, 6, 1), dt.date(2026, 6, 30)))
def test_savings_and_percent_equal_the_oracle(w, base, cand, at):
    try:
        want_abs, want_pct = oracle.savings(CAT, w, base, cand, at)
    except oracle.Unpriceable:
        with pytest.raises(TokencostError):
            tc.savings(w, base, cand, at)
        return
    s = tc.savings(w, base, cand, at)
    assert Fraction(s.absolute) == want_abs
    if want_pct is None:
        assert s.percent is None
    else:
        assert close(Fraction(s.percent), want_pct)  # 100 x absolute / baseline, to 70 significant digits


# ------------------------------------------------------------------------------------------ usage logs
@examples(40)
@given(usage_frames(rows=(0, 12), cached_tokens=(0, 100_000), batch=st.booleans(),
                    models=("gpt-4o", "gpt-4o-mini", "o3-mini", "claude-3.5-sonnet", "claude-3-haiku")),
       )
def test_usage_log_total_is_the_sum_of_the_oracles_request_costs(frame):
    want = oracle.usage_cost(CAT, frame)
    res = tc.cost_usage(frame)
    assert Fraction(res.total) == want
    assert res.excluded_rows == 0 and len(res.rows) == len(frame)


@examples(40)
@given(usage_frames(rows=(1, 12), models=("deepseek-chat", "gpt-4o"), at=("2025-02-20", "2025-06-30")))
def test_usage_log_off_peak_rows_follow_the_utc_time_of_day(frame):
    assert Fraction(tc.cost_usage(frame).total) == oracle.usage_cost(CAT, frame)


# ------------------------------------------------------------------------------------------ claim regions
@st.composite
def percent_claim_on_a_catalog(draw):
    cat = draw(catalogs(models=2, versions=1, components=("input", "output")))
    a, b = list(cat)
    lo = draw(decimals(0, 1, places=2))
    hi = draw(decimals(lo, 1, places=2))
    stated = draw(decimals(0, 100, places=1))
    hedge = draw(st.sampled_from([None, "roughly", "nearly", "at least", "more than", "up to", "under"]))
    claim = tc.Claim(id="prop", kind="percent_cheaper", stated=f"{stated.normalize():f}%", hedge=hedge,
                     basis="blended", subject=a, baseline=b, at="2025-01-01",
                     free={"input_share": (str(lo), str(hi))})
    return cat, claim


@examples(150)
@given(percent_claim_on_a_catalog(), st.lists(decimals(0, 1, places=3), min_size=1, max_size=8))
def test_percent_cheaper_region_is_exactly_where_the_oracle_value_lies_in_the_stated_interval(cc, probes):
    cat, claim = cc
    res = tc.check_claim(claim, cat)
    (sr,) = [s for s in res.scenarios if s.scenario == "at claim date"]
    base_v = cat.price(claim.baseline, "2025-01-01")
    cand_v = cat.price(claim.subject, "2025-01-01")
    lo, hi = (Fraction(x) for x in claim.free["input_share"])
    assume(all(oracle.blended_price(base_v, s) > 0 for s in (lo, hi)))
    if sr.verdict == "unverifiable":  # only for a zero price: the ratio is undefined
        assert any(oracle.blended_price(base_v, s) == 0 for s in (lo, hi))
        return
    iv = res.stated.intervals["half_up"]
    region = sr.regions["half_up"][Fraction(30)] if "half_up" in sr.regions else None
    ends = [oracle.percent_cheaper(base_v, cand_v, s) for s in (lo, hi)]
    assert (sr.computed_min, sr.computed_max) == (min(ends), max(ends))
    for p in [lo, hi, *map(Fraction, probes)]:
        if not lo <= p <= hi:
            continue
        inside = iv.contains(oracle.percent_cheaper(base_v, cand_v, p))
        assert (region is not None and region.contains(p)) == inside, (p, region, iv)
    if region is not None:  # the region's own ends are where the stated interval's ends are met
        for end, closed in ((region.lo, region.lo_closed), (region.hi, region.hi_closed)):
            assert iv.contains(oracle.percent_cheaper(base_v, cand_v, end)) == closed


@examples(100)
@given(st.data())
def test_monthly_savings_region_agrees_with_the_oracle_savings_of_each_workload(data):
    cat = data.draw(catalogs(models=2, versions=1, components=("input", "output")))
    a, b = list(cat)
    amount = data.draw(st.integers(0, 10**6))
    claim = tc.Claim(id="prop-savings", kind="monthly_savings", stated=f"${amount:,}", subject=a, baseline=b,
                     at="2025-01-01", fixed={"tokens": "100M/day"}, free={"input_share": ("0", "1")})
    res = tc.check_claim(claim, cat)
    (sr,) = [s for s in res.scenarios if s.scenario == "at claim date"]
    iv = res.stated.intervals["half_up"]
    region = sr.regions.get("half_up", {}).get(Fraction(30))
    for s in data.draw(st.lists(decimals(0, 1, places=3), min_size=1, max_size=6)):
        w = tc.Workload(tokens="100M/day", input_share=s)
        saved, _ = oracle.savings(cat, w, b, a, "2025-01-01")
        assert (region is not None and region.contains(Fraction(s))) == iv.contains(saved)
