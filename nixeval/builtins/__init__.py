"""The builtins, one module per family, all registered through `registry.builtin`.

Modules are imported lazily: `index.INDEX` lists every builtin (its module, arity,
strictness...) so that an evaluation binds them all without importing the modules;
a module is imported when one of its builtins is first called (start-up time).
`load_all()` imports every module, registering every builtin in `registry.BUILTINS`;
tests/test_builtins_index.py checks that the index matches what the modules register
(regenerate it with `python -m nixeval.builtins.index`).
"""

from __future__ import annotations

import importlib

MODULES = (
    "arith",
    "attrs",
    "context",
    "control",
    "derivation_nix",
    "derivations",
    "fetchers",
    "fetchtree",
    "flake",
    "flakeref",
    "hash",
    "json",
    "lists",
    "paths",
    "regex",
    "storepaths",
    "strings",
    "toml",
    "types",
    "versions",
    "xml",
)


def load_all() -> None:
    """Import every builtin module (registering every builtin)."""
    for name in MODULES:
        importlib.import_module(f"nixeval.builtins.{name}")
