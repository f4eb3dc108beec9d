"""The per-provider price files: each one valid on its own, and each provider's flagship and cheapest model
priced by hand through the public API.

Every request below is the same: 100,000 prompt tokens of which 20,000 are cache reads, and 10,000 output
tokens, priced on 2026-12-01 at 12:00 UTC. So, per million-token rates in, cached and out:

    cost = 0.08 x in + 0.02 x cached + 0.01 x out           (80,000 fresh + 20,000 cached + 10,000 output)

and for a model without a cache-read rate the request sends no cache reads:

    cost = 0.10 x in + 0.01 x out

Each expected total is that arithmetic on the rates the model's file states (quoted in the comment).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tokencost._catalog.loader import load_merged
from tokencost.errors import NoPriceError

REPO = Path(__file__).resolve().parents[1]
FILES = sorted((REPO / "data" / "prices").glob("*.yaml"))
AT = "2026-12-01T12:00:00Z"

# provider, model, uses cache reads, expected USD, the hand computation
CASES = [
    ("openai", "gpt-6-sol", True, "0.264"),                 # 2 / 0.2 / 10: 0.16 + 0.004 + 0.1
    ("openai", "gpt-5-nano", True, "0.0081"),               # 0.05 / 0.005 / 0.4: 0.004 + 0.0001 + 0.004
    ("anthropic", "claude-opus-5-5", True, "0.524"),        # 4 / 0.2 / 20: 0.32 + 0.004 + 0.2
    ("anthropic", "claude-haiku-5-5", True, "0.0132"),      # 0.1 / 0.01 / 0.5 (its tier starts above 100,000)
    ("google", "gemini-3.1-pro-preview", True, "0.284"),    # 2 / 0.2 / 12: 0.16 + 0.004 + 0.12
    ("google", "gemini-3.5-flash-lite", True, "0.0496"),    # 0.3 / 0.03 / 2.5: 0.024 + 0.0006 + 0.025
    ("deepseek", "deepseek-v4-pro", True, "0.07304"),       # off-peak at 12:00 UTC 0.66 / 0.022 / 1.98
    ("deepseek", "deepseek-v4-flash", True, "0.01806"),     # off-peak 0.15 / 0.003 / 0.6: 0.012 + 0.00006 + 0.006
    ("xai", "grok-4.7", True, "0.23"),                      # 2 / 0.5 / 6: 0.16 + 0.01 + 0.06
    ("xai", "grok-4-1-fast-non-reasoning", True, "0.022"),  # 0.2 / 0.05 / 0.5: 0.016 + 0.001 + 0.005
    ("mistral", "mistral-large-latest", False, "0.26"),     # 2 / - / 6: 0.2 + 0.06
    ("mistral", "ministral-3b", False, "0.0044"),           # 0.04 / - / 0.04: 0.004 + 0.0004
    ("alibaba", "qwen3.7-max", True, "0.285"),              # 2.5 / 0.5 / 7.5: 0.2 + 0.01 + 0.075
    ("alibaba", "qwen-turbo", False, "0.007"),              # 0.05 / - / 0.2: 0.005 + 0.002
    ("moonshot", "kimi-k3.1-pro", True, "0.264"),           # 2 / 0.2 / 10: 0.16 + 0.004 + 0.1
    ("moonshot", "moonshot-v1-8k", False, "0.04"),          # 0.2 / - / 2: 0.02 + 0.02
    ("zhipu", "GLM-5.3", True, "0.1612"),                   # 1.4 / 0.26 / 4.4: 0.112 + 0.0052 + 0.044
    ("zhipu", "GLM-4.7-FlashX", True, "0.0098"),            # 0.07 / 0.01 / 0.4: 0.0056 + 0.0002 + 0.004
    ("minimax", "minimax-m3", True, "0.0372"),              # 0.3 / 0.06 / 1.2 (tier above 512,000)
    ("minimax", "MiniMax-M3.1-Flash", True, "0.0183"),      # 0.15 / 0.015 / 0.6: 0.012 + 0.0003 + 0.006
    ("cohere", "command-a", False, "0.35"),                 # 2.5 / - / 10: 0.25 + 0.1
    ("cohere", "command-r7b", False, "0.00525"),            # 0.0375 / - / 0.15: 0.00375 + 0.0015
    ("meta", "muse-wonder-1.0", True, "0.524"),             # 4 / 0.2 / 20: 0.32 + 0.004 + 0.2
    ("meta", "muse-spark-1.2-contributor", True, "0.01004"),  # 0.1 / 0.002 / 0.2: 0.008 + 0.00004 + 0.002
    ("aws-bedrock", "aws-bedrock/amazon.nova-premier-v1:0", True, "0.3375"),  # 2.5 / 0.625 / 12.5
    ("aws-bedrock", "aws-bedrock/amazon.nova-micro-v1:0", True, "0.004375"),  # 0.035 / 0.00875 / 0.14
    ("aws-bedrock", "aws-bedrock/meta.llama4-maverick-17b-instruct-v1:0", False, "0.0337"),  # 0.24 / - / 0.97
    ("groq", "groq/meta-llama/llama-4-maverick-17b-128e-instruct", False, "0.026"),  # 0.2 / - / 0.6
    ("groq", "groq/llama-3.1-8b-instant", False, "0.0058"),  # 0.05 / - / 0.08: 0.005 + 0.0008
    ("together", "together/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", False, "0.0355"),  # 0.27 / - / 0.85
    ("together", "together/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", False, "0.0198"),  # 0.18 / - / 0.18
    ("fireworks", "fireworks/llama4-maverick-instruct-basic", False, "0.0308"),  # 0.22 / - / 0.88
    ("fireworks", "fireworks/llama-v3p1-8b-instruct", False, "0.022"),  # 0.2 / - / 0.2: 0.02 + 0.002
    # the hosts of issue 9: a flagship each, and Meta Llama as each prices it
    ("azure", "azure/gpt-6.1-sol", True, "0.262"),         # 2 / 0.1 / 10 (tier above 272,000): 0.16 + 0.002 + 0.1
    ("azure", "azure/Llama-3.3-70B-Instruct", False, "0.0781"),  # 0.71 / - / 0.71: 0.071 + 0.0071
    ("vertex", "vertex/claude-opus-5-5", True, "0.524"),    # 4 / 0.2 / 20: 0.32 + 0.004 + 0.2
    ("vertex", "vertex/meta/llama-3.3-70b-instruct-maas", False, "0.0792"),  # 0.72 / - / 0.72: 0.072 + 0.0072
    ("openrouter", "openrouter/anthropic/claude-opus-4.5", True, "0.66"),  # 5 / 0.5 / 25: 0.4 + 0.01 + 0.25
    ("openrouter", "openrouter/meta-llama/llama-3.3-70b-instruct", True, "0.061"),  # 0.59 / 0.295 / 0.79:
    #                                                                       0.0472 + 0.0059 + 0.0079
]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_provider_file_validates_on_its_own_and_holds_only_its_provider(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../prices.schema.json\n")
    merged = load_merged([path])
    assert merged.models, f"{path.name} is empty"
    assert {m.provider for m in merged.models.values()} == {path.stem}


def test_the_bundled_tables_cover_400_models_from_15_providers():
    cat = tc.load_catalog()
    providers = {cat.models[m].provider for m in cat}
    assert len(cat) >= 400 and len(providers) >= 15, (len(cat), sorted(providers))
    # every provider file has its hand-checked cases below
    assert {c[0] for c in CASES} == providers


@pytest.mark.filterwarnings("ignore::Warning")
@pytest.mark.parametrize(("provider", "model", "cached", "expected"), CASES, ids=[c[1] for c in CASES])
def test_flagship_and_cheapest_model_of_each_provider_by_hand(provider, model, cached, expected):
    cat = tc.load_catalog()
    assert cat.models[cat.model_id(model)].provider == provider
    got = tc.request_cost(model, input_tokens=100_000, output_tokens=10_000,
                          cached_tokens=20_000 if cached else 0, at=AT)
    assert got == Decimal(expected)


@pytest.mark.filterwarnings("ignore::Warning")
def test_deepseek_v4_pro_costs_twice_as_much_in_peak_hours():
    # 02:00 UTC is 10:00 Beijing, inside the 09:00-12:00 peak: 1.32 / 0.044 / 3.96
    # 0.08 x 1.32 + 0.02 x 0.044 + 0.01 x 3.96 = 0.1056 + 0.00088 + 0.0396 = 0.14608 (= 2 x 0.07304)
    got = tc.request_cost("deepseek-v4-pro", input_tokens=100_000, output_tokens=10_000, cached_tokens=20_000,
                          at="2026-12-01T02:00:00Z")
    assert got == Decimal("0.14608")


@pytest.mark.filterwarnings("ignore::Warning")
def test_monthly_cost_of_a_flagship_by_hand():
    # 100M tokens/day for 30 days, 80% input: 2.4B input and 0.6B output tokens on claude-opus-5-5 (4 / 20):
    # 2,400 x 4 + 600 x 20 = 9,600 + 12,000 = 21,600
    w = tc.Workload(tokens="100M/day", input_share="0.8")
    assert tc.monthly_cost(w, "claude-opus-5-5", at=AT).total == Decimal(21600)


@pytest.mark.filterwarnings("ignore::Warning")
def test_where_sources_disagree_on_usd_the_cny_list_price_prices_deepseek_v4_flash():
    # 2026-08-16 16:00 UTC to 2026-09-10 no USD price is recorded (the sources disagree); DeepSeek's CNY list
    # price holds: peak (02:00 UTC) 2 / 4 CNY, off-peak (12:00 UTC) 1 / 2 CNY per million.
    # 1,000 in + 1,000 out: 0.002 + 0.004 = 0.006 CNY in peak hours, 0.001 + 0.002 = 0.003 off-peak
    cat = tc.load_catalog()
    assert cat.price("deepseek-v4-flash", at="2026-09-01").id == "peak-2026-08-16-cny"
    peak = tc.request_cost("deepseek-v4-flash", input_tokens=1000, output_tokens=1000, at="2026-09-01T02:00:00Z",
                           currency="CNY")
    off = tc.request_cost("deepseek-v4-flash", input_tokens=1000, output_tokens=1000, at="2026-09-01T12:00:00Z",
                          currency="CNY")
    assert (peak, off) == (Decimal("0.006"), Decimal("0.003"))
    with pytest.raises(NoPriceError):  # and before the launch there is no price at all
        tc.request_cost("deepseek-v4-flash", input_tokens=1000, output_tokens=1000, at="2026-04-23")
