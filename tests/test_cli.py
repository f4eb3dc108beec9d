"""The ``tokencost`` command line: exit codes, output a script can parse, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from tokencost.cli import main

D = Decimal
ARTICLE = ["--tokens", "100M/day", "--input-share", "0.8"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


# --------------------------------------------------------------------------- prices

def test_prices_history_lists_every_version_of_gpt_4o(capsys):
    rc, out, err = run(capsys, "prices", "gpt-4o", "--history")
    assert (rc, err) == (0, "")
    assert "official-2024-05-13" in out and "official-2024-10-02" in out


def test_prices_history_as_json_has_one_record_per_version(capsys):
    rc, out, _ = run(capsys, "prices", "GPT 4o", "--history", "--format", "json")
    rows = json.loads(out)
    assert rc == 0
    assert [r["version"] for r in rows] == ["official-2024-05-13", "official-2024-10-02"]
    assert [(D(r["input"]), D(r["output"])) for r in rows] == [(D("5"), D("15")), (D("2.50"), D("10"))]


def test_prices_of_one_model_at_a_date(capsys):
    rc, out, _ = run(capsys, "prices", "gpt-4o", "--at", "2024-09-01", "--format", "json")
    rows = json.loads(out)
    assert rc == 0
    assert [(r["version"], D(r["input"]), D(r["output"])) for r in rows] == [("official-2024-05-13", D("5"), D("15"))]


def test_prices_json_parses_and_lists_each_priced_model_once(capsys):
    rc, out, err = run(capsys, "prices", "--format", "json", "--at", "2024-11-01")
    assert (rc, err) == (0, "")
    rows = json.loads(out)
    models = [r["model"] for r in rows]
    assert len(models) == len(set(models))
    by_model = {r["model"]: r for r in rows}
    assert by_model["gpt-4o"]["version"] == "official-2024-10-02"
    assert D(by_model["gpt-4o"]["input"]) == D("2.50") and D(by_model["gpt-4o"]["cached_input"]) == D("1.25")
    assert "deepseek-r2" not in by_model  # no official price
    assert "gpt-4.1" not in by_model  # not launched until 2025-04-14


def test_prices_json_writes_an_open_end_as_null(capsys):
    _, out, _ = run(capsys, "prices", "gpt-4o", "--history", "--format", "json")
    rows = json.loads(out)
    assert rows[0]["effective_to"].startswith("2024-10-02")
    assert rows[1]["effective_to"] is None


def test_prices_csv_parses(capsys):
    rc, out, _ = run(capsys, "prices", "gpt-4o", "--history", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rc == 0 and [r["version"] for r in rows] == ["official-2024-05-13", "official-2024-10-02"]


# --------------------------------------------------------------------------- cost

def test_cost_prints_the_42000_dollar_month(capsys):
    # 2,400M x $10 + 600M x $30 = $24,000 + $18,000 = $42,000
    rc, out, err = run(capsys, "cost", "gpt-4-turbo", *ARTICLE, "--at", "2024-06-01")
    assert (rc, err) == (0, "")
    assert "42000" in out
    assert "gpt-4-turbo@official-2023-11-06" in out


def test_cost_as_json_lists_the_line_items(capsys):
    rc, out, _ = run(capsys, "cost", "gpt-4-turbo", *ARTICLE, "--at", "2024-06-01", "--format", "json")
    rows = json.loads(out)["lines"]
    assert rc == 0
    assert {r["component"]: D(r["cost"]) for r in rows} == {"input": D("24000"), "output": D("18000")}
    assert sum(D(r["cost"]) for r in rows) == D("42000")


def test_cost_as_json_gives_total_currency_assumptions_and_versions(capsys):
    # 100M/day x 30 days = 3,000M tokens: 2,400M input x $10 + 600M output x $30 = $42,000 (gpt-4-turbo, 2024-06)
    rc, out, _ = run(capsys, "cost", "gpt-4-turbo", *ARTICLE, "--at", "2024-06-01", "--format", "json")
    doc = json.loads(out)
    assert rc == 0
    assert (doc["model"], doc["currency"], D(doc["total"]), doc["total_rounded"]) == \
        ("gpt-4-turbo", "USD", D("42000"), "42000.00")
    a = doc["assumptions"]
    assert (a["month"], D(a["month_days"]), D(a["tokens_per_month"])) == ("30d", D(30), D("3000000000"))
    assert (D(a["input_share"]), D(a["cached_share"]), D(a["batch_share"]), a["off_peak_share"]) == \
        (D("0.8"), D(0), D(0), None)
    assert doc["at"].startswith("2024-06-01")
    assert [(v["model"], v["version"], v["status"]) for v in doc["versions"]] == \
        [("gpt-4-turbo", "official-2023-11-06", "official")]


def test_cost_options_reach_the_engine(capsys):
    # gpt-4o 2024-11, half cache hits, all batch:
    # 1,200M x $1.25 + 1,200M x $1.25 (cached, not batch-discounted) + 600M x $5 = $1,500 + $1,500 + $3,000
    rc, out, _ = run(capsys, "cost", "gpt-4o", *ARTICLE, "--at", "2024-11-01", "--cached-share", "0.5",
                     "--batch-share", "1", "--format", "json")
    assert rc == 0 and sum(D(r["cost"]) for r in json.loads(out)["lines"]) == D("6000")


def test_cost_in_cny_of_a_cny_version(capsys):
    # ¥2 / ¥8: 2,400M x ¥2 + 600M x ¥8 = ¥9,600
    rc, out, _ = run(capsys, "cost", "deepseek-chat@v3-offpeak-2025-02-cny", *ARTICLE, "--at", "2025-03-01",
                     "--currency", "CNY", "--format", "json")
    assert rc == 0 and sum(D(r["cost"]) for r in json.loads(out)["lines"]) == D("9600")


# --------------------------------------------------------------------------- compare

def test_compare_as_csv_is_sorted_cheapest_first(capsys):
    rc, out, err = run(capsys, "compare", "gpt-4-turbo", "gpt-4o", "deepseek-r2@article-004-launch", *ARTICLE,
                       "--at", "2024-11-01", "--format", "csv")
    assert (rc, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    # $504 < $12,000 < $42,000
    assert [r["model"] for r in rows] == ["deepseek-r2", "gpt-4o", "gpt-4-turbo"]
    assert [D(r["monthly_cost"]) for r in rows] == [D("504"), D("12000"), D("42000")]
    assert [r["version"] for r in rows] == ["article-004-launch", "official-2024-10-02", "official-2023-11-06"]


def test_compare_table_shows_the_workload_and_rounded_totals(capsys):
    rc, out, _ = run(capsys, "compare", "gpt-4o", "gpt-4-turbo", *ARTICLE, "--at", "2024-11-01")
    assert rc == 0
    assert "Workload:" in out and "12000.00" in out and "42000.00" in out


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(("argv", "mentions"), [
    (["cost", "gpt-5o", *ARTICLE, "--at", "2025-01-01"], "gpt-5o"),
    (["prices", "gpt-5o"], "gpt-5o"),
    (["cost", "gpt-4o", "--tokens", "100M/day", "--input-share", "2", "--at", "2024-11-01"], "--input-share"),
    (["cost", "gpt-4o", *ARTICLE, "--at", "2024-13-45"], "2024-13-45"),
    (["prices", "gpt-4o", "--at", "yesterday-ish"], "yesterday-ish"),
    (["cost", "gpt-4o", "--tokens", "100M", "--input-share", "0.8", "--at", "2024-11-01"], "100M"),
    (["cost", "gpt-4o", *ARTICLE, "--at", "2024-01-01"], "gpt-4o"),
    (["cost", "gpt-4o", *ARTICLE, "--at", "2024-09-01", "--cached-share", "0.5"], "cached_input"),
    (["compare", "gpt-4o", "nope-model", *ARTICLE, "--at", "2024-11-01"], "nope-model"),
])
def test_bad_input_exits_2_with_one_line_on_stderr(capsys, argv, mentions):
    rc, out, err = run(capsys, *argv)
    assert rc == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("tokencost: error: ")
    assert mentions in err


def test_unknown_model_error_suggests_names(capsys):
    _, _, err = run(capsys, "cost", "gpt-5o", *ARTICLE, "--at", "2025-01-01")
    assert "did you mean" in err and "'gpt-4o'" in err


def test_usage_errors_exit_2_from_argparse(capsys):
    with pytest.raises(SystemExit) as ei:
        main(["cost", "gpt-4o"])  # --tokens and --input-share are required
    assert ei.value.code == 2
    assert "required" in capsys.readouterr().err


# --------------------------------------------------------------------------- per-request workloads, exact shares

def test_cost_takes_requests_prompt_and_output_per_request(capsys):
    # 2,500 requests/day x 30 days: 300M input tokens x $2.50 + 37.5M output x $10 = $750 + $375 (gpt-4o, 2025-03)
    rc, out, err = run(capsys, "cost", "gpt-4o", "--requests", "2500/day", "--prompt", "4k", "--output", "500",
                       "--at", "2025-03-01", "--format", "json")
    doc = json.loads(out)
    assert (rc, err) == (0, "")
    assert D(doc["total"]) == D(1125)
    assert doc["assumptions"]["prompt_tokens"] == 4000


def test_cost_reads_a_per_request_mix_given_as_tokens(capsys):
    rc, out, _ = run(capsys, "cost", "gpt-4o", "--tokens", "2500 requests/day x 4k prompt + 500 output tokens",
                     "--at", "2025-03-01", "--format", "json")
    assert rc == 0 and D(json.loads(out)["total"]) == D(1125)


def test_cost_takes_an_input_share_as_an_exact_fraction(capsys):
    # 90M/day x 30 = 2,700M; 8/9 input = 2,400M x $2.50 + 300M x $10 = $9,000
    rc, out, _ = run(capsys, "cost", "gpt-4o", "--tokens", "90M/day", "--input-share", "8/9",
                     "--at", "2025-03-01", "--format", "json")
    doc = json.loads(out)
    assert rc == 0 and D(doc["total"]) == D(9000) and doc["assumptions"]["input_share"] == "8/9"


@pytest.mark.parametrize(("argv", "mentions"), [
    (["--requests", "2500/day", "--prompt", "4k"], "missing --output"),
    (["--tokens", "100M/day", "--requests", "2500/day", "--prompt", "4k", "--output", "500"], "not both"),
    (["--requests", "2500/day", "--prompt", "4k", "--output", "500", "--input-share", "0.8"], "--input-share"),
    ([], "--tokens"),
])
def test_cost_workload_flags_that_do_not_fit_are_usage_errors(capsys, argv, mentions):
    with pytest.raises(SystemExit) as ei:
        main(["cost", "gpt-4o", *argv])
    assert ei.value.code == 2 and mentions in capsys.readouterr().err


def test_a_missing_input_share_is_named_as_its_flag(capsys):
    rc, _, err = run(capsys, "cost", "gpt-4o", "--tokens", "100M/day", "--at", "2025-03-01")
    assert rc == 2 and "--input-share" in err and "input_share" not in err


def test_a_bad_volume_is_one_clear_line_without_pint_internals(capsys):
    rc, _, err = run(capsys, "cost", "gpt-4o", "--tokens", "2500 requests/day x 4k bananas + 500 output",
                     "--input-share", "0.8", "--at", "2025-03-01")
    assert rc == 2 and err.count("\n") == 1 and "ParserHelper" not in err and "100M/day" in err


def test_json_cost_after_the_data_date_says_stale_in_the_document_not_as_a_warning(capsys):
    rc, out, err = run(capsys, "cost", "gpt-4o", *ARTICLE, "--at", "2099-01-01", "--format", "json")
    assert rc == 0 and json.loads(out)["possibly_stale"] and err == ""


def test_table_cost_says_stale_in_the_table_only(capsys):
    rc, out, err = run(capsys, "cost", "gpt-4o", *ARTICLE, "--at", "2099-01-01")
    assert rc == 0 and "possibly stale" in out and err == ""


def test_errors_name_every_multi_word_parameter_by_its_flag_but_leave_quoted_columns_alone():
    from tokencost.cli.app import build_parser, error_line, flag_names
    from tokencost.errors import UsageLogError, WorkloadError

    flags = flag_names(build_parser())
    assert error_line(WorkloadError("must be between 0 and 1 (got 2)", field="reasoning_share"), flags) == \
        "tokencost: error: --reasoning-share: must be between 0 and 1 (got 2)"
    assert error_line(UsageLogError("missing ['prompt_tokens']; set batch_share or use reprice_as"), flags) == \
        "tokencost: error: missing ['prompt_tokens']; set --batch-share or use --reprice-as"
