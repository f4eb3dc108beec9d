"""What an SDK's usage object counts, in the pricing rule's units.

Each provider counts differently (recorded as data: ``providers.<id>.counting`` in the price
files): OpenAI's ``prompt_tokens`` include the cached and audio tokens and its
``completion_tokens`` the reasoning tokens; Anthropic's ``input_tokens`` exclude cache reads and
writes; Gemini's ``candidatesTokenCount`` excludes the ``thoughtsTokenCount`` billed as output.
:func:`read_usage_object` reads the fields of each SDK shape (objects or dicts, snake_case or
camelCase), and :func:`to_request` applies the provider's counting rule to give the inclusive
counts ``request_cost`` takes. A user never has to know the conventions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._catalog.schema import Counting
from ..errors import UnmodelledUnitError, UsageLogError

__all__ = ["RawUsage", "read_usage_object", "to_request", "detect_shape"]


def _get(obj: Any, *names: str) -> Any:
    """A field of an SDK object or dict by any of its spellings (None when absent)."""
    if obj is None:
        return None
    for n in names:
        if isinstance(obj, Mapping):
            if n in obj and obj[n] is not None:
                return obj[n]
        else:
            v = getattr(obj, n, None)
            if v is not None:
                return v
    return None


def _int(obj: Any, what: str, *names: str) -> int:
    v = _get(obj, *names)
    if v is None:
        return 0
    if isinstance(v, bool) or not isinstance(v, int):
        if isinstance(v, float) and v.is_integer() and v >= 0:
            return int(v)
        raise UsageLogError(f"usage field {what} must be a non-negative whole number of tokens (got {v!r})",
                            column=what)
    if v < 0:
        raise UsageLogError(f"usage field {what} is negative ({v})", column=what)
    return v


@dataclass
class RawUsage:
    """The counts a usage object states, as it states them (before the provider's counting rule)."""

    shape: str  # "openai-chat" | "openai-responses" | "anthropic" | "gemini" | "deepseek"
    prompt: int = 0
    completion: int = 0
    cached: int = 0
    cache_write_5m: int = 0
    cache_write_1h: int = 0
    reasoning: int = 0
    audio_in: int = 0
    audio_out: int = 0
    image_in: int = 0
    video_in: int = 0
    web_searches: int = 0
    service_tier: str | None = None
    notes: list[str] = field(default_factory=list)


def detect_shape(usage: Any) -> str:
    if _get(usage, "prompt_token_count", "promptTokenCount", "candidates_token_count",
            "candidatesTokenCount") is not None:
        return "gemini"
    if _get(usage, "prompt_cache_hit_tokens", "prompt_cache_miss_tokens") is not None:
        return "deepseek"
    if _get(usage, "prompt_tokens") is not None or _get(usage, "completion_tokens") is not None:
        return "openai-chat"
    if _get(usage, "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation",
            "server_tool_use") is not None:
        return "anthropic"
    if _get(usage, "input_tokens_details", "output_tokens_details") is not None:
        return "openai-responses"
    if _get(usage, "input_tokens") is not None:
        return "anthropic-or-responses"
    raise UsageLogError(f"not a usage object of a known SDK (fields: {_fields(usage)})")


def _fields(usage: Any) -> str:
    if isinstance(usage, Mapping):
        return ", ".join(map(str, usage))[:200]
    return ", ".join(k for k in dir(usage) if not k.startswith("_"))[:200]


_GEMINI_MODALITY = {"TEXT": None, "DOCUMENT": None, "AUDIO": "audio_in", "IMAGE": "image_in", "VIDEO": "video_in"}


def read_usage_object(usage: Any, provider: str | None = None) -> RawUsage:
    """The counts of an OpenAI (Chat Completions or Responses), Anthropic, Gemini or DeepSeek usage
    object or dict, as stated."""
    shape = detect_shape(usage)
    if shape == "anthropic-or-responses":
        shape = "openai-responses" if provider == "openai" else "anthropic"
    r = RawUsage(shape)
    if shape in ("openai-chat", "deepseek"):
        r.prompt = _int(usage, "prompt_tokens", "prompt_tokens")
        r.completion = _int(usage, "completion_tokens", "completion_tokens")
        pd_ = _get(usage, "prompt_tokens_details")
        cd = _get(usage, "completion_tokens_details")
        r.cached = _int(pd_, "prompt_tokens_details.cached_tokens", "cached_tokens")
        r.audio_in = _int(pd_, "prompt_tokens_details.audio_tokens", "audio_tokens")
        r.reasoning = _int(cd, "completion_tokens_details.reasoning_tokens", "reasoning_tokens")
        r.audio_out = _int(cd, "completion_tokens_details.audio_tokens", "audio_tokens")
        if shape == "deepseek":
            r.cached = _int(usage, "prompt_cache_hit_tokens", "prompt_cache_hit_tokens")
    elif shape == "openai-responses":
        r.prompt = _int(usage, "input_tokens", "input_tokens")
        r.completion = _int(usage, "output_tokens", "output_tokens")
        r.cached = _int(_get(usage, "input_tokens_details"), "input_tokens_details.cached_tokens", "cached_tokens")
        r.reasoning = _int(_get(usage, "output_tokens_details"), "output_tokens_details.reasoning_tokens",
                           "reasoning_tokens")
    elif shape == "anthropic":
        r.prompt = _int(usage, "input_tokens", "input_tokens")
        r.completion = _int(usage, "output_tokens", "output_tokens")
        r.cached = _int(usage, "cache_read_input_tokens", "cache_read_input_tokens")
        total_write = _int(usage, "cache_creation_input_tokens", "cache_creation_input_tokens")
        cc = _get(usage, "cache_creation")
        if cc is not None:
            r.cache_write_5m = _int(cc, "cache_creation.ephemeral_5m_input_tokens", "ephemeral_5m_input_tokens")
            r.cache_write_1h = _int(cc, "cache_creation.ephemeral_1h_input_tokens", "ephemeral_1h_input_tokens")
            if total_write and r.cache_write_5m + r.cache_write_1h != total_write:
                raise UsageLogError(f"cache_creation_input_tokens ({total_write}) is not the sum of its 5-minute "
                                    f"and 1-hour parts ({r.cache_write_5m} + {r.cache_write_1h})",
                                    column="cache_creation")
        else:
            r.cache_write_5m = total_write  # no TTL split reported: the default TTL is 5 minutes
        r.web_searches = _int(_get(usage, "server_tool_use"), "server_tool_use.web_search_requests",
                              "web_search_requests")
        tier = _get(usage, "service_tier")
        r.service_tier = str(tier) if tier is not None else None
    elif shape == "gemini":
        r.prompt = _int(usage, "prompt_token_count", "prompt_token_count", "promptTokenCount")
        r.completion = _int(usage, "candidates_token_count", "candidates_token_count", "candidatesTokenCount")
        r.cached = _int(usage, "cached_content_token_count", "cached_content_token_count",
                        "cachedContentTokenCount")
        r.reasoning = _int(usage, "thoughts_token_count", "thoughts_token_count", "thoughtsTokenCount")
        tool = _int(usage, "tool_use_prompt_token_count", "tool_use_prompt_token_count",
                    "toolUsePromptTokenCount")
        if tool:
            r.prompt += tool  # tool-use prompt tokens are billed as input
            r.notes.append(f"{tool} tool-use prompt tokens billed as input")
        for d in _get(usage, "prompt_tokens_details", "promptTokensDetails") or ():
            modality = str(_get(d, "modality") or "").upper().split(".")[-1]
            if modality not in _GEMINI_MODALITY:
                raise UnmodelledUnitError(f"gemini {modality or '?'} input tokens",
                                          "a modality tokencost has no price unit for")
            attr = _GEMINI_MODALITY[modality]
            if attr:
                setattr(r, attr, getattr(r, attr) + _int(d, "token_count", "token_count", "tokenCount"))
        for d in _get(usage, "candidates_tokens_details", "candidatesTokensDetails") or ():
            modality = str(_get(d, "modality") or "").upper().split(".")[-1]
            if modality == "AUDIO":
                r.audio_out += _int(d, "token_count", "token_count", "tokenCount")
            elif modality not in ("TEXT", ""):
                raise UnmodelledUnitError(f"gemini {modality} output tokens", "a modality tokencost has no price "
                                                                              "unit for")
    return r


def to_request(raw: RawUsage, counting: Counting) -> dict[str, int]:
    """``request_cost`` keyword counts (OpenAI's inclusive convention) from stated counts under a
    provider's counting rule."""
    inp = raw.prompt
    if not counting.cached_in_input:
        inp += raw.cached
    if not counting.cache_writes_in_input:
        inp += raw.cache_write_5m + raw.cache_write_1h
    if not counting.audio_in_input:
        inp += raw.audio_in
    out = raw.completion
    if not counting.reasoning_in_output:
        out += raw.reasoning
    if not counting.audio_in_output:
        out += raw.audio_out
    return {"input_tokens": inp, "output_tokens": out, "cached_tokens": raw.cached,
            "cache_write_tokens": raw.cache_write_5m, "cache_write_1h_tokens": raw.cache_write_1h,
            "reasoning_tokens": raw.reasoning, "audio_input_tokens": raw.audio_in,
            "audio_output_tokens": raw.audio_out, "image_input_tokens": raw.image_in,
            "video_input_tokens": raw.video_in, "web_searches": raw.web_searches}
