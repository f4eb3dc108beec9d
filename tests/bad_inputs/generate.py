"""Write the bad-input corpus: prices/*.yaml and claims/*.yaml (each a base file with one change),
usage/* logs, and manifest.yaml with what each must raise and where.

Run after changing a case: ``python tests/bad_inputs/generate.py``. The files are committed so a
reader can open any case; tests/test_bad_inputs.py checks every one against the manifest.

A case is (name, old text, new text, error class, where). ``where`` is what the message must
contain: None = ``<file>:<line of the change>``; an int = ``<file>:<that line>``; a str = that text
(a field path such as ``[models.acme-fast.versions.1.rates.input]``).
"""

from __future__ import annotations

import gzip
from pathlib import Path

HERE = Path(__file__).resolve().parent
D = "DataFileError"

# -------------------------------------------------------------------------------------- price files
RATE = "          input: 0.50"  # line 39, a rate on a line of its own
V1 = "        effective_from: 2025-01-01\n        effective_to: 2025-06-01"
PRICES: list[tuple[str, str, str, str, object]] = [
    # numbers a rate cannot be
    ("rate-negative", RATE, "          input: -1", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-nan", RATE, "          input: .nan", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-inf", RATE, "          input: .inf", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-minus-inf", RATE, "          input: -.inf", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-1e400", RATE, "          input: 1e400", D, None),
    ("rate-1e-400", RATE, "          input: 1e-400", D, None),
    ("rate-2-pow-63", RATE, "          input: 9223372036854775808", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-5000-digits", RATE, "          input: " + "9" * 5000, D, None),
    ("rate-1e999999", RATE, "          input: 1.0e+999999", D, None),
    ("rate-text", RATE, "          input: cheap", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-dollar-text", RATE, '          input: "$0.50"', D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-bool", RATE, "          input: true", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-list", RATE, "          input: [0.5]", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-mapping", RATE, "          input: {usd: 0.5}", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-octal", RATE, "          input: 010", D, None),
    ("rate-hex", RATE, "          input: 0x10", D, None),
    ("rate-binary", RATE, "          input: 0b11", D, None),
    ("rate-sexagesimal", RATE, "          input: 1:30", D, None),
    ("rate-sexagesimal-float", RATE, "          input: 1:30.5", D, None),
    ("rate-tag-float-abc", RATE, "          input: !!float abc", D, None),
    ("rate-tag-int-abc", RATE, "          input: !!int abc", D, None),
    ("rate-tag-bool-abc", RATE, "          input: !!bool abc", D, None),
    ("rate-tag-binary", RATE, "          input: !!binary aGVsbG8=", D, None),
    ("rate-tag-python-apply", RATE, "          input: !!python/object/apply:os.system ['echo pwned']", D, None),
    ("rate-tag-python-name", RATE, "          input: !!python/name:os.system", D, None),
    ("rate-tag-custom", RATE, "          input: !money 0.50", D, None),
    ("rate-tag-set", RATE, "          input: !!set {a, b}", D, None),
    ("rate-tag-omap", RATE, "          input: !!omap [a: 1]", D, None),
    ("rate-too-large", RATE, "          input: 250000", D, "[models.acme-fast.versions.1.rates.input]"),
    ("rate-unknown-component", RATE, "          inptu: 0.50", D, "[models.acme-fast.versions.1.rates.inptu]"),
    ("rates-empty", "        rates:\n          input: 0.50\n          output: 2.00",
     "        rates: {}", D, "[models.acme-fast.versions.1]"),
    ("rates-not-mapping", "        rates: {input: 1.00, cached_input: 0.25, output: 4.00}", "        rates: 1.00", D,
     "[models.acme-fast.versions.0.rates]"),
    # dates
    ("dates-reversed", V1, "        effective_from: 2025-06-01\n        effective_to: 2025-01-01", D,
     "[models.acme-fast.versions.0]"),
    ("dates-empty-interval", V1, "        effective_from: 2025-01-01\n        effective_to: 2025-01-01", D,
     "[models.acme-fast.versions.0]"),
    ("dates-overlap", V1, "        effective_from: 2025-01-01\n        effective_to: 2025-07-01", D,
     "[models.acme-fast.cut-2025-06]"),
    ("dates-open-overlap", V1, "        effective_from: 2025-01-01", D, "[models.acme-fast.cut-2025-06]"),
    ("date-as-number", "        effective_from: 2025-06-01", "        effective_from: 20250601", D,
     "[models.acme-fast.versions.1.effective_from]"),
    ("date-as-float", "        effective_from: 2025-06-01", "        effective_from: 1717200000.5", D,
     "[models.acme-fast.versions.1.effective_from]"),
    ("date-naive-datetime", "        effective_from: 2025-06-01", "        effective_from: 2025-06-01T10:00:00", D,
     "[models.acme-fast.versions.1.effective_from]"),
    ("date-month-13", "        effective_from: 2025-06-01", "        effective_from: 2025-13-01", D, None),
    ("date-feb-30", "        effective_from: 2025-06-01", "        effective_from: 2025-02-30", D, None),
    ("date-text", "        effective_from: 2025-06-01", "        effective_from: soon", D,
     "[models.acme-fast.versions.1.effective_from]"),
    ("date-tag-timestamp-abc", "        effective_from: 2025-06-01", "        effective_from: !!timestamp abc", D, None),
    ("date-missing", "        effective_from: 2025-06-01\n", "", D, "[models.acme-fast.versions.1.effective_from]"),
    ("date-null", "        effective_from: 2025-06-01", "        effective_from: null", D,
     "[models.acme-fast.versions.1.effective_from]"),
    ("date-year-0", "        effective_from: 2025-06-01", "        effective_from: 0000-01-01", D, None),
    ("date-year-10000", "        effective_from: 2025-06-01", "        effective_from: 10000-01-01", D,
     "[models.acme-fast.versions.1.effective_from]"),
    ("source-retrieved-number", "    retrieved: 2025-06-01", "    retrieved: 20250601", D,
     "[sources.acme-pricing.retrieved]"),
    ("exchange-rate-date-number", "    on: 2025-01-01", "    on: 1735689600", D, "[exchange_rates.0.on]"),
    ("off-peak-time-number", '          - start: "16:30"', "          - start: 990", D,
     "[models.acme-night.versions.0.off_peak.0.start]"),
    ("off-peak-time-sexagesimal", '          - start: "16:30"', "          - start: 16:30", D, None),
    ("off-peak-time-25h", '          - start: "16:30"', '          - start: "25:30"', D,
     "[models.acme-night.versions.0.off_peak.0.start]"),
    ("off-peak-empty-window", '            end: "00:30"', '            end: "16:30"', D,
     "[models.acme-night.versions.0.off_peak.0]"),
    # ids, names, sources
    ("version-id-duplicate", "      - id: cut-2025-06", "      - id: launch-2025-01", D, "[models.acme-fast]"),
    ("version-id-spaces", "      - id: cut-2025-06", "      - id: cut 2025 06", D, "[models.acme-fast.versions.1.id]"),
    ("version-id-empty", "      - id: cut-2025-06", '      - id: ""', D, "[models.acme-fast.versions.1.id]"),
    ("version-id-number", "      - id: cut-2025-06", "      - id: 2025", D, "[models.acme-fast.versions.1.id]"),
    ("model-duplicate-key", "  acme-night:", "  acme-fast:", D, None),
    ("alias-clash", "    aliases: [fast]", "    aliases: [acme-night]", D, "[models.acme-night.aliases]"),
    ("aliases-not-list", "    aliases: [fast]", "    aliases: 7", D, "[models.acme-fast.aliases]"),
    ("status-unknown", "        status: official\n        effective_from: 2025-06-01",
     "        status: leaked\n        effective_from: 2025-06-01", D, "[models.acme-fast.versions.1.status]"),
    ("currency-unknown", "        currency: CNY", "        currency: EUR", D, "[models.acme-night.versions.0.currency]"),
    ("citation-unknown-source", "        citations: [{source: acme-pricing}]\n      - id: cut",
     "        citations: [{source: acme-nowhere}]\n      - id: cut", D, "[models.acme-fast.launch-2025-01.citations]"),
    ("citation-none", "        citations: [{source: acme-pricing}]\n      - id: cut", "        citations: []\n      - id: cut",
     D, "[models.acme-fast.versions.0.citations]"),
    ("citation-article-without-quote", '            quote: "input now costs $0.50"\n', "", D,
     "[models.acme-fast.cut-2025-06.citations]"),
    ("citation-unknown-field", "            fields: [input]", "            fields: [inptu]", D,
     "[models.acme-fast.versions.1.citations.1.fields]"),
    ("citation-figure-uncited", "          - source: acme-pricing\n          - source: acme-blog",
     "          - source: acme-blog", D, "[models.acme-fast.versions.1]"),
    ("exchange-rate-unknown-source", "    source: acme-pricing\npolicies", "    source: acme-elsewhere\npolicies", D,
     "[exchange_rates]"),
    ("exchange-rate-zero", "    usd_per_unit: 0.14", "    usd_per_unit: 0", D, "[exchange_rates.0.usd_per_unit]"),
    ("exchange-rate-negative", "    usd_per_unit: 0.14", "    usd_per_unit: -0.14", D, "[exchange_rates.0.usd_per_unit]"),
    ("policy-unknown-source", "    citations: [{source: acme-pricing}]\nmodels", "    citations: [{source: nope}]\nmodels",
     D, "[policies.acme-batch]"),
    ("policy-discount-above-1", "    discount: 0.5", "    discount: 1.5", D, "[policies.0.discount]"),
    ("policy-discount-missing", "    discount: 0.5\n", "", D, "[policies.0]"),
    ("policy-duplicate-id", "policies:\n  - id: acme-batch", "policies:\n  - id: acme-batch\n    provider: acme\n"
     "    kind: batch\n    effective_from: 2024-01-01\n    discount: 0.5\n    citations: [{source: acme-pricing}]\n"
     "  - id: acme-batch", D, "duplicate policy id"),
    ("source-article-unlocatable", "    url: https://example.com/acme/blog\n", "", D, "[sources.acme-blog]"),
    ("source-kind-unknown", "    kind: vendor_page", "    kind: rumour_mill", D, "[sources.acme-pricing.kind]"),
    ("tier-threshold-zero", "          - above_prompt_tokens: 200000", "          - above_prompt_tokens: 0", D,
     "[models.acme-fast.versions.1.tiers.0.above_prompt_tokens]"),
    ("tier-threshold-text", "          - above_prompt_tokens: 200000", "          - above_prompt_tokens: 200k", D,
     "[models.acme-fast.versions.1.tiers.0.above_prompt_tokens]"),
    ("tier-with-off-peak", '        off_peak:\n          - start: "16:30"', "        tiers:\n          - "
     "above_prompt_tokens: 1000\n            rates: {input: 3, output: 9}\n        off_peak:\n"
     '          - start: "16:30"', D, "[models.acme-night.versions.0]"),
    # structure
    ("unknown-top-level-key", "schema_version: 1", "schema_version: 1\nmodel: acme", D, "[model]"),
    ("unknown-version-key", "        status: official\n        effective_from: 2025-06-01",
     "        status: official\n        price: 3\n        effective_from: 2025-06-01", D,
     "[models.acme-fast.versions.1.price]"),
    ("schema-version-2", "schema_version: 1", "schema_version: 2", D, "[schema_version]"),
    ("models-missing", "models:\n  acme-fast:", "modelz:\n  acme-fast:", D, "[models]"),
    ("models-a-list", "models:\n  acme-fast:\n", "models:\n  - acme-fast:\n", D, "models-a-list.yaml:49: not valid YAML"),
    ("versions-empty", "    aliases: [fast]\n    versions:", "    aliases: [fast]\n    versions: []\n    old:", D,
     "[models.acme-fast"),
    ("top-level-list", "schema_version: 1\nsources:", "- schema_version: 1\n- sources:", D, "top-level-list.yaml:12: not valid YAML"),
    ("unhashable-key", "schema_version: 1", "[1, 2]: 3", D, None),
    ("mapping-key", "schema_version: 1", "{a: 1}: 3", D, None),
    ("duplicate-key-schema", "schema_version: 1", "schema_version: 1\nschema_version: 1", D, 3),
    ("tab-indent", "    provider: acme\n    aliases", "\tprovider: acme\n    aliases", D, None),
    ("unclosed-quote", '            quote: "input now costs $0.50"', '            quote: "input now costs $0.50', D,
     "not valid YAML"),
    ("unclosed-flow", "        rates: {input: 2, output: 8}", "        rates: {input: 2, output: 8", D, "not valid YAML"),
    ("bad-indent", "    provider: acme\n    aliases", "    provider: acme\n      aliases", D, 27),
    ("nul-character", "    provider: acme\n    aliases", "    provider: ac\x00me\n    aliases", D, None),
    ("bel-character", "    provider: acme\n    aliases", "    provider: ac\x07me\n    aliases", D, None),
    ("alias-bomb", "schema_version: 1", "schema_version: 1\nbomb: &b0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 10) + "]\n" for i in range(1, 7)), D, "(an alias bomb?)"),
    ("nesting-10k-deep", "schema_version: 1", "schema_version: 1\ndeep: " + "[" * 10_000 + "]" * 10_000, D, 3),
    ("nesting-10k-deep-maps", "schema_version: 1", "schema_version: 1\ndeep: " + "{a: " * 10_000 + "1" + "}" * 10_000,
     D, 3),
    ("undefined-alias", "schema_version: 1", "schema_version: 1\nx: *nothing", D, 3),
]

# -------------------------------------------------------------------------------------- claim files
C = "ClaimError"
P = "  - id: c-percent"  # line 3
CLAIMS: list[tuple[str, str, str, str, object]] = [
    ("stated-dollars-on-percent", 'stated: "90%"', 'stated: "$4"', D, 3),
    ("stated-percent-on-savings", 'stated: "$4,000"', 'stated: "50%"', D, 12),
    ("stated-one-over-zero", 'stated: "90%"\n    hedge: about\n    basis: blended',
     'stated: "1/0"\n    hedge: null\n    basis: blended', D, 3),
    ("stated-words", 'stated: "90%"', 'stated: "lots"', D, 3),
    ("stated-empty", 'stated: "90%"', 'stated: ""', D, 3),
    ("stated-long-spaces", 'stated: "90%"', 'stated: "9' + " " * 60_000 + '%"', D, 3),
    ("stated-number", 'stated: "90%"', "stated: 90", D, "[claims.0.stated]"),
    ("stated-missing", '    stated: "90%"\n', "", D, "[claims.0.stated]"),
    ("stated-bare-number-on-percent", 'stated: "90%"', 'stated: "90"', D, 3),
    ("hedge-unknown", "hedge: about", "hedge: perchance", D, 3),
    ("hedge-number", "hedge: about", "hedge: 5", D, "[claims.0.hedge]"),
    ("kind-unknown", "kind: percent_cheaper", "kind: percent_dearer", D, "[claims.0.kind]"),
    ("basis-unknown", "basis: blended", "basis: mixed", D, "[claims.0.basis]"),
    ("basis-missing", "    basis: blended\n", "", D, 3),
    ("component-typo", "component: input", "component: inptu", D, 20),
    ("component-missing", "    component: input\n", "", D, 20),
    ("share-above-one", 'free: {input_share: ["0", "1"]}', 'free: {input_share: ["0", "5"]}', D, "[claims.0.free]"),
    ("share-reversed", 'free: {input_share: ["0", "1"]}', 'free: {input_share: ["0.9", "0.5"]}', D, "[claims.0.free]"),
    ("share-negative", 'free: {input_share: ["0", "1"]}', 'free: {input_share: ["-0.5", "1"]}', D, "[claims.0.free]"),
    ("share-nan", 'free: {input_share: ["0", "1"]}', 'free: {input_share: ["0", .nan]}', D, "[claims.0.free"),
    ("share-text", 'free: {input_share: ["0", "1"]}', 'free: {input_share: ["none", "1"]}', D, "[claims.0.free]"),
    ("share-three-values", 'free: {input_share: ["0", "1"]}', 'free: {input_share: ["0", "0.5", "1"]}', D,
     "[claims.0.free"),
    ("share-one-value", 'free: {input_share: ["0", "1"]}', 'free: {input_share: ["0"]}', D, "[claims.0.free"),
    ("share-bool", 'free: {input_share: ["0", "1"]}', "free: {input_share: [false, true]}", D, "[claims.0.free]"),
    ("free-unknown", 'free: {input_share: ["0", "1"]}', 'free: {output_share: ["0", "1"]}', D, "[claims.0.free]"),
    ("fixed-share-two", 'free: {input_share: ["0", "1"]}', "fixed: {input_share: 2}", D, "[claims.0.fixed]"),
    ("fixed-unknown", 'fixed: {tokens: "10M/day"}', 'fixed: {tokens: "10M/day", mood: happy}', D, "[claims.1.fixed]"),
    ("fixed-tokens-bad", 'fixed: {tokens: "10M/day"}', 'fixed: {tokens: "ten lots"}', D, "[claims.1.fixed]"),
    ("fixed-tokens-negative", 'fixed: {tokens: "10M/day"}', "fixed: {tokens: -5}", D, "[claims.1.fixed]"),
    ("fixed-tokens-no-period", 'fixed: {tokens: "10M/day"}', 'fixed: {tokens: "10M"}', D, "[claims.1.fixed]"),
    ("fixed-tokens-zero-period", 'fixed: {tokens: "10M/day"}', 'fixed: {tokens: "1e30 tokens / 0 day"}', D,
     "[claims.1.fixed]"),
    ("fixed-tokens-1e999999", 'fixed: {tokens: "10M/day"}', 'fixed: {tokens: "1e999999/day"}', D, "[claims.1.fixed]"),
    ("fixed-tokens-spaces", 'fixed: {tokens: "10M/day"}', 'fixed: {tokens: "1' + " " * 60_000 + 'M/day"}', D,
     "[claims.1.fixed]"),
    ("fixed-tokens-missing", 'fixed: {tokens: "10M/day"}', "fixed: {}", D, 12),
    ("fixed-prompt-tokens-alias-bomb", 'fixed: {tokens: "10M/day"}', 'fixed: {tokens: "10M/day", prompt_tokens: *b6}',
     D, "(an alias bomb?)"),
    ("fixed-prompt-tokens-fraction", 'fixed: {tokens: "10M/day"}', 'fixed: {tokens: "10M/day", prompt_tokens: 1.5}', D,
     "[claims.1.fixed]"),
    ("month-days-zero", 'month_days: ["28", "31"]', "month_days: [0, 0]", D, "[claims.1.free]"),
    ("month-days-reversed", 'month_days: ["28", "31"]', 'month_days: ["31", "28"]', D, "[claims.1.free]"),
    ("month-days-100", 'month_days: ["28", "31"]', 'month_days: ["28", "100"]', D, "[claims.1.free]"),
    ("at-number", "    at: 2025-03-01\n  - id: c-savings", "    at: 20250301\n  - id: c-savings", D, "[claims.0.at]"),
    ("at-text", "    at: 2025-03-01\n  - id: c-savings", "    at: yesterday\n  - id: c-savings", D, "[claims.0.at]"),
    ("at-month-13", "    at: 2025-03-01\n  - id: c-savings", "    at: 2025-13-01\n  - id: c-savings", D, 11),
    ("id-duplicate", "  - id: c-price", "  - id: c-percent", D, 20),
    ("id-uppercase", "  - id: c-price", "  - id: C Price", D, "[claims.2.id]"),
    ("id-missing", "  - id: c-price\n    kind: price", "  - kind: price", D, "[claims.2.id]"),
    ("claim-not-mapping", "  - id: c-price\n", "  - just text\n  - id: c-price\n", D, 20),
    ("unknown-claim-key", "    component: input", "    component: input\n    confidence: high", D,
     "[claims.2.confidence]"),
    ("unknown-top-level-key", "claims:", "claimz: []\nclaims:", D, 2),
    ("claims-not-list", "claims:\n  - id: c-percent", "claims: 5\nold:\n  - id: c-percent", D, None),
    ("empty-claims-file-comment-only", "claims:", "# nothing\nclaims_: 1\nclaims:", D, 3),
    ("baseline-missing", "    baseline: gpt-4o\n    free: {input_share", "    free: {input_share", D, 3),
    ("tag-python", 'stated: "90%"', 'stated: !!python/object/apply:os.system ["echo pwned"]', D, None),
    ("nul-in-quote", 'stated: "90%"', 'stated: "90\x00%"', D, None),
]
# errors only the check can find (the catalog is needed): the message names the file:line of the claim
CLAIMS_AT_CHECK: list[tuple[str, str, str, str, object]] = [
    ("subject-unknown", "    subject: deepseek-chat\n    baseline: gpt-4o\n    free: {input_share: [\"0\", \"1\"]}",
     "    subject: deepseek-chatt\n    baseline: gpt-4o\n    free: {input_share: [\"0\", \"1\"]}", C, 3),
    ("baseline-unknown", "    baseline: gpt-4o\n    free: {input_share: [\"0\", \"1\"]}",
     "    baseline: gpt-40\n    free: {input_share: [\"0\", \"1\"]}", C, 3),
    ("subject-version-unknown", "    subject: deepseek-chat\n    component", "    subject: deepseek-chat@v9\n    component",
     C, 20),
    ("at-before-any-price", "    at: 2025-03-01\n  - id: c-savings", "    at: 1900-01-01\n  - id: c-savings", C, 3),
    ("source-unknown", "  - id: c-price\n", "  - id: c-price\n    source: article-999\n", C, 20),
    ("fixed-sources-unknown", "  - id: c-price\n", "  - id: c-price\n    fixed_sources: [nowhere]\n", C, 20),
]

# -------------------------------------------------------------------------------------- usage logs
HEAD = "timestamp,model,input_tokens,output_tokens\n"
ROW = "2025-03-01T10:00:00Z,gpt-4o,1000,200\n"
U = "UsageLogError"
USAGE: list[tuple[str, bytes, str, object]] = [
    ("negative-tokens.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,gpt-4o,-5,200\n").encode(), U, "row(s): 1"),
    ("nan-tokens.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,gpt-4o,,200\n").encode(), U, "row(s): 1"),
    ("text-tokens.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,gpt-4o,lots,200\n").encode(), U, "row(s): 1"),
    ("fraction-tokens.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,gpt-4o,10.5,200\n").encode(), U, "row(s): 1"),
    ("inf-tokens.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,gpt-4o,inf,200\n").encode(), U, "row(s): 1"),
    ("1e400-tokens.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,gpt-4o,1e400,200\n").encode(), U, "row(s): 1"),
    ("2-pow-63-tokens.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,gpt-4o,9223372036854775808,200\n").encode(), U,
     "row(s): 1"),
    ("bool-tokens.csv", (HEAD + "2025-03-01T10:00:00Z,gpt-4o,true,200\n").encode(), U, "input_tokens"),
    ("naive-timestamp.csv", (HEAD + ROW + "2025-03-01T10:00:00,gpt-4o,1000,200\n").encode(), U, "row(s): 1"),
    ("bad-timestamp.csv", (HEAD + ROW + "yesterday,gpt-4o,1000,200\n").encode(), U, "row(s): 1"),
    ("unknown-model.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,gpt-4oo,1000,200\n").encode(), "UsageLogError",
     "gpt-4oo"),
    ("no-price-then.csv", (HEAD + "2020-03-01T10:00:00Z,gpt-4o,1000,200\n").encode(), U, "row(s): 0"),
    ("missing-model.csv", (HEAD + ROW + "2025-03-01T10:00:00Z,,1000,200\n").encode(), U, "row(s): 1"),
    ("cached-exceeds-input.csv", ("timestamp,model,input_tokens,output_tokens,cached_tokens\n"
                                  "2025-03-01T10:00:00Z,gpt-4o,10,5,50\n").encode(), U, "row(s): 0"),
    ("negative-requests.csv", ("timestamp,model,input_tokens,output_tokens,requests\n"
                               "2025-03-01T10:00:00Z,gpt-4o,10,5,-5\n").encode(), U, "row(s): 0"),
    ("batch-not-bool.csv", ("timestamp,model,input_tokens,output_tokens,batch\n"
                            "2025-03-01T10:00:00Z,gpt-4o,10,5,maybe\n").encode(), U, "row(s): 0"),
    ("missing-column.csv", b"timestamp,model,input_tokens\n2025-03-01T10:00:00Z,gpt-4o,10\n", U, "output_tokens"),
    ("duplicate-column.csv", b"timestamp,model,model,input_tokens,output_tokens\n"
                             b"2025-03-01T10:00:00Z,gpt-4o,gpt-4o,10,5\n", U, "model"),
    ("empty.csv", b"", D, ".csv"),
    ("header-only.csv", HEAD.encode(), U, None),
    ("bad-line.jsonl", b'{"timestamp": "2025-03-01T10:00:00Z", "model": "gpt-4o", "input_tokens": 1, '
                       b'"output_tokens": 1}\n{not json\n', D, "bad-line.jsonl:2"),
    ("array-line.jsonl", b'[1, 2]\n', U, "missing required column"),
    ("truncated.csv.gz", gzip.compress((HEAD + ROW * 200).encode())[:120], D, "truncated.csv.gz"),
    ("not-gzip.csv.gz", (HEAD + ROW).encode(), D, "not-gzip.csv.gz"),
    ("unknown-type.xlsx", b"PK\x03\x04", U, "unknown-type.xlsx"),
    ("litellm-usage-object-list.csv", (
        'startTime,model,prompt_tokens,completion_tokens,metadata\n'
        '2025-03-01T10:00:00Z,gpt-4o,100,10,"{""usage_object"": {""prompt_tokens_details"": [1, 2]}}"\n').encode(),
     U, "cached_tokens"),
    ("litellm-usage-object-text.csv", (
        'startTime,model,prompt_tokens,completion_tokens,metadata\n'
        '2025-03-01T10:00:00Z,gpt-4o,100,10,"{""usage_object"": {""prompt_tokens_details"": '
        '{""cached_tokens"": ""abc""}}}"\n').encode(), U, "cached_tokens"),
    ("litellm-usage-object-negative.csv", (
        'startTime,model,prompt_tokens,completion_tokens,metadata\n'
        '2025-03-01T10:00:00Z,gpt-4o,100,10,"{""usage_object"": {""cache_creation_input_tokens"": -3}}"\n').encode(),
     U, "cache_write_tokens"),
    ("openai-cached-text.csv", (
        "start_time,model,input_tokens,output_tokens,input_cached_tokens,num_model_requests,batch\n"
        "1740823200,gpt-4o,100,10,abc,1,false\n").encode(), U, "cached"),
]


