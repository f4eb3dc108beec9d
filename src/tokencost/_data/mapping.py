"""How the datasets' names and numbers map onto tokencost's: providers, model ids, units, tiers, batch.

Shared by the three importers (genai_prices.py, litellm.py, llm_prices.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

__all__ = ["FAMILIES", "FIRST_PARTY", "PROVIDERS", "UNITS", "our_id", "our_provider", "stepped_tiers", "to_date",
           "to_time", "uniform_discount", "vendor_of"]

UNITS = ("input", "cached_input", "cache_write", "output", "cache_write_1h", "reasoning", "audio_input",
         "audio_output", "cached_audio_input", "image_input", "image_output", "video_input", "request",
         "web_search", "code_execution")

# Dataset provider ids -> ours. Providers not listed keep their own id.
PROVIDERS: dict[str, dict[str, str]] = {
    "genai-prices": {"x-ai": "xai", "moonshotai": "moonshot", "zai": "zhipu", "zhipuai": "zhipu-cn",
                     "aws": "aws-bedrock", "cohere": "cohere"},
    "litellm": {"gemini": "google", "vertex_ai-language-models": "google-vertex", "dashscope": "alibaba",
                "zai": "zhipu", "bedrock": "aws-bedrock", "bedrock_converse": "aws-bedrock",
                "cohere_chat": "cohere", "together_ai": "together", "fireworks_ai": "fireworks",
                "meta_llama": "meta", "text-completion-openai": "openai", "moonshot": "moonshot"},
    "llm-prices": {"meta-ai": "meta", "moonshot-ai": "moonshot", "qwen": "alibaba"},
}
# Providers whose models are their own: their ids are written bare. A host's ids are written
# '<provider>/<id>' (groq/llama-3.3-70b-versatile), so two hosts of one model never collide.
FIRST_PARTY = frozenset({"openai", "anthropic", "google", "deepseek", "xai", "mistral", "alibaba", "moonshot",
                         "zhipu", "minimax", "cohere", "meta", "amazon"})
# Model families by vendor: a first-party provider that also resells another vendor's model (Google's
# Vertex sells Claude, Alibaba's DashScope sells DeepSeek) writes that row as a host would.
FAMILIES = {
    "anthropic": ("claude",), "openai": ("gpt", "o1", "o3", "o4", "chatgpt", "text-embedding", "davinci", "babbage"),
    "google": ("gemini", "gemma", "imagen", "veo"), "deepseek": ("deepseek",), "xai": ("grok",),
    "mistral": ("mistral", "ministral", "magistral", "codestral", "pixtral", "devstral", "voxtral", "mixtral",
                "open-mistral", "open-mixtral"),
    "alibaba": ("qwen", "qwq", "qvq"), "moonshot": ("kimi", "moonshot"), "zhipu": ("glm",),
    "minimax": ("minimax",), "cohere": ("command", "c4ai", "embed", "rerank"), "meta": ("llama", "muse"),
    "amazon": ("nova", "amazon"),
}


def our_provider(dataset: str, provider: str) -> str:
    p = PROVIDERS[dataset].get(provider, provider)
    return re.sub(r"[^a-z0-9-]+", "-", p.lower()).strip("-")


def vendor_of(model_id: str) -> str | None:
    low = model_id.lower()
    for vendor, prefixes in FAMILIES.items():
        if low.startswith(prefixes):
            return vendor
    return None


def our_id(provider: str, model_id: str) -> str:
    vendor = vendor_of(model_id)
    if provider in FIRST_PARTY and vendor in (None, provider):
        return model_id
    return f"{provider}/{model_id}"


def uniform_discount(standard: Mapping[str, Decimal], batch: Mapping[str, Decimal]) -> Decimal | None:
    """The one discount d with batch = standard x (1 - d) for every listed component, else None."""
    ds = {1 - batch[k] / standard[k] for k in batch if standard.get(k)}
    if len(ds) != 1 or any(k not in standard for k in batch):
        return None
    d = ds.pop()
    return d if 0 <= d <= 1 else None


def stepped_tiers(rates: Mapping[str, Decimal], tiered: dict[int, dict[str, Decimal]]) -> list[tuple[int, dict]]:
    """Our tiers replace every rate above a threshold: untiered components keep their base rate there,
    and a component tiered at a lower threshold keeps that tier's rate."""
    out: list[tuple[int, dict]] = []
    current = dict(rates)
    for n in sorted(tiered):
        current = {**current, **tiered[n]}
        out.append((n, {k: current[k] for k in UNITS if k in current}))
    return out


def to_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def to_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None) if value.utcoffset() in (None, dt.timedelta(0)) else value
    return dt.time.fromisoformat(str(value).rstrip("Z"))
