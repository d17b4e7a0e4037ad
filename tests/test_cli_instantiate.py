"""`nixeval` without `--eval` instantiates like `nix-instantiate`: it prints the .drv
path of each derivation (`!output` when the selected output is not `out`).

Compared live with the oracle; skipped (visibly) when nix-instantiate is absent.
The oracle may write .drv files to /nix/store (nixeval never writes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PACKAGES = str(HERE / "instantiate" / "packages.nix")

CASES = [
    [PACKAGES],
    [PACKAGES, "-A", "app"],
    [PACKAGES, "-A", "lib.dev"],
    [PACKAGES, "-A", "tool", "-A", "fetched"],
    [PACKAGES, "-A", "nested"],
    [PACKAGES, "-A", "list"],
    [PACKAGES, "-A", "structured"],
    [PACKAGES, "-A", "app", "--argstr", "system", "aarch64-linux"],
    ["-E", 'derivation { name = "e"; system = "x"; builder = "x"; outputs = [ "dev" "out" ]; }'],
    ["-E", "[ (import %s {}).tool ]" % PACKAGES],
]


@pytest.mark.parametrize("argv", CASES, ids=lambda a: " ".join(a[1:]) or "all")
def test_instantiate_matches_oracle(argv, oracle, nixeval_run) -> None:
    want = oracle(argv, HERE)
    got = nixeval_run(argv, HERE)
    assert want.code == 0, want.stderr
    assert got.code == 0, got.stderr
    assert got.stdout == want.stdout
    assert got.stdout.strip()


@pytest.mark.parametrize("argv", [[PACKAGES, "-A", "notAPackage"], ["-E", "1"]],
                         ids=["attr-int", "int"])
def test_instantiate_non_derivation_fails_like_oracle(argv, oracle, nixeval_run) -> None:
    want = oracle(argv, HERE)
    got = nixeval_run(argv, HERE)
    assert want.code == got.code == 1
    err = [ln for ln in want.stderr.splitlines() if ln.startswith("error:")]
    assert err and err[0] in got.stderr