def mutate(base: str, old: str, new: str) -> tuple[str, int]:
    assert base.count(old) == 1, f"{old!r} is not unique in the base file"
    i = base.index(old)
    return base.replace(old, new), base.count("\n", 0, i) + 1


def main() -> None:
    manifest: list[str] = ["# Generated by generate.py: file, loader, the error it must raise, and the text the",
                           "# message must contain (the file:line, or the field).", "cases:"]

    def entry(file: str, loader: str, error: str, where: str) -> None:
        manifest.append(f"  - {{file: {file!r}, loader: {loader}, error: {error}, where: {where!r}}}")

    for sub, base_name, cases, loader in (("prices", "base_prices.yaml", PRICES, "prices"),
                                          ("claims", "base_claims.yaml", CLAIMS, "claims"),
                                          ("claims", "base_claims.yaml", CLAIMS_AT_CHECK, "check")):
        base = (HERE / base_name).read_text()
        (HERE / sub).mkdir(exist_ok=True)
        for name, old, new, error, where in cases:
            text, line = mutate(base, old, new)
            if name == "fixed-prompt-tokens-alias-bomb":  # the anchors go first, before the alias
                text = "".join(f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}" if i else "x"] * 10) + "]\n"
                               for i in range(7)) + text
            file = f"{sub}/{name}.yaml"
            (HERE / file).write_text(text, encoding="utf-8")
            if where is None:
                where = f"{name}.yaml:{line}"
            elif isinstance(where, int):
                where = f"{name}.yaml:{where}"
            entry(file, loader, error, str(where))
    (HERE / "usage").mkdir(exist_ok=True)
    for name, data, error, where in USAGE:
        (HERE / "usage" / name).write_bytes(data)
        entry(f"usage/{name}", "usage", error, "" if where is None else str(where))
    # encodings: the base price file as bytes it must refuse, by line
    base = (HERE / "base_prices.yaml").read_text()
    enc = {"utf16-le-bom.yaml": base.encode("utf-16"), "utf16-be-bom.yaml": b"\xfe\xff" + base.encode("utf-16-be"),
           "utf32-bom.yaml": base.encode("utf-32"),
           "latin1-byte.yaml": base.replace("provider: acme\n    aliases", "provider: acmé\n    aliases").encode("latin-1"),
           "invalid-utf8.yaml": base.encode().replace(b"acme-night:", b"acme-\xff\xfenight:"),
           "utf16-no-bom.yaml": base.encode("utf-16-le")}
    for name, data in enc.items():
        (HERE / "prices" / name).write_bytes(data)
        line = {"latin1-byte.yaml": ":26", "invalid-utf8.yaml": ":49"}.get(name, "")
        entry(f"prices/{name}", "prices", D, f"{name}{line or ':'}")
    (HERE / "prices" / "empty.yaml").write_bytes(b"")
    entry("prices/empty.yaml", "prices", D, "empty.yaml")
    (HERE / "prices" / "only-comment.yaml").write_text("# nothing here\n")
    entry("prices/only-comment.yaml", "prices", D, "only-comment.yaml")
    (HERE / "prices" / "bom-then-garbage.yaml").write_bytes(b"\xef\xbb\xbf: : :\n")
    entry("prices/bom-then-garbage.yaml", "prices", D, "bom-then-garbage.yaml:1")
    (HERE / "claims" / "empty.yaml").write_bytes(b"")
    entry("claims/empty.yaml", "claims", D, "empty.yaml")
    (HERE / "manifest.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print(f"{len(manifest) - 3} file cases")


if __name__ == "__main__":
    main()
