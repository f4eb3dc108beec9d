"""Validate a prices fragment against the schema: python tools/check_fragment.py FILE..."""
import sys

from pydantic import ValidationError

from tokencost._catalog.schema import PriceFile
from tokencost._yaml import load_yaml, validation_error

ok = True
for path in sys.argv[1:]:
    doc = load_yaml(path)
    try:
        pf = PriceFile.model_validate(doc)
    except ValidationError as exc:
        print(validation_error(exc, doc, path)); ok = False; continue
    unknown = [(m, v.id, c.source) for m, mod in pf.models.items() for v in mod.versions
               for c in v.citations if c.source not in pf.sources]
    unknown += [(p.id, "", c.source) for p in pf.policies for c in p.citations if c.source not in pf.sources]
    if unknown:
        print(path, "citations of unknown sources:", unknown); ok = False
    else:
        print(path, "OK:", len(pf.models), "models,", sum(len(m.versions) for m in pf.models.values()), "versions")
sys.exit(0 if ok else 1)
