"""Real nixpkgs, evaluated by nixeval and by nix-instantiate: the same output, or the
same error text.

Runs only when `NIXEVAL_NIXPKGS` names a nixpkgs checkout (nixpkgs 24.11 laid out
by ../shared/nixpkgs/get.sh) and nix-instantiate is on PATH; otherwise skipped with
the reason. The NixOS systems take a minute or more each under nixeval; the
whole-package walk and the whole-tree parse are in benchmarks/ (`python -m
benchmarks --nixpkgs PATH --only nixpkgs-walk`, `python -m benchmarks.parse_tree`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CONFIGS = HERE / "nixpkgs"
WORKLOADS = HERE.parent / "benchmarks" / "workloads" / "nixpkgs"
PKGS = "(import <nixpkgs> { config = { }; overlays = [ ]; })"
COMMON = "hello python3 gcc firefox git curl openssl perl nodejs rustc go vim emacs ffmpeg systemd glibc stdenv"


def _nixos(configuration: Path, attr: str = "system.build.toplevel.drvPath") -> str:
    return f"(import <nixpkgs/nixos> {{ configuration = {configuration}; }}).config.{attr}"


CASES = {
    "hello": ["-E", f"{PKGS}.hello.drvPath"],
    "common-drvpaths": ["--strict", "-E", f"with {PKGS}; map (p: p.drvPath) [ {COMMON} ]"],
    "lib-tests-misc": ["--strict", "@TREE@/lib/tests/misc.nix"],
    "lib-tests-systems": ["--strict", "@TREE@/lib/tests/systems.nix"],
    "lib-fileset": ["--strict", "-E", "with (import <nixpkgs/lib>).fileset; "
                    "toList (unions [ <nixpkgs/lib/fileset> <nixpkgs/lib/trivial.nix> ])"],
    "python3-packages": ["--strict", "-E", f"with {PKGS}.python3Packages; "
                         "map (p: p.drvPath) [ requests numpy setuptools ]"],
    "nixos-err-type": ["-E", _nixos(CONFIGS / "nixos-err-type.nix", "networking.hostName")],
    "nixos-err-undef": ["-E", _nixos(CONFIGS / "nixos-err-undef.nix", "networking.hostName")],
    "nixos-err-conflict": ["-E", _nixos(CONFIGS / "nixos-err-conflict.nix", "networking.hostName")],
    "nixos-minimal": ["-E", _nixos(WORKLOADS / "nixos-minimal.nix")],
    "nixos-desktop": ["-E", _nixos(WORKLOADS / "nixos-desktop.nix")],
}


@pytest.fixture(scope="module")
def tree() -> str:
    path = os.environ.get("NIXEVAL_NIXPKGS")
    if not path:
        pytest.skip("NIXEVAL_NIXPKGS is not set (a nixpkgs checkout to evaluate)")
    if not os.path.isfile(os.path.join(path, "default.nix")):
        pytest.skip(f"NIXEVAL_NIXPKGS={path} has no default.nix")
    return path


def as_newer_nix(stderr: str) -> str:
    """Nix 2.8's stderr as Nix 2.23+ prints it: nixpkgs' `lib.warn` calls
    `builtins.warn` when it exists (`evaluation warning: MSG`), and on 2.8 emulates it
    with `builtins.trace "evaluation warning: MSG"` (DIFFERENCES.md)."""
    prefix = "trace: evaluation warning: "
    return "".join(line[len("trace: "):] if line.startswith(prefix) else line
                   for line in stderr.splitlines(keepends=True))


@pytest.mark.parametrize("name", list(CASES))
def test_nixpkgs_matches_oracle(name, tree, oracle, nixeval_run) -> None:
    argv = ["--eval", "--readonly-mode", "-I", f"nixpkgs={tree}",
            *[a.replace("@TREE@", tree) for a in CASES[name]]]
    want = oracle(argv, HERE)
    got = nixeval_run(argv, HERE, timeout=1800)
    assert got.code == want.code, got.stderr
    assert got.stdout == want.stdout
    assert got.stderr == as_newer_nix(want.stderr)
