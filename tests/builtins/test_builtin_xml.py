"""builtins.toXML against recorded nix-instantiate output."""

import pytest
from builders import DRV_CTX, build
from builtins_harness import call_builtin, check_case, ids, load

from nixeval.builtins.xml import to_xml_string
from nixeval.machine.scheduler import run
from nixeval.values import NixString

CASES = load("xml")


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_xml(case):
    if "build" not in case:
        check_case(case)
        return
    result = call_builtin("toXML", build(case["build"], case))
    assert result == case["json"]
    if case["build"] == "ctx":
        assert type(result) is NixString and result.context == DRV_CTX


def test_to_xml_deep_without_recursion():
    # The document's size is quadratic in the depth (indentation), so 5000 levels:
    # far beyond Python's recursion limit, still quick.
    from builders import _deep

    n = 5000
    text = run(to_xml_string(_deep(n)))
    assert text.count("<list>") == n + 1
