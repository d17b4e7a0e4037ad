"""The benchmark workloads and how each is invoked.

Invariants:
- Every built-in workload is a Nix file in `workloads/` whose top level is a
  function `{ size ? "1x", ... }:`; sizes are passed as `--arg size N` with N
  a Nix int or float, so `--arg size 10` is "10x". Work grows linearly with N
  (deep recursion: depth grows linearly).
- A workload's stdout must be deterministic and identical under nixeval and
  nix-instantiate; outputs are kept small (digests of big values) so that the
  comparison and printing do not dominate.
- `oracle_max_scale` is the largest size the reference evaluator can run
  (C++ Nix 2.8 recurses on the C stack); larger sizes are not given to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORKLOAD_DIR = Path(__file__).resolve().parent / "workloads"

EVAL_FLAGS = ["--eval", "--strict"]


def parse_size(text: str | float | int) -> float:
    """'1x', '10x', '0.05x', '7' -> a positive multiplier."""
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*x?\s*", str(text))
        if not m:
            raise ValueError(f"bad size {text!r}: use 1x, 10x, 100x or a number")
        value = float(m.group(1))
    if value <= 0:
        raise ValueError(f"size must be positive, not {text!r}")
    return value


def size_literal(scale: float) -> str:
    """A Nix literal for the multiplier: an int when whole, else a float."""
    if scale == int(scale):
        return str(int(scale))
    return repr(scale)


def size_label(scale: float) -> str:
    return f"{size_literal(scale)}x"


@dataclass(frozen=True)
class Workload:
    name: str
    description: str
    # Arguments after the evaluator's name, given the size multiplier.
    file: Path | None = None
    expr: str | None = None
    extra_flags: tuple[str, ...] = ()
    scalable: bool = True
    oracle_max_scale: float | None = None
    # Size used by tests/test_benchmarks.py (kept to well under a second).
    test_scale: float = 0.01
    expected: str | None = None  # known-good stdout (nixpkgs lib tests: "[ ]")
    tags: tuple[str, ...] = field(default=())

    def argv(self, scale: float) -> list[str]:
        args = [*EVAL_FLAGS, *self.extra_flags]
        if self.file is not None:
            args.append(str(self.file))
        else:
            args += ["-E", self.expr or "null"]
        if self.scalable:
            args += ["--arg", "size", size_literal(scale)]
        return args

    def oracle_can_run(self, scale: float) -> bool:
        return self.oracle_max_scale is None or scale <= self.oracle_max_scale


def _nix(name: str) -> Path:
    return WORKLOAD_DIR / f"{name}.nix"


WORKLOADS: list[Workload] = [
    Workload(
        "startup",
        "baseline: start the evaluator, evaluate a two-attribute set (size ignored)",
        file=_nix("startup"),
        scalable=True,
        test_scale=1,
    ),
    Workload(
        "fib",
        "fib 25, the canonical micro benchmark (Nx = fib 25 computed N times)",
        file=_nix("fib"),
        test_scale=0.5,
    ),
    Workload(
        "pkgset",
        "nixpkgs-style package set: 3,000 packages via fix/extends/overlays, "
        "callPackage (functionArgs + intersectAttrs), override/overrideAttrs, "
        "a mkDerivation wrapper, nested makeExtensible set; names + fake store paths hashed",
        file=_nix("pkgset"),
        test_scale=0.005,
    ),
    Workload(
        "pkgset-drv",
        "the same package set with useDerivation = true: real `derivation` calls "
        "(fixed-output fetchurl, drvPath/outPath hashing), --readonly-mode",
        file=_nix("pkgset"),
        extra_flags=("--readonly-mode", "--arg", "useDerivation", "true"),
        test_scale=0.005,
    ),
    Workload(
        "strings",
        "string-heavy: 5,000 names/versions through concatMapStringsSep, replaceStrings, "
        "escapeShellArg, split, sort by compareVersions, splitVersion, parseDrvName",
        file=_nix("strings"),
        test_scale=0.01,
    ),
    Workload(
        "attrs",
        "attrset-heavy: genAttrs/listToAttrs over 12,000 names, mapAttrs, filterAttrs, "
        "recursiveUpdate of nested trees, // chains, zipAttrsWith, dynamic lookups",
        file=_nix("attrs"),
        test_scale=0.01,
    ),
    Workload(
        "lists",
        "list-heavy: 100,000 elements through sort (Nix comparator), filter, foldl', "
        "map, concatMap, partition, groupBy, elemAt",
        file=_nix("lists"),
        test_scale=0.002,
    ),
    Workload(
        "deep",
        "deep non-tail recursion, 10,000 levels at 1x: 1 + f (n - 1), mutual recursion, "
        "a right fold, a nested linked list, string building",
        file=_nix("deep"),
        # nix-instantiate 2.8 (8 MB stack) overflows at 5x here; 4x passes.
        oracle_max_scale=4,
        test_scale=0.05,
    ),
    Workload(
        "modules",
        "NixOS-style module system: 1,000 service modules + 1,000 host modules, "
        "typed options, mkIf/mkMerge pushed down, mkDefault/mkForce priorities, fixed point",
        file=_nix("modules"),
        test_scale=0.01,
    ),
]


def nixpkgs_workloads(path: Path) -> list[Workload]:
    """Workloads over a real nixpkgs checkout (size-independent)."""
    path = path.resolve()
    pkgs = f"(import {path} {{ config = {{ }}; overlays = [ ]; }})"
    common = ("--readonly-mode", "-I", f"nixpkgs={path}")

    def real(name: str, description: str, *, flags: tuple[str, ...] = (), long: bool = False,
             **where: Any) -> Workload:
        return Workload(name, description, extra_flags=(*common, *flags), scalable=False,
                        tags=("nixpkgs", "long") if long else ("nixpkgs",), **where)

    return [
        real("nixpkgs-lib-tests", "nixpkgs lib/tests/misc.nix (runTests; [ ] means every test passed)",
             file=path / "lib" / "tests" / "misc.nix", expected="[ ]"),
        real("nixpkgs-attrnames", "number of top-level attributes of the package set",
             expr=f"builtins.length (builtins.attrNames {pkgs})"),
        real("nixpkgs-hello", "(import nixpkgs {}).hello.drvPath (needs the derivation builtin)",
             expr=f"{pkgs}.hello.drvPath"),
        real("nixpkgs-lib-systems", "nixpkgs lib/tests/systems.nix ([ ] means every test passed)",
             file=path / "lib" / "tests" / "systems.nix", expected="[ ]"),
        real("nixpkgs-drvpaths",
             f"drvPath of {len(COMMON_PACKAGES)} common packages ({', '.join(COMMON_PACKAGES[:4])}...)",
             expr=f"with {pkgs}; map (p: p.drvPath) [ {' '.join(COMMON_PACKAGES)} ]"),
        real("nixpkgs-nixos-minimal",
             "NixOS toplevel drvPath of a minimal system (one file system, no boot loader)",
             expr=_nixos(NIXPKGS_WORKLOADS / "nixos-minimal.nix")),
        real("nixpkgs-nixos-desktop", "NixOS toplevel drvPath of a desktop system (Xfce, services, users)",
             expr=_nixos(NIXPKGS_WORKLOADS / "nixos-desktop.nix")),
        real("nixpkgs-walk", "every derivation's attribute path and name, as nix-env -qaP walks them "
             "(long: run it by name with --only)", file=NIXPKGS_WORKLOADS / "walk.nix",
             flags=("--json", "--arg", "withDrv", "false"), long=True),
    ]


NIXPKGS_WORKLOADS = Path(__file__).resolve().parent / "workloads" / "nixpkgs"
# Common packages whose drvPaths a user of nixpkgs asks for.
COMMON_PACKAGES = ("hello python3 gcc firefox git curl openssl perl nodejs rustc go vim emacs "
                   "ffmpeg systemd glibc stdenv").split()


def _nixos(configuration: Path) -> str:
    return (f"(import <nixpkgs/nixos> {{ configuration = {configuration}; }})"
            ".config.system.build.toplevel.drvPath")


def select(workloads: list[Workload], only: list[str] | None) -> list[Workload]:
    """The workloads named (or prefixed) in `only`; without it, all but the long ones."""
    if not only:
        return [w for w in workloads if "long" not in w.tags]
    wanted = [w for w in workloads if any(
        w.name == o or (w.name.startswith(o + "-") and "long" not in w.tags) for o in only)]
    unknown = [o for o in only if not any(w.name == o or w.name.startswith(o + "-") for w in workloads)]
    if unknown:
        names = ", ".join(w.name for w in workloads)
        raise ValueError(f"unknown workload(s) {', '.join(unknown)}; known: {names}")
    return wanted
