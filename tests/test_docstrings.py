"""The examples in the public types' docstrings run as written (those not marked ``+SKIP``)."""

from __future__ import annotations

import doctest
import importlib

import pytest

import tokencost as tc

PUBLIC_TYPES = ["Catalog", "Claim", "ClaimResult", "CostBreakdown", "LineItem", "Savings", "TolerancePolicy",
                "TrainingCost", "UsageCost", "Workload"]
MODULES = ["tokencost._time", "tokencost._exact"]


@pytest.mark.parametrize("name", PUBLIC_TYPES)
def test_public_type_has_a_docstring_with_fields_and_an_example(name):
    doc = getattr(tc, name).__doc__ or ""
    assert ">>>" in doc and len(doc.splitlines()) >= 5, name


@pytest.mark.parametrize("name", ["Catalog", "Workload", "TolerancePolicy"])
def test_public_type_examples_run(name):
    obj = getattr(tc, name)
    globs = {**vars(importlib.import_module(obj.__module__)), "tc": tc}
    for test in doctest.DocTestFinder(recurse=False).find(obj, name, globs=globs):
        result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
        assert result.failed == 0, name


@pytest.mark.parametrize("module", MODULES)
def test_helper_module_examples_run(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0
