"""Plots draw what was computed: the exact regions where a claim holds, exact costs against volume,
price steps with reported figures and retirements marked apart. Each returns its Figure."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import tokencost as tc  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _claim(cid):
    return tc.claim_report([c for c in tc.load_claims() if c.id == cid])[cid]


def test_the_42k_savings_plot_highlights_exactly_where_it_holds_against_gpt4_turbo():
    fig = _claim("a004-saves-42k-per-month").plot()
    assert isinstance(fig, Figure) and len(fig.axes) == 2  # curves at 30 days + input share x month map
    curves = fig.axes[0]
    turbo = [ln for ln in curves.lines if "gpt-4-turbo@official-2023-11-06" in ln.get_label()][0]
    thick = [ln for ln in curves.lines if ln.get_color() == turbo.get_color() and ln.get_linewidth() == 5][0]
    # savings/month = 3,000 Mtok x [(10 - 0.14) s + (30 - 0.28)(1 - s)] = 3,000 (29.72 - 19.86 s);
    # "roughly $42,000" = [37,800, 46,200]  ->  s in [14.32/19.86, 17.12/19.86] = [72.105%, 86.203%]
    xs, ys = thick.get_xdata(), thick.get_ydata()
    assert xs[0] == pytest.approx(100 * 14.32 / 19.86) and xs[-1] == pytest.approx(100 * 17.12 / 19.86)
    assert ys[0] == pytest.approx(46_200) and ys[-1] == pytest.approx(37_800)
    band = [p for p in curves.patches if "roughly $42,000" in p.get_label()]
    assert band, "the stated band is shaded"
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == ["28 d", "29 d", "30 d", "30.4375 d", "31 d"]


def test_a_claim_without_a_free_share_is_drawn_as_one_dot_per_reading():
    r = _claim("a000-headline-97pct-cost-cut")
    fig = r.plot()
    dots = [ln for ln in fig.axes[0].lines if ln.get_marker() == "o"]
    assert len(dots) == len(r.scenarios)
    # vs gpt-4o@official-2024-10-02 input $2.50: 100 x (2.50 - 0.07) / 2.50 = 97.2%, inside [96.5, 97.5)
    assert 97.2 in [pytest.approx(d.get_xdata()[0]) for d in dots]


def test_plotting_into_a_given_axes_returns_that_axes_figure():
    fig, ax = plt.subplots()
    assert _claim("a003-97-3pct-cheaper-than-gpt4").plot(ax=ax) is fig


def test_an_unverifiable_claim_has_nothing_to_plot_and_says_so():
    with pytest.raises(tc.TokencostError, match="nothing to plot"):
        _claim("a000-params-1-2t").plot()


def test_cost_curve_is_exact_monthly_cost_against_volume():
    w = tc.Workload(tokens="100M/day", input_share="0.8")
    fig = tc.plot_cost_curve(w, ["gpt-4-turbo", "gpt-4o"], at="2024-06-01")
    ax = fig.axes[0]
    turbo = [ln for ln in ax.lines if ln.get_label().startswith("gpt-4-turbo@")][0]
    assert "$42,000.00/month here" in turbo.get_label()
    pts = dict(zip(turbo.get_xdata(), turbo.get_ydata()))
    # linear in volume: $42,000 at 100M/day, $84,000 at 200M/day, $0 at none
    assert pts[100.0] == 42_000 and pts[200.0] == 84_000 and pts[0.0] == 0
    assert ax.get_xlabel() == "million tokens per day (30d month)"


PRICES = textwrap.dedent("""
    sources:
      vendor: {kind: vendor_page, url: "https://example.com/prices"}
      blog: {kind: article, url: "https://example.com/blog", title: A blog}
    models:
      oldie:
        provider: acme
        versions:
          - {id: launch, status: official, effective_from: 2024-01-01, effective_to: 2024-06-01,
             rates: {input: 4, output: 8}, citations: [{source: vendor}]}
          - {id: cut, status: official, effective_from: 2024-06-01, effective_to: 2025-01-01,
             rates: {input: 2, output: 8}, citations: [{source: vendor}]}
          - {id: blog-figure, status: reported, effective_from: 2024-03-01,
             rates: {input: 3}, citations: [{source: blog, quote: "input costs $3"}]}
