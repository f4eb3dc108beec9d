"""The grammar of figures in price prose: each match is a :class:`Figure` with its span and type.

Types, tried longest first so a figure is read once:

* ``rate``     -- money per million / thousand tokens: "$0.07/million input tokens", "15 cents per
                  million input tokens", "$0.30/MTok", "¥2 per 1M tokens", "$0.00025 per 1K";
                  "$15 / $75 per million tokens" is two rates (input, output);
* ``periodic`` -- money per request / day / month / year: "$42,000 per month", "$150 a month";
* ``money``    -- any other amount: "$8M", "$6 Million", "ten million dollars", "$217B", "a billion";
* ``percent``  -- "97.3%", "60 percent";
* ``multiple`` -- "40x", "33 times", "tenfold", "a factor of four";
* ``fraction`` -- "one-tenth", "1/20th", "a tenth", "half", "two-thirds";
* ``cheaper``  -- "cheaper", "less expensive" with no figure: a qualitative comparison;
* ``vague``    -- "a small fraction", "a fraction", "thousands ... hundreds", "billions";
* ``quantity`` -- a number with a scale or a counted noun: "1.2 trillion", "78B", "5.2 petabytes",
                  "600,000 views", "48 hours", "four seconds", "1 million tokens";
* ``volume``   -- "100 million tokens a day", "50M tokens/day", "1 billion input tokens a month" (context
                  for a claim, not a claim; an input or output word is kept as the figure's component);
* ``prompt``   -- "a 900,000 token prompt" (context);
* ``share``    -- "80% of them input", "three-quarters of them input" (context).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["SHARE_VALUES", "SHARE_WORDS", "Figure", "find_figures"]

NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|" \
       r"a hundred|hundred)"
SCALE = r"(?:thousand|million|billion|trillion|[Mm]illion|[Bb]illion|[Tt]rillion|[kKMBT]|bn|mn)"
CUR_PRE = r"(?:US\$|\$|€|£|¥|RMB\s?|CNY\s?|USD\s?|EUR\s?)"
MONEY = (rf"(?:{CUR_PRE}\s?{NUM}(?:\s?{SCALE}\b)?|{NUM}\s?(?:{SCALE}\s)?(?:cents|dollars|USD|yuan|RMB|euros)\b|"
         rf"(?:a|{WORD})\s(?:thousand|million|billion|trillion)\s(?:dollars|yuan)\b)")
# a share written in words ("three-quarters of them input"), with its value
SHARE_VALUES = {"half": (1, 2), "a third": (1, 3), "one third": (1, 3), "two thirds": (2, 3), "a quarter": (1, 4),
                "one quarter": (1, 4), "three quarters": (3, 4), "a fifth": (1, 5), "four fifths": (4, 5),
                "nine tenths": (9, 10)}
SHARE_WORDS = "(?:" + "|".join(k.replace(" ", r"[\s-]") for k in sorted(SHARE_VALUES, key=len, reverse=True)) + ")"
_PER_TOKENS = (r"(?:\s?(?:/|per|a|for\s+(?:every|each))\s?(?:1\s?|one\s)?(?P<unit>M\b|MTok|Mtok|mtok|MTokens|m\b|"
               r"million|mn\b|K\b|k\b|thousand|1,000|1000|1k\b)"
               r"(?:\s(?P<comp1>input|output|prompt|completion|cached(?:\sinput)?|cache[\s-]hit|cache[\s-]miss))?"
               r"(?:\s?tokens?)?)")
_PERIOD = r"(?:\s?(?:/|per|a|an|each|every)\s?(?P<period>month|mo\b|day|year|yr\b|week|request|call|query))"
_HOLD = r"(?:\s(?:and|to|vs\.?|or)\s)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("rate_pair", re.compile(rf"(?P<a>{MONEY})\s?/\s?(?P<b>{MONEY}){_PER_TOKENS}")),
    ("rate", re.compile(rf"{MONEY}{_PER_TOKENS}")),
    ("volume", re.compile(rf"(?:{NUM}|{WORD})\s?(?:{SCALE}\s?)?(?:(?P<comp1>input|output|prompt)\s)?tokens?\s?"
                          r"(?:/|a|per|each|every)\s?(?P<period>day|month|week|year)\b")),
    ("prompt", re.compile(rf"{NUM}[\s-]?(?:{SCALE}[\s-]?)?token[\s-]prompts?\b")),
    ("share", re.compile(rf"(?:{NUM}\s?(?:%|percent)|{SHARE_WORDS})\s(?:of\s(?:them|it|those|the\stokens|all\stokens|traffic)\s)?"
                         r"(?:being\s|are\s)?(?P<comp1>input|output|prompt|cached|cache hits)\b")),
    ("periodic", re.compile(rf"{MONEY}{_PERIOD}")),
    ("vague", re.compile(r"\b(?:an?\s+few\s+percentage\s+points|a\s+small\s+fraction|a\s+tiny\s+fraction|(?:a\s+)?fraction|thousands\b.{1,60}?\bhundreds|"
                         r"hundreds\b.{1,60}?\btens|millions\b.{1,60}?\bthousands)\b"
                         r"|\b(?:billions|millions|trillions)\b(?!\s+of\s+(?:tokens|parameters|users))", re.IGNORECASE)),
    ("money", re.compile(MONEY + r"|\b(?:a|one)\s(?:billion|trillion)\b(?!\s(?:tokens|parameters|users))"
                         r"|\b(?:trillion|billion|million)-dollar\b")),
    ("percent", re.compile(rf"{NUM}\s?(?:%|percent\b|per cent\b)")),
    ("multiple", re.compile(rf"(?:{NUM}|{WORD})\s?(?:x\b|X\b|×|times\b)|(?:{NUM}|{WORD})-?fold\b|tenfold\b|"
                            rf"(?:a\s)?factor\sof\s(?:{NUM}|{WORD})\b|an?\sorder\sof\smagnitude", re.IGNORECASE)),
    ("fraction", re.compile(r"\b(?:(?:one|a|an)[\s-])?(?:half|third|quarter|fourth|fifth|tenth|twentieth|fiftieth|"
                            r"hundredth)s?\b|\b(?:two|three|four)[\s-](?:thirds|quarters|fifths|tenths)\b|"
                            r"\b1\s?/\s?\d+(?:st|nd|rd|th)?\b", re.IGNORECASE)),
    ("cheaper", re.compile(r"\b(?:cheaper|less\s+expensive|more\s+affordable)\b", re.IGNORECASE)),
    ("quantity", re.compile(
        rf"(?:{NUM}|{WORD}|a)[\s-]?(?:{SCALE}\b[\s-]?)?(?:petabytes?|terabytes?|PB\b|TB\b|PetaFLOPS|petaflops|"
        r"exaflops|FLOPS|GPUs|chips|parameters?|params|users|views|downloads|customers|developers|employees|"
        r"hours(?:\sago)?|seconds|minutes|days\sago|weeks\sago|tokens)\b"
        rf"|{NUM}\s?(?:{SCALE})\b(?![\s-]?(?:chips?|GPUs?))|{NUM}\s(?:[A-Z][\w-]*\s){{1,2}}(?:GPUs|chips|servers)\b"
        rf"|{NUM}(?=\s(?:monthly|daily)\s(?:active\s)?users)")),
]
_CENTURY = re.compile(r"^(?:1[89]|20)\d\ds?$")


@dataclass(frozen=True)
class Figure:
    """A figure found in a sentence: ``type`` (see the module doc), its text and span in the sentence."""

    type: str
    text: str
    start: int
    end: int
    unit: str | None = None       # rates: M or K; periodic: the period; volumes: day/month
    component: str | None = None  # a component written inside the figure ("input tokens")


def _unit(u: str | None) -> str | None:
    if u is None:
        return None
    return "K" if u.lower() in ("k", "thousand", "1,000", "1000", "1k") else "M"


def _comp(c: str | None) -> str | None:
    if not c:
        return None
    c = c.lower()
    if c in ("input", "prompt", "cache miss", "cache-miss"):
        return "input"
    if c in ("output", "completion"):
        return "output"
    return "cached_input"


# Most sentences hold no figure at all: one cheap scan for anything a pattern could start with
# lets them skip the grammar.
_ANY = re.compile(r"[\d$€£¥%×]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                  r"thirty|forty|fifty|hundred|half|third|quarter|fourth|fifth|tenth|twentieth|fiftieth|hundredth|"
                  r"fraction|thousands|hundreds|millions|billions|trillions|million|billion|trillion|cheaper|"
                  r"expensive|affordable|tenfold|factor|magnitude|few)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def find_figures(sentence: str) -> tuple[Figure, ...]:
    """Every figure in ``sentence``, in order, longest reading first, without overlaps."""
    if not _ANY.search(sentence):
        return ()
    taken: list[tuple[int, int]] = []
    out: list[Figure] = []
    for typ, pat in _PATTERNS:
        for m in pat.finditer(sentence):
            a, b = m.span()
            if any(a < e and b > s for s, e in taken):
                continue
            text = m.group()
            if typ == "quantity" and _CENTURY.match(text.strip()):
                continue
            if typ == "quantity" and (re.fullmatch(r"a[\s-]?\w+", text)  # "a GPU", "a token"
                                      or re.fullmatch(r"\d+[A-Z][\s-]?(?:chips?|GPUs?)", text)):  # "910B chips"
                continue
            # "GSM8K", "H800", "910B chips": letters glued before a number are a product name;
            # "often times", "peak hours": a number word must start a word
            if a and (sentence[a - 1].isalnum() or (sentence[a - 1] in "-." and text[:1].isdigit()
                                                    and a > 1 and sentence[a - 2].isalpha())):
                continue
            gd = m.groupdict()
            if typ == "rate_pair":
                comp = _comp(gd.get("comp1"))
                ua, ub = m.span("a"), m.span("b")
                out.append(Figure("rate", m.group("a"), ua[0], ua[1], _unit(gd["unit"]), comp or "input"))
                out.append(Figure("rate", m.group("b"), ub[0], b, _unit(gd["unit"]), comp or "output"))
                taken.append((a, b))
                continue
            unit = _unit(gd.get("unit")) if typ == "rate" else gd.get("period")
            out.append(Figure(typ, text, a, b, unit, _comp(gd.get("comp1"))))
            taken.append((a, b))
    out.sort(key=lambda f: f.start)
    return tuple(out)
