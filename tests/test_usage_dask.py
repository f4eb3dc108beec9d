"""cost_usage on Dask DataFrames: same exact totals as pandas, whatever the partitioning.

Runs with Dask's synchronous (local) scheduler; docs/usage.md shows a distributed cluster.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost.errors import UsageLogError
from usage_support import catalog, frame, log, usage_rows


dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

M = 1_000_000


@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> tc.Catalog:
    return catalog(tmp_path_factory)


@pytest.fixture(autouse=True)
def synchronous():
    with dask.config.set(scheduler="synchronous"):
        yield


def test_a_dask_frame_gives_the_hand_worked_total(cat):
    df = log(
        ("2025-03-01T11:59:59Z", "alpha", M, 100_000),
        ("2025-03-01T12:00:00Z", "alpha", M, 100_000),
        ("2025-03-05T16:30:00Z", "nightowl", M, M),
        ("2025-03-01T10:00:00Z", "yuan", M, M),
    )
    r = tc.cost_usage(dd.from_pandas(df, npartitions=3), cat)
    assert r.total == Decimal("2.80") + Decimal("1.40") + Decimal("0.685") + Decimal("1.40")
    assert r.by("version")["version"].tolist() == ["alpha@v1", "alpha@v2", "nightowl@list", "yuan@cny-1"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(usage_rows(), min_size=1, max_size=40), st.integers(1, 6))
def test_totals_are_the_same_for_pandas_and_any_dask_partitioning(cat, rows, parts):
    df = frame(rows)
    local = tc.cost_usage(df, cat, errors="report", reprice_as="nightowl")
    dist = tc.cost_usage(
        dd.from_pandas(df, npartitions=min(parts, len(df))), cat, errors="report", reprice_as="nightowl"
    )
    assert dist.total == local.total
    assert dist.repriced["nightowl"].total == local.repriced["nightowl"].total
    for key in ("model", "day", "month", "version", "segment"):
        pd.testing.assert_frame_equal(dist.by(key), local.by(key))
    assert sorted(dist.rejected.index) == sorted(local.rejected.index)
    assert dist.excluded_rows == local.excluded_rows


def test_dask_rows_are_lazy_and_match_pandas_rows(cat):
    df = log(
        ("2025-03-01T11:59:59Z", "alpha", M, 100_000),
        ("2025-03-05T16:30:00Z", "nightowl", M, M),
        ("2025-03-05T16:30:00Z", "nosuch", M, M),
    )
    r = tc.cost_usage(dd.from_pandas(df, npartitions=2), cat, errors="report")
    assert hasattr(r.rows, "compute")
    rows = r.rows.compute()
    assert rows.index.tolist() == [0, 1]
    assert rows["cost"].tolist() == pytest.approx([2.80, 0.685], rel=1e-15)
    assert rows["version"].astype(str).tolist() == ["alpha@v1", "nightowl@list"]


def test_bad_rows_in_any_partition_raise_with_the_total_count(cat):
    df = log(*[("2025-03-05T10:00:00Z", "alpha" if i % 3 else "alpah", 10, 1) for i in range(12)])
    with pytest.raises(UsageLogError, match=r"unknown model 'alpah'.*4 row\(s\): 0, 3, 6, 9"):
        tc.cost_usage(dd.from_pandas(df, npartitions=4), cat)


def test_grouping_a_dask_log_by_another_column_says_what_is_supported(cat):
    df = log(
        ("2025-03-05T10:00:00Z", "alpha", 10, 1, "p"),
        columns=("timestamp", "model", "input_tokens", "output_tokens", "project"),
    )
    r = tc.cost_usage(dd.from_pandas(df, npartitions=1), cat)
    with pytest.raises(UsageLogError, match="needs the rows in memory"):
        r.by("project")


def test_a_distributed_cluster_gives_the_same_exact_totals_as_pandas():
    # A real dask.distributed scheduler with two worker processes on loopback: the price table and
    # the partial sums cross process boundaries by pickling, as they would on a remote cluster.
    distributed = pytest.importorskip("distributed")
    import pandas as pd

    df = pd.DataFrame({
        "timestamp": pd.to_datetime(["2025-03-01T17:00:00Z", "2025-03-01T12:00:00Z",
                                     "2024-09-30T12:00:00Z", "2024-10-03T12:00:00Z"], utc=True),
        "model": ["deepseek-chat", "deepseek-chat", "gpt-4o", "gpt-4o"],
        "input_tokens": [2_000_000, 2_000_000, 1_000_000, 1_000_000],
        "output_tokens": [1_000_000, 1_000_000, 200_000, 200_000],
    })
    # deepseek-chat 2025-03-01: 17:00 UTC is off-peak (0.135 in / 0.55 out): 0.27 + 0.55 = 0.82;
    # 12:00 is peak (0.27 / 1.10): 0.54 + 1.10 = 1.64. gpt-4o before the 2024-10-02 repoint ($5/$15):
    # 5 + 3 = 8; after ($2.50/$10): 2.50 + 2 = 4.50. Total 14.96.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        res = tc.cost_usage(dd.from_pandas(df, npartitions=2), reprice_as="gpt-4o-mini")
        assert res.total == Decimal("14.96") == tc.cost_usage(df).total
        assert res.repriced["gpt-4o-mini"].total == tc.cost_usage(df, reprice_as="gpt-4o-mini").repriced[
            "gpt-4o-mini"].total