""")


def test_price_history_draws_steps_marks_reported_figures_apart_and_marks_the_retirement(tmp_path):
    p = tmp_path / "prices.yaml"
    p.write_text(PRICES)
    fig = tc.load_catalog(p).plot_history("oldie")
    ax = fig.axes[0]
    steps = {c.get_gid(): c.get_segments()[0][0][1] for c in ax.collections
             if (c.get_gid() or "").startswith("official:")}
    assert steps == {"official:input:launch": 4, "official:input:cut": 2, "official:output:launch": 8,
                     "official:output:cut": 8}
    reported = [ln for ln in ax.lines if ln.get_marker() == "o"]
    assert [(ln.get_gid(), ln.get_ydata()[0], ln.get_label()) for ln in reported] == [
        ("reported:input:blog-figure", 3, "input (reported, not an official price)")]
    assert [t.get_text() for t in ax.texts] == ["retired"]
    retire = [ln for ln in ax.lines if ln.get_gid() == "retired:cut"][0]
    assert retire.get_xdata()[0] == dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def test_price_history_marks_a_step_whose_start_is_only_evidence(tmp_path):
    p = tmp_path / "prices.yaml"
    p.write_text(PRICES.replace("{id: launch, status: official, effective_from: 2024-01-01,",
                                "{id: launch, status: official, effective_from: 2024-01-01, effective_from_known: false,"))
    ax = tc.load_catalog(p).plot_history("oldie").axes[0]
    marks = [ln for ln in ax.lines if (ln.get_gid() or "").startswith("start-unknown:")]
    assert [ln.get_gid() for ln in marks] == ["start-unknown:launch"]  # 'cut' starts where 'launch' ends: known
    assert marks[0].get_xdata()[0] == dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    assert "start unknown" in [t.get_text() for t in ax.texts]


def test_import_tokencost_does_not_import_matplotlib():
    code = "import sys, tokencost as tc; tc.Workload; assert 'matplotlib' not in sys.modules, 'loaded'"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


def test_a_two_free_reading_fills_its_exact_region_with_percent_axes_and_the_stated_point():
    # gpt-4o, all input, 2025-01-01, "$6,000 a month" with the cached share c and the volume V free: it holds
    # for 73.33M / (1 - c/2) <= V < 86.67M / (1 - c/2) (tests/test_claims_casebook.py works it by hand)
    r = tc.check_claim({"id": "plane", "kind": "monthly_cost", "stated": "$6,000", "subject": "gpt-4o",
                        "at": "2025-01-01", "fixed": {"input_share": "1"},
                        "free": {"cached_share": ["0", "1"], "tokens": ["50M/day", "150M/day"]}})
    fig = r.plot()
    (ax,) = fig.axes
    assert ax.get_xlabel() == "cached share (%)" and ax.get_ylabel() == "tokens/day (millions)"
    pieces = r.best.pieces["half_up"][30]
    fills = [p for p in ax.patches if (p.get_gid() or "").startswith("region:0:")]
    assert len(fills) == len(pieces) == 2
    # every vertex lies on a side of the solved region, not on a grid: V = 73.33M / (1 - c/2) below, and
    # 86.67M / (1 - c/2) (or the box's 150M) above
    for patch in fills:
        for c_pct, v in patch.get_path().vertices[:-1]:
            c = c_pct / 100
            sides = (220 / 3 / (1 - c / 2), min(260 / 3 / (1 - c / 2), 150.0))
            assert min(abs(v - side) for side in sides) < 1e-9
    star = next(ln for ln in ax.lines if ln.get_gid() == "point")
    # the stated point: cached share 0 (no caching), the middle of 50M..150M
    assert (star.get_xdata()[0], star.get_ydata()[0]) == (0.0, 100.0)
    assert ax.get_xlim() == (0.0, 100.0) and ax.get_ylim() == (50.0, 150.0)


def test_a_three_free_reading_draws_the_cross_section_its_verdict_reads():
    # tests/test_claims_casebook.py works it: at input share 9/10 it holds for cached share > 26/27 and
    # 100M <= V < (200/3)M / (1 - 9c/26) tokens/day -- a sliver in the corner at cached share 100%
    r = tc.check_claim({"id": "solid", "kind": "monthly_cost", "stated": "$6,000", "subject": "gpt-4o",
                        "at": "2025-01-01", "free": {"input_share": ["0.8", "1"], "cached_share": ["0", "1"],
                                                     "tokens": ["100M/day", "200M/day"]}})
    (ax,) = r.plot().axes
    assert "cross-section at input share 90%" in ax.get_title()
    assert ax.get_xlabel() == "cached share (%)" and ax.get_ylabel() == "tokens/day (millions)"
    (fill,) = [p for p in ax.patches if (p.get_gid() or "").startswith("region:0:")]
    xs = [x for x, _ in fill.get_path().vertices[:-1]]
    assert min(xs) == pytest.approx(100 * 26 / 27) and max(xs) == 100.0


def test_a_yuan_price_is_drawn_in_yuan():
    c = tc.Claim(id="cny", kind="price", stated="2 yuan", component="input", subject="deepseek-chat",
                 at="2025-10-15")
    r = tc.check_claim(c)
    fig = r.plot()
    labels = [ax.get_xlabel() + ax.get_ylabel() for ax in fig.axes]
    assert any("yuan (CNY) per million tokens" in t for t in labels)
    assert not any("US$" in t for t in labels)
