"""The global `derivation`: Nix source of our own wrapping `derivationStrict` lazily,
as Nix 2.8's `derivation` does (outPath, drvPath, every output, `all`, drvAttrs...);
and what `import` of a `.drv` store path gives (`imported_derivation`).

Kept apart from `derivations.py` so that binding it costs no start-up time: the
source is parsed on first use, once per evaluation (the thunk keeps the value), and
`derivationStrict` is loaded with its module when it is first called.
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.registry import CONSTANTS, GLOBALS
from nixeval.machine.requests import current, evaluate
from nixeval.source import Source
from nixeval.syntax import ast as A
from nixeval.values import Thunk

_DERIVATION_NIX = """\
# nixeval's `derivation`: `derivationStrict` wrapped lazily. drvPath and outPath are
# only computed when asked for; every output is an attribute set sharing the
# derivation's attributes, and `all` lists them all.

drvAttrs@{ outputs ? [ "out" ], ... }:

let
  strict = derivationStrict drvAttrs;

  shared = drvAttrs // builtins.listToAttrs perOutput // {
    all = map (entry: entry.value) perOutput;
    inherit drvAttrs;
  };

  forOutput = outputName: {
    name = outputName;
    value = shared // {
        drvPath = strict.drvPath;
        outPath = builtins.getAttr outputName strict;
        type = "derivation";
        inherit outputName;
    };
  };

  perOutput = map forOutput outputs;


in (builtins.head perOutput).value
"""

DERIVATION_NIX_PATH = "//builtin/derivation.nix"


class _DerivationNode(A.Node):
    """The expression behind the global `derivation`: parses `_DERIVATION_NIX` in the
    running evaluation's global scope and evaluates it (once: the thunk keeps it)."""

    __slots__ = ()

    def __init__(self) -> None:
        self.span = None

    async def ev(self, env: list[Any], d: int) -> Any:  # type: ignore[override]
        ev = current()
        node = ev.parse_source(Source(_DERIVATION_NIX, path=DERIVATION_NIX_PATH), "/")
        return await evaluate(node, ev.global_env)


def _derivation_constant(ev: Any) -> Any:
    return Thunk(_DerivationNode(), None)


CONSTANTS["derivation"] = _derivation_constant
GLOBALS.add("derivation")


_IMPORTED_DRV_NIX = """\
# nixeval's value for `import` of a `.drv` store path: a derivation like the one
# `derivation` returns, built from what the file says (its path, name and outputs).

info@{ drvPath, name, outputs, ... }:

let
  shared = builtins.listToAttrs perOutput // {
    all = map (entry: entry.value) perOutput;
    inherit drvPath name;
    type = "derivation";
  };

  forOutput = outputName: {
    name = outputName;
    value = shared // {
      outPath = builtins.getAttr outputName info;
      inherit outputName;
    };
  };

  perOutput = map forOutput outputs;

in (builtins.head perOutput).value
"""

IMPORTED_DRV_NIX_PATH = "//builtin/imported-drv.nix"


async def imported_drv_function() -> Any:
    """Our imported-`.drv` function, evaluated in the running evaluation; applied to
    `{ drvPath; name; outputs; <output> = <path>; ... }` it gives the derivation."""
    ev = current()
    node = ev.parse_source(Source(_IMPORTED_DRV_NIX, path=IMPORTED_DRV_NIX_PATH), "/")
    return await evaluate(node, ev.global_env)
