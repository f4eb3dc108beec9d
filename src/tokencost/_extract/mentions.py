"""Which models an article names, where, and which one it is about.

Every id, alias and display name in the catalog becomes a prose pattern: case-insensitive, with
a space, hyphen or nothing wherever a letter meets a digit ("GPT 4o", "gpt4o", "GPT-4o") and a
dot or hyphen inside version numbers ("Claude 3.5 Sonnet", "claude-3-5-sonnet"). Longer names win
("GPT-4o mini" over "GPT-4o", "GPT-4 Turbo" over "GPT-4"). Beyond the catalog's spellings:

* a short version tag of a provider's model ("R1", "V3", "R2") counts once the provider is named
  in the article;
* a model-line word alone ("Haiku", "Opus", "Flash", "Turbo") means the model most recently
  named that contains it;
* "the model", "the new model", "its R2 model", "DeepSeek's new model", "a Chinese lab" and the
  like mean the article's subject: the model named most often (a headline counts three times);
* a provider name ("OpenAI") is recorded as such; a claim against it is checked against that
  provider's models;
* a product name the catalog does not know ("GPT-3.5 Turbo", "Llama 3.1") is recorded as unknown,
  so a comparison with it becomes an ``unverifiable`` claim saying so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .._catalog.catalog import Catalog

__all__ = ["Mention", "ModelFinder"]


@dataclass(frozen=True)
class Mention:
    """A model (or provider) named in the text: ``model`` is a catalog id, None when unknown."""

    start: int
    end: int
    text: str
    model: str | None
    how: str                 # name | short | line-word | subject | provider | unknown
    provider: str | None = None
    family: bool = False     # "GPT-4-level", "GPT-4 class": that model or one like it


_PROVIDER_NAMES = {"openai": ("OpenAI",), "anthropic": ("Anthropic",), "google": ("Google", "Google DeepMind"),
                   "deepseek": ("DeepSeek",)}
_UNKNOWN = re.compile(
    r"\b(?:GPT|Claude|Gemini|Gemma|Llama|LLaMA|Mistral|Mixtral|Qwen|Grok|Command|Phi|Kimi|DeepSeek)"
    r"[\s-]?(?:\d+(?:\.\d+)*[a-z]*|[A-Z][a-z]+\s\d+(?:\.\d+)*)(?:[\s-](?:Turbo|Ultra|Pro|Flash|Mini|mini|Large|Sonnet|Opus|"
    r"Haiku|Instruct|Max|Plus|R\d|V\d))*")
_SUBJECT_PHRASE = re.compile(
    r"\b(?:(?:[Tt]he|[Tt]his|[Ii]ts|[Tt]heir)\s+(?:new\s+|latest\s+|own\s+)?(?:[A-Z]\w*\s+)?model|"
    r"(?:[Tt]he\s+)?(?:new|latest)\s+model|[A-Z]\w+'s\s+(?:new|latest)\s+model|"
    r"(?:[Aa]|[Tt]he)\s+(?:Chinese|new|young)\s+(?:AI\s+)?(?:lab|startup))\b")
_WORD_START = re.compile(r"(?<![\w.])\w")
_RUN = re.compile(r"[^\W\d_]+|\d+")  # a run of letters, or of digits
_FAMILY_AFTER = re.compile(r"^(?:-level|[\s-]class|[\s-]grade|[\s-]tier)\b", re.IGNORECASE)


def _pattern(name: str) -> str:
    """A prose pattern for one spelling of a model name."""
    tokens = [t for t in re.split(r"[\s_-]+", name.strip().lower()) if t]
    parts: list[str] = []
    for i, tok in enumerate(tokens):
        tok_re = re.escape(tok).replace(r"\.", "[.-]")
        if i:
            prev = tokens[i - 1]
            # letter meets digit: the separator may vanish ("gpt4o"); otherwise one must be there
            sep = r"[\s-]?" if (prev[-1].isalpha() != tok[0].isalpha()) else r"[\s-]"
            parts.append(sep)
        parts.append(tok_re)
    return "".join(parts)


class ModelFinder:
    """Model mentions in article text, resolved against a catalog.

        >>> f = ModelFinder(tc.load_catalog())                                   # doctest: +SKIP
        >>> [(m.text, m.model) for m in f.find("Claude 3.5 Sonnet beats GPT 4o")]  # doctest: +SKIP
        [('Claude 3.5 Sonnet', 'claude-3.5-sonnet'), ('GPT 4o', 'gpt-4o')]
    """

    def __init__(self, catalog: Catalog) -> None:
        spellings: dict[str, str] = {}
        short: dict[str, set[str]] = {}
        self.provider_of: dict[str, str] = {}
        for mid, model in catalog.models.items():
            self.provider_of[mid] = model.provider
            for name in (mid, *model.aliases, *((model.display_name,) if model.display_name else ())):
                spellings.setdefault(name.lower(), mid)
                head, _, tail = name.lower().partition("-")
                if head == model.provider and re.fullmatch(r"[a-z]\d", tail):
                    short.setdefault(tail, set()).add(mid)
        # Names are grouped by the run of letters (or digits) they start with: at any place in the text
        # only the names whose run equals the text's run there can match (a spelling may drop a separator
        # only between a letter and a digit, so the run is never cut short), and a group's pattern is
        # compiled the first time its run occurs. One alternation of all 1,300+ spellings, tried at every
        # word, took about 1 ms a word.
        self._groups: dict[str, list[tuple[str, str]]] = {}
        for name, mid in sorted(spellings.items(), key=lambda kv: -len(kv[0])):  # longest first within a group
            run = _RUN.match(re.split(r"[\s_-]+", name.strip())[0])
            self._groups.setdefault(run.group() if run else "", []).append((name, mid))
        self._compiled: dict[str, tuple[re.Pattern[str], list[str]]] = {}
        # a tag counts only when it names one model ("R1" = deepseek-r1 = deepseek-reasoner)
        self._short = {tag: mids.pop() for tag, mids in short.items() if len(mids) == 1}
        self._short_re = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, self._short)) + r")(?![\w]|[.-]\d)",
                                    re.IGNORECASE) if self._short else None
        words = {w for mid in catalog.models for w in re.split(r"[-.]", mid) if w.isalpha() and len(w) >= 4}
        words -= {p for p in _PROVIDER_NAMES} | {"chat", "reasoner", "preview"}
        self._line_words = re.compile(r"\b(" + "|".join(sorted(w.capitalize() for w in words)) + r")\b")
        provs = {name: pid for pid, names in _PROVIDER_NAMES.items() if pid in catalog.providers for name in names}
        self._provider_re = re.compile(r"\b(" + "|".join(sorted(map(re.escape, provs), key=len, reverse=True))
                                       + r")(?:'s|’s)?\b")
        self._provider_id = provs

    def _group(self, run: str) -> tuple[re.Pattern[str], list[str]] | None:
        hit = self._compiled.get(run)
        if hit is None:
            items = self._groups.get(run)
            if not items:
                return None
            alt = "|".join(f"(?P<n{i}>{_pattern(name)})" for i, (name, _) in enumerate(items))
            hit = (re.compile(rf"(?<![\w.])(?:{alt})(?![\w]|[.-]\d)", re.IGNORECASE), [mid for _, mid in items])
            self._compiled[run] = hit
        return hit

    def _scan(self, text: str) -> Iterator[tuple[re.Match[str], str]]:
        """(match, model id) for each name in ``text``, tried only where a word starts with a run of
        letters or digits some name starts with (and the names that start otherwise, everywhere)."""
        end = 0
        odd = self._group("")
        for w in _WORD_START.finditer(text):
            i = w.start()
            if i < end:
                continue
            run = _RUN.match(text, i)
            for g in (self._group(run.group().lower()) if run else None, odd):
                m = g[0].match(text, i) if g else None
                if m:
                    end = m.end()
                    yield m, g[1][int(m.lastgroup[1:])]  # type: ignore[index, union-attr]
                    break

    def find(self, text: str) -> list[Mention]:
        """Every model, provider and subject phrase in ``text``, in order, without overlaps."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return all(b <= s or a >= e for s, e in taken)

        def add(m: Mention) -> None:
            found.append(m)
            taken.append((m.start, m.end))

        for m, name in self._scan(text):
            fam = bool(_FAMILY_AFTER.match(text[m.end():m.end() + 8]))
            add(Mention(m.start(), m.end(), m.group(), name, "name", self.provider_of[name], fam))
        for m in self._provider_re.finditer(text):
            # "DeepSeek R2" is the model; "DeepSeek" alone is the provider
            if free(m.start(), m.end()):
                pid = self._provider_id[m.group(1)]
                add(Mention(m.start(), m.start() + len(m.group(1)), m.group(1), None, "provider", pid))
        providers = {x.provider for x in found}
        if self._short_re:
            for m in self._short_re.finditer(text):
                mid = self._short[m.group(1).lower()]
                if free(m.start(), m.end()) and self.provider_of[mid] in providers:
                    add(Mention(m.start(), m.end(), m.group(), mid, "short", self.provider_of[mid]))
        for m in _UNKNOWN.finditer(text):
            if free(m.start(), m.end()) and any(ch.isdigit() for ch in m.group()):
                add(Mention(m.start(), m.end(), m.group(), None, "unknown"))
        found.sort(key=lambda x: x.start)
        # model-line words ("Haiku") mean the last model named that contains them
        for m in self._line_words.finditer(text):
            if not free(m.start(), m.end()):
                continue
            word = m.group(1).lower()
            before = [x for x in found if x.end <= m.start() and x.model and word in x.model.split("-")]
            if before:
                add(Mention(m.start(), m.end(), m.group(), before[-1].model, "line-word", before[-1].provider))
        subject = self.subject(found, text)
        if subject:
            for m in _SUBJECT_PHRASE.finditer(text):
                # "DeepSeek's new model" is the subject, not the provider it starts with
                inside = [x for x in found if x.how == "provider" and m.start() <= x.start and x.end <= m.end()]
                for x in inside:
                    found.remove(x)
                    taken.remove((x.start, x.end))
                if free(m.start(), m.end()):
                    add(Mention(m.start(), m.end(), m.group(), subject, "subject", self.provider_of[subject]))
        found.sort(key=lambda x: x.start)
        return found

    def subject(self, mentions: list[Mention], text: str) -> str | None:
        """The model the article is about: named most often, a headline (first 200 characters) x3."""
        ranked = self.ranked(mentions)
        return ranked[0] if ranked else None

    def ranked(self, mentions: list[Mention]) -> list[str]:
        """The models named, most often first (a headline, the first 200 characters, counts x3)."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in mentions:
            if m.model and m.how in ("name", "short"):
                counts[m.model] += 3 if m.start < 200 else 1
                first.setdefault(m.model, m.start)
        return sorted(counts, key=lambda k: (-counts[k], first[k]))
