"""The bad-input corpus (tests/bad_inputs/): every malformed price file, claim file, usage log,
workload, request, CLI argument and SDK usage object gives a TokencostError subclass whose message
names the file:line or the field -- never another exception type, never a hang, never a result.

File cases are listed in tests/bad_inputs/manifest.yaml (written by tests/bad_inputs/generate.py);
the call cases are the tables below. Each case runs under a time limit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import signal
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc
from profiles import examples
from tokencost import errors as E
from tokencost.cli import main

HERE = Path(__file__).resolve().parent / "bad_inputs"
MANIFEST = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))["cases"]
LIMIT_S = 10  # every case, including the 10k-deep, alias-bomb and 60,000-space ones


class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float = LIMIT_S):
    def fire(*_):
        raise Hang(f"no answer within {seconds} s")
    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def refuses(call, error: type[E.TokencostError], where: str) -> E.TokencostError:
    """``call()`` raises ``error`` (a TokencostError), in time, with ``where`` in its message."""
    with time_limit():
        try:
            result = call()
        except E.TokencostError as exc:
            assert isinstance(exc, error), f"{type(exc).__name__} is not a {error.__name__}: {exc}"
            assert where in str(exc), f"{where!r} not in {str(exc)!r}"
            assert "\n" not in str(exc).strip() or isinstance(exc, E.UsageLogError), str(exc)
            return exc
    pytest.fail(f"no error; returned {str(result)[:200]}")


LOADERS = {
    "prices": lambda p: tc.load_catalog(p),
    "claims": lambda p: tc.load_claims(p),
    "check": lambda p: tc.check_claims(str(p)),
    "usage": lambda p: tc.cost_usage(tc.read_usage(p)),
}


@pytest.mark.parametrize("case", MANIFEST, ids=[c["file"] for c in MANIFEST])
def test_a_bad_file_is_refused_with_its_location(case):
    path = HERE / case["file"]
    refuses(lambda: LOADERS[case["loader"]](path), getattr(E, case["error"]), case["where"])


# ------------------------------------------------------------------------------------------ files on disk
def test_a_200_mb_price_file_is_refused_by_size_at_once(tmp_path):
    big = tmp_path / "huge.yaml"
    with open(big, "wb") as fh:  # sparse: no disk, no memory, same size as far as stat is concerned
        fh.truncate(200 * 2**20)
    exc = refuses(lambda: tc.load_catalog(big), E.DataFileError, "huge.yaml")
    assert "200.0 MB" in str(exc) and "TOKENCOST_MAX_DATA_MB" in str(exc)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("loader", ["prices", "claims", "usage"])
def test_a_fifo_is_refused_instead_of_blocking_forever(tmp_path, loader):
    fifo = tmp_path / ("pipe.csv" if loader == "usage" else "pipe.yaml")
    os.mkfifo(fifo)
    refuses(lambda: LOADERS[loader](fifo), E.DataFileError, "pipe.")


@pytest.mark.parametrize("loader", ["prices", "claims", "usage"])
@pytest.mark.parametrize("make", ["directory", "missing", "under-a-file", "nul-in-name"])
def test_paths_that_are_not_readable_files(tmp_path, loader, make):
    target = {"directory": tmp_path, "missing": tmp_path / "nope.yaml", "under-a-file": Path(__file__) / "x.yaml",
              "nul-in-name": str(tmp_path / "a\x00b.yaml")}[make]
    if loader == "usage" and make != "directory":
        target = str(target).replace(".yaml", ".csv")
    refuses(lambda: LOADERS[loader](target), E.DataFileError, str(target)[:20])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_price_file(tmp_path):
    p = tmp_path / "secret.yaml"
    p.write_text("sources: {}\nmodels: {}\n")
    p.chmod(0)
    refuses(lambda: tc.load_catalog(p), E.DataFileError, "secret.yaml")


@pytest.mark.parametrize("path", [None, 123, ["a.yaml"], b"prices.yaml"])
def test_paths_of_the_wrong_type(path):
    refuses(lambda: tc.load_catalog(path), E.DataFileError, "str or os.PathLike")


# ------------------------------------------------------------------------------------------ workloads
BAD_WORKLOADS = [
    ({"tokens": "1e999999/day"}, "tokens"), ({"tokens": "1e30 tokens / 0 day"}, "tokens"),
    ({"tokens": "1" + " " * 60_000 + "M/day"}, "tokens"), ({"tokens": "-5M/day"}, "tokens"),
    ({"tokens": -5}, "tokens"), ({"tokens": float("nan")}, "tokens"), ({"tokens": float("inf")}, "tokens"),
    ({"tokens": True}, "tokens"), ({"tokens": "100M"}, "tokens"), ({"tokens": "100M/parsec"}, "tokens"),
    ({"tokens": ""}, "tokens"), ({"tokens": [1, 2]}, "tokens"), ({"tokens": {"n": 1}}, "tokens"),
    ({"tokens": "-5 requests/day x 4k tokens"}, "tokens"), ({"tokens": "1e400/day"}, "tokens"),
    ({"input_share": "1.5"}, "input_share"), ({"input_share": -0.1}, "input_share"),
    ({"input_share": float("nan")}, "input_share"), ({"input_share": "1e400"}, "input_share"),
    ({"input_share": True}, "input_share"), ({"input_share": "eighty percent"}, "input_share"),
    ({"input_share": None}, "input_share"), ({"input_share": "1/0"}, "input_share"),
    ({"cached_share": 2}, "cached_share"), ({"batch_share": -1}, "batch_share"),
    ({"off_peak_share": "sometimes"}, "off_peak_share"), ({"cached_share": 0.6, "cache_write_share": 0.6}, "exceed"),
    ({"prompt_tokens": -1}, "prompt_tokens"), ({"prompt_tokens": 1.5}, "prompt_tokens"),
    ({"prompt_tokens": "1e999999"}, "prompt_tokens"), ({"month": "0d"}, "month"), ({"month": "45d"}, "month"),
    ({"month": "fortnight"}, "month"), ({"month": True}, "month"), ({"colour": "blue"}, "colour"),
    ({"tokens": 2**63, "input_share": 0.5, "month": -1}, "month"),
]


@pytest.mark.parametrize("change,where", BAD_WORKLOADS, ids=[repr(c)[:40] for c, _ in BAD_WORKLOADS])
def test_a_bad_workload_names_its_field(change, where):
    refuses(lambda: tc.Workload(**{"tokens": "100M/day", "input_share": "0.8", **change}), E.WorkloadError, where)


# ------------------------------------------------------------------------------------------ calls
W = {"tokens": "100M/day", "input_share": "0.8"}
BAD_CALLS = [
    ("request tokens 1e30+1", lambda: tc.request_cost("gpt-4o", 10**30 + 1, 0, at="2025-01-01"), E.WorkloadError,
     "input_tokens"),
    ("request tokens 2**63", lambda: tc.request_cost("gpt-4o", 2**63, 0, at="2025-01-01"), E.WorkloadError, "input_tokens"),
    ("request tokens negative", lambda: tc.request_cost("gpt-4o", -1, 0, at="2025-01-01"), E.WorkloadError,
     "input_tokens"),
    ("request tokens bool", lambda: tc.request_cost("gpt-4o", True, 0, at="2025-01-01"), E.WorkloadError, "input_tokens"),
    ("request tokens float", lambda: tc.request_cost("gpt-4o", 10.0, 0, at="2025-01-01"), E.WorkloadError,
     "input_tokens"),
    ("request tokens nan", lambda: tc.request_cost("gpt-4o", math.nan, 0, at="2025-01-01"), E.WorkloadError,
     "input_tokens"),
    ("request tokens str", lambda: tc.request_cost("gpt-4o", "100", 0, at="2025-01-01"), E.WorkloadError,
     "input_tokens"),
    ("request output None", lambda: tc.request_cost("gpt-4o", 1, None, at="2025-01-01"), E.WorkloadError,
     "output_tokens"),
    ("request cached > input", lambda: tc.request_cost("gpt-4o", 1, 0, 5, at="2025-01-01"), E.WorkloadError,
     "cached_tokens"),
    ("model None", lambda: tc.request_cost(None, 1, 1, at="2025-01-01"), E.WorkloadError, "model"),
    ("model int", lambda: tc.request_cost(123, 1, 1, at="2025-01-01"), E.WorkloadError, "model"),
    ("model list", lambda: tc.monthly_cost(W, ["gpt-4o"], "2025-01-01"), E.WorkloadError, "model"),
    ("model unknown", lambda: tc.request_cost("gpt-4oo", 1, 1, at="2025-01-01"), E.UnknownModelError, "gpt-4oo"),
    ("model version unknown", lambda: tc.request_cost("gpt-4o@v9", 1, 1), E.UnknownVersionError, "v9"),
    ("at year 1 +05", lambda: tc.request_cost("gpt-4o", 1, 1, at="0001-01-01T00:00+05:00"), E.UnitError, "at:"),
    ("at year 9999 -05", lambda: tc.request_cost("gpt-4o", 1, 1, at="9999-12-31T23:00-05:00"), E.UnitError, "at:"),
    ("at text", lambda: tc.request_cost("gpt-4o", 1, 1, at="yesterday"), E.UnitError, "at:"),
    ("at number", lambda: tc.request_cost("gpt-4o", 1, 1, at=20250101), E.UnitError, "at:"),
    ("at feb 30", lambda: tc.monthly_cost(W, "gpt-4o", "2025-02-30"), E.UnitError, "at:"),
    ("at aware overflow datetime", lambda: tc.monthly_cost(
        W, "gpt-4o", dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))), E.UnitError, "at:"),
    ("at before any price", lambda: tc.monthly_cost(W, "gpt-4o", "1900-01-01"), E.NoPriceError, "1900-01-01"),
    ("batch without discount", lambda: tc.monthly_cost({**W, "batch_share": 1}, "deepseek-chat", "2025-03-01"),
     E.UnmodelledDiscountError, "batch"),
    ("workload not a workload", lambda: tc.monthly_cost(42, "gpt-4o", "2025-01-01"), E.WorkloadError, "Workload"),
    ("workload dict bad key", lambda: tc.monthly_cost({**W, "colour": 1}, "gpt-4o", "2025-01-01"), E.WorkloadError,
     "colour"),
    ("parse_price spaces", lambda: tc.parse_price("$1" + " " * 60_000 + "/M"), E.UnitError, "price"),
    ("parse_price 1e999", lambda: tc.parse_price("$1e999/M"), E.UnitError, "price"),
    ("parse_price None", lambda: tc.parse_price(None), E.UnitError, "price"),
    ("parse_volume list", lambda: tc.parse_volume(["1M/day"]), E.UnitError, "volume"),
    ("tolerance ceil", lambda: tc.TolerancePolicy(roundings=("ceil",)), E.ClaimError, "roundings"),
    ("tolerance no rounding", lambda: tc.TolerancePolicy(roundings=()), E.ClaimError, "roundings"),
    ("tolerance rough -1", lambda: tc.TolerancePolicy(rough=-1), E.ClaimError, "rough"),
    ("tolerance rough float", lambda: tc.TolerancePolicy(rough=0.1), E.ClaimError, "rough"),
    ("tolerance small 0", lambda: tc.TolerancePolicy(small_fraction=Fraction(0)), E.ClaimError, "small_fraction"),
    ("claim stated $4 percent", lambda: tc.Claim(id="x", kind="percent_cheaper", stated="$4", basis="blended",
                                                 subject="deepseek-chat", baseline="gpt-4o"), E.ClaimError, "stated"),
    ("claim component typo", lambda: tc.Claim(id="x", kind="price", stated="$1", subject="gpt-4o", component="inptu"),
     E.ClaimError, "component"),
    ("claim free reversed", lambda: tc.Claim(id="x", kind="percent_cheaper", stated="90%", basis="blended",
                                             subject="deepseek-chat", baseline="gpt-4o",
                                             free={"input_share": (0.9, 0.5)}), E.ClaimError, "free"),
    ("claim id int", lambda: tc.Claim(id=5, kind="unverifiable", stated="x", reason="r"), E.ClaimError, "id"),
    ("check_claim not a claim", lambda: tc.check_claim(42), E.ClaimError, "Claim"),
    ("check unknown subject", lambda: tc.check_claim(tc.Claim(
        id="x", kind="percent_cheaper", stated="90%", basis="blended", subject="nope", baseline="gpt-4o",
        at="2025-03-01")), E.ClaimError, "claim x"),
    ("explain unknown id", lambda: tc.explain("no-such-claim"), E.ClaimError, "no-such-claim"),
    ("claims text top key", lambda: tc.load_claims(text="claims: []\nextra: 1\n"), E.DataFileError, "<string>:2"),
    ("claims text not str", lambda: tc.load_claims(text=b"claims: []"), E.DataFileError, "str"),
    ("load_claims None text path", lambda: tc.load_claims(5), E.DataFileError, "str or os.PathLike"),
]


@pytest.mark.parametrize("name,call,error,where", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_a_bad_call_is_refused_by_name(name, call, error, where):
    refuses(call, error, where)


# ------------------------------------------------------------------------------------------ usage objects
GOOD_ROW = {"timestamp": pd.Timestamp("2025-03-01T10:00Z"), "model": "gpt-4o", "input_tokens": 100,
            "output_tokens": 10}
BAD_ROWS = [
    ("bool tokens", {"input_tokens": True}, "input_tokens"),
    ("float tokens", {"input_tokens": 1.5}, "input_tokens"),
    ("nan tokens", {"output_tokens": math.nan}, "output_tokens"),
    ("inf tokens", {"output_tokens": math.inf}, "output_tokens"),
    ("text tokens", {"output_tokens": "ten"}, "output_tokens"),
    ("decimal tokens", {"output_tokens": Decimal("1e400")}, "output_tokens"),
    ("list tokens", {"output_tokens": [1]}, "output_tokens"),
    ("negative requests", {"requests": -5}, "requests"),
    ("naive timestamp", {"timestamp": pd.Timestamp("2025-03-01T10:00")}, "timestamp"),
    ("timestamp text", {"timestamp": "soon"}, "timestamp"),
    ("model None", {"model": None}, "model"),
    ("model number", {"model": 4}, "4"),
    ("batch text", {"batch": "perhaps"}, "batch"),
]


@pytest.mark.parametrize("name,change,where", BAD_ROWS, ids=[r[0] for r in BAD_ROWS])
def test_a_bad_usage_row_is_rejected_by_row_and_column(name, change, where):
    valid = {"batch": False, "requests": 1}  # the good row's value for a column only the bad row needed
    df = pd.DataFrame([{**GOOD_ROW, **{k: valid[k] for k in change if k in valid}}, {**GOOD_ROW, **change}])
    exc = refuses(lambda: tc.cost_usage(df), E.UsageLogError, where)
    assert "row(s): 1" in str(exc) or "row" in str(exc)
    report = tc.cost_usage(df, errors="report")  # the good row is priced, the bad one listed, never $0
    assert report.excluded_rows == 1 and len(report.rejected) == 1


@pytest.mark.parametrize("frame,where", [
    (lambda: pd.concat([pd.DataFrame([GOOD_ROW]), pd.DataFrame([GOOD_ROW])[["model"]]], axis=1), "duplicate"),
    (lambda: pd.DataFrame([GOOD_ROW]).drop(columns="model"), "model"),
    (lambda: [GOOD_ROW], "DataFrame"),
    (lambda: pd.DataFrame([GOOD_ROW]), "reprice_as"),
], ids=["duplicate columns", "missing column", "a list", "reprice_as 123"])
def test_bad_usage_frames_and_arguments(frame, where):
    kw = {"reprice_as": 123} if where == "reprice_as" else {}
    refuses(lambda: tc.cost_usage(frame(), **kw), E.UsageLogError, where)


# ------------------------------------------------------------------------------------------ CLI
BAD_ARGS = [
    ["cost", "gpt-4o"], ["cost", "gpt-4o", "--tokens", "100M/day", "--input-share", "2"],
    ["cost", "gpt-4o", "--tokens", "1e999999/day", "--input-share", "0.5"],
    ["cost", "gpt-4o", "--tokens", "1e30/day", "--input-share", "0.5", "--at", "yesterday"],
    ["cost", "gpt-4oo", "--tokens", "1M/day", "--input-share", "0.5"],
    ["cost", "gpt-4o", "--tokens", "1M/day", "--input-share", "0.5", "--currency", "EUR"],
    ["cost", "gpt-4o", "--tokens", "1M/day", "--input-share", "0.5", "--month", "0d"],
    ["compare", "--tokens", "1M/day", "--input-share", "0.5"],
    ["prices", "gpt-4o", "--history", "--at", "2025-01-01"], ["prices", "--prices-only"],
    ["prices", "--prices", "/nonexistent.yaml"], ["prices", "gpt-4o", "--at", "0001-01-01T00:00+05:00"],
    ["claims", "--rough", "x"], ["claims", "--rough", "-1"], ["claims", "--file", "/nonexistent.yaml"],
    ["explain", "no-such-claim"], ["usage", "/nonexistent.csv"], ["nonsense"], [],
]


@pytest.mark.parametrize("argv", BAD_ARGS, ids=[" ".join(a)[:50] or "(none)" for a in BAD_ARGS])
def test_bad_command_lines_exit_2_with_one_line(argv, capsys):
    with time_limit():
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("tokencost: error: ") and err.count("\n") == 1, err


def test_usage_rejected_rows_never_overwrite_the_input_log(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("timestamp,model,input_tokens,output_tokens\n2025-03-01T10:00:00Z,gpt-4oo,1,1\n")
    before = log.read_bytes()
    assert main(["usage", str(log), "--errors", "report", "--rejected", str(log)]) == 2
    assert log.read_bytes() == before
    assert "is the input log itself" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_on_stdout_is_exit_2_not_a_traceback():
    import subprocess
    with open("/dev/full", "w") as full:
        out = subprocess.run([sys.executable, "-m", "tokencost.cli", "claims"], stdout=full, stderr=subprocess.PIPE,
                             text=True, timeout=120, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.returncode == 2 and out.stderr.strip() == "tokencost: error: cannot write the output: No space left on device"


# ------------------------------------------------------------------------------------------ fuzzing
BASE_PRICES = (HERE / "base_prices.yaml").read_text()
BASE_CLAIMS = (HERE / "base_claims.yaml").read_text()
NASTY = ["", " ", "\t", "-", ":", "[", "]", "{", "}", "&a", "*a", "!!", "!!float", "#", "'", '"', "\x00", "\x07",
         "0x10", "010", "1:30", ".nan", "-.inf", "1e400", "9" * 50, "~", "null", "true", "2025-13-01", "\ufeff", "é"]


@st.composite
def mutated(draw, base: str):
    lines = base.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["replace", "insert", "delete", "truncate", "splice"]))
        frag = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)))
        line = lines[i]
        j = draw(st.integers(0, len(line)))
        if op == "replace":
            lines[i] = line[:j] + frag + line[j + 1:]
        elif op == "insert":
            lines.insert(i, line[:j] + frag)
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "truncate":
            lines = lines[:i + 1]
            lines[i] = line[:j]
        else:
            lines[i] = line[:j] + frag + lines[draw(st.integers(0, len(lines) - 1))]
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


def loads_or_refuses(call):
    with time_limit(5):
        try:
            call()
        except E.TokencostError as exc:
            assert str(exc).strip()


@examples(150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated(BASE_PRICES))
def test_fuzzed_price_files_load_or_give_a_tokencost_error(text):
    loads_or_refuses(lambda: _load_text(text))


def _load_text(text: str) -> None:
    from tokencost._catalog.catalog import Catalog
    from tokencost._catalog.loader import load_merged
    Catalog(load_merged([], texts=[("fuzz.yaml", text)]))


@examples(150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated(BASE_CLAIMS))
def test_fuzzed_claim_files_load_and_check_or_give_a_tokencost_error(text):
    loads_or_refuses(lambda: tc.check_claims(tc.load_claims("fuzz.yaml", text=text)))


def test_thousands_of_distinct_unknown_models_are_rejected_rows_not_an_error():
    # each unknown name once had its own reason text, and 32,000 reasons per chunk was an error
    n = 1_100
    df = pd.DataFrame({"timestamp": pd.Timestamp("2025-03-01T10:00Z"), "model": [f"nope-{i}" for i in range(n)]
                       + ["gpt-4o"], "input_tokens": 1_000_000, "output_tokens": 0})
    with time_limit(60):
        res = tc.cost_usage(df, errors="report")
    assert res.excluded_rows == n and res.total == Decimal("2.50")  # 1M input tokens of gpt-4o at $2.50/M
    reasons = res.rejected["reason"].astype(str)
    assert reasons.str.startswith("unknown model").all()
    assert (reasons == "unknown model (the model column names it)").sum() == n - 1_000
