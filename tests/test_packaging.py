"""The wheel ships the data files, and the JSON Schema matches the pydantic models."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tokencost._catalog.schema import PriceFile

REPO = Path(__file__).resolve().parents[1]
DATA_FILES = ("prices.yaml", "claims.yaml", "prices.schema.json", "claims.schema.json")


def _expected_schema() -> str:
    return json.dumps(PriceFile.model_json_schema(), indent=2, sort_keys=True) + "\n"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"wheel build failed:\n{proc.stdout}\n{proc.stderr}"
    wheels = list(out.glob("tokencost-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contains_the_data_files(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for name in DATA_FILES:
            assert f"tokencost/data/{name}" in names, f"tokencost/data/{name} missing from {wheel.name}"
            assert z.read(f"tokencost/data/{name}") == (REPO / "data" / name).read_bytes()
        assert "tokencost/__init__.py" in names and "tokencost/_catalog/catalog.py" in names


def test_wheel_ships_every_provider_price_file(wheel):
    # the loader reads data/prices.yaml plus every data/prices/<provider>.yaml; an installed copy must have them
    files = sorted((REPO / "data" / "prices").glob("*.yaml"))
    assert len(files) >= 15
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for f in files:
            name = f"tokencost/data/prices/{f.name}"
            assert name in names, f"{name} missing from {wheel.name}"
            assert z.read(name) == f.read_bytes()


def test_wheel_schema_is_valid_json(wheel):
    with zipfile.ZipFile(wheel) as z:
        schema = json.loads(z.read("tokencost/data/prices.schema.json"))
    assert schema["title"] == "PriceFile"
    assert {"PriceVersion", "Rates", "Source"} <= set(schema["$defs"])


def test_json_schema_file_is_up_to_date_with_the_pydantic_models():
    path = REPO / "data" / "prices.schema.json"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    assert current == _expected_schema(), (
        "data/prices.schema.json is stale (src/tokencost/_catalog/schema.py changed): "
        "run `python tools/gen_schema.py` and commit the result")


def test_claims_json_schema_file_is_up_to_date_with_the_claim_model():
    from tokencost._claims.schema import ClaimFile
    path = REPO / "data" / "claims.schema.json"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    assert current == json.dumps(ClaimFile.model_json_schema(), indent=2, sort_keys=True) + "\n", (
        "data/claims.schema.json is stale (src/tokencost/_claims/schema.py changed): "
        "run `python tools/gen_schema.py` and commit the result")


def test_the_claims_schema_accepts_the_bundled_and_example_claims_and_names_the_kinds():
    schema = json.loads((REPO / "data" / "claims.schema.json").read_text(encoding="utf-8"))
    claim = schema["$defs"]["Claim"]
    assert {"request_cost", "discount", "percent_cheaper"} <= set(claim["properties"]["kind"]["enum"])
    assert "month_days" in claim["properties"]["free"]["propertyNames"]["enum"]
    from tokencost._yaml import load_yaml
    for path in (REPO / "data" / "claims.yaml", REPO / "examples" / "my_claims.yaml"):
        for item in load_yaml(path)["claims"]:
            assert set(item) <= set(claim["properties"]), (path, set(item) - set(claim["properties"]))
            assert {k for k in claim["required"]} <= set(item)


def test_gen_schema_check_mode_agrees():
    proc = subprocess.run([sys.executable, str(REPO / "tools" / "gen_schema.py"), "--check"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
