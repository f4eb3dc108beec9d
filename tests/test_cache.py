"""The bundled-catalog cache makes cold starts faster, never different."""

import os
import subprocess
import sys
from pathlib import Path

SNIPPET = ("import tokencost as tc; c = tc.load_catalog(); "
           "print(len(c), sum(len(m.versions) for m in c.models.values()), "
           "tc.request_cost('gpt-4o', input_tokens=1200, output_tokens=300, at='2025-03-01'))")


def run(env_extra):
    env = {**os.environ, **env_extra}
    out = subprocess.run([sys.executable, "-c", SNIPPET], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_second_start_reads_the_cache_and_gives_the_same_catalog(tmp_path):
    first = run({"TOKENCOST_CACHE_DIR": str(tmp_path)})
    files = list(tmp_path.glob("catalog-*.pickle"))
    assert len(files) == 1
    assert run({"TOKENCOST_CACHE_DIR": str(tmp_path)}) == first == run({"TOKENCOST_NO_CACHE": "1"})


def test_a_corrupt_cache_file_falls_back_to_a_normal_load(tmp_path):
    first = run({"TOKENCOST_CACHE_DIR": str(tmp_path)})
    [f] = tmp_path.glob("catalog-*.pickle")
    f.write_bytes(b"not a pickle")
    assert run({"TOKENCOST_CACHE_DIR": str(tmp_path)}) == first


def test_an_unwritable_cache_dir_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run({"TOKENCOST_CACHE_DIR": str(blocker / "sub")}).strip()


def test_the_cache_key_changes_with_the_data(tmp_path, monkeypatch):
    from tokencost._catalog import cache
    monkeypatch.setenv("TOKENCOST_CACHE_DIR", str(tmp_path))
    p = tmp_path / "prices.yaml"
    p.write_text("a: 1\n")
    assert cache.cached(p, lambda: "first") == "first"
    assert cache.cached(p, lambda: "second") == "first"  # same bytes: cached
    p.write_text("a: 2\n")
    assert cache.cached(p, lambda: "third") == "third"
    assert len(list(Path(tmp_path).glob("catalog-*.pickle"))) == 2


def test_a_catalog_cached_from_another_checkout_points_at_this_checkouts_files():
    # the cache is keyed by content: a twin checkout's entry must not make this one's paths (error
    # locations, files a writer must refuse) point into the other tree
    from tokencost._catalog.catalog import _relocated
    from tokencost._catalog.loader import MergedData, Origin

    data = MergedData(paths=["/elsewhere/data/prices.yaml", "/elsewhere/data/prices/acme.yaml"],
                      origins={("model", "m"): Origin("/elsewhere/data/prices/acme.yaml", 7)})
    moved = _relocated(data, "/here/data/prices.yaml")
    assert moved.paths == ["/here/data/prices.yaml", "/here/data/prices/acme.yaml"]
    assert moved.origins[("model", "m")].path == "/here/data/prices/acme.yaml"


LAZY = ("import tokencost as tc; c = tc.load_catalog(); m = c._data.models; "
        "before = m.loaded_providers(); tc.request_cost('gpt-4o', input_tokens=1, output_tokens=1); "
        "print(type(m).__name__, before, m.loaded_providers())")


def test_a_cached_start_unpickles_only_the_provider_of_the_model_it_prices(tmp_path):
    env = {**os.environ, "TOKENCOST_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first start builds the cache, the second reads it
        out = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "LazyModels [] ['openai']"


def test_the_lazy_models_equal_the_models_read_from_the_files():
    import pickle

    from tokencost._catalog.lazy import LazyModels
    from tokencost._catalog.loader import load_merged
    eager = load_merged(None).models
    lazy = pickle.loads(pickle.dumps(LazyModels(eager)))  # as the cache stores and reads it
    assert list(lazy) == list(eager) and len(lazy) == len(eager)
    assert "gpt-4o" in lazy and "no-such-model" not in lazy
    assert lazy["gpt-4o"] == eager["gpt-4o"]
    assert lazy.loaded_providers() == ["openai"]
    assert dict(lazy.items()) == dict(eager)
    assert dict(lazy.alias_items()) == {mid: tuple(m.aliases) for mid, m in eager.items()}
    assert lazy.any_request_fee == any(v.rates.request is not None for m in eager.values() for v in m.versions)
    try:
        lazy["no-such-model"]
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown id must be a KeyError, as in a dict")


def test_the_cached_forensic_index_finds_what_a_fresh_scan_finds():
    import tokencost as tc
    from tokencost._catalog.loader import bundled_price_paths
    from tokencost._claims.forensics import nearest_figures
    bundled, fresh = tc.load_catalog(), tc.load_catalog(*bundled_price_paths())
    assert bundled.is_bundled and not fresh.is_bundled
    import datetime as dt
    from fractions import Fraction
    at = dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc)
    for value in (Fraction("0.14"), Fraction("2.80"), Fraction(15), Fraction(50)):
        for kind in ("price", "discount"):
            a = nearest_figures(bundled, [value], kind=kind, at=at)
            b = nearest_figures(fresh, [value], kind=kind, at=at)
            assert [m.describe() for m in a] == [m.describe() for m in b]
