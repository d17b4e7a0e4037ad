"""compareVersions / splitVersion / parseDrvName against recorded nix-instantiate output."""

import pytest
from builtins_harness import check_case, ids, load

import nixeval.builtins.versions  # noqa: F401  (registers the builtins)

CASES = load("versions")


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_versions(case):
    check_case(case)
