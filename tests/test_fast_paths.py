"""The sync fast paths of async builtins (`@fast_path`) agree with the builtins.

For each builtin that has one, the fast path and the async builtin are run on the
same forced arguments: the fast path must give the same value (context included)
or decline with SLOW. The golden tests check the builtins against Nix; this checks
that the fast path cannot answer differently from them.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from nixeval.builtins.index import INDEX
from nixeval.builtins.registry import BUILTINS
from nixeval.errors import NixError
from nixeval.evaluation import Evaluation
from nixeval.machine import activate as set_current
from nixeval.machine import force_deep
from nixeval.machine.scheduler import Machine
from nixeval.values import SLOW, NixPath, NixString, Thunk

for _module in {entry[0] for entry in INDEX.values()}:
    importlib.import_module(f"nixeval.builtins.{_module}")

CTX = NixString("/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x/bin", {"/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x"})
STRINGS: list[Any] = ["", "abc", "a/b/c", "/a/b/", "x/", "/", "héllo wörld", "a.b-c", CTX]
OTHERS: list[Any] = [0, 7, -3, 2.5, True, False, None, NixPath("/tmp/some/file.nix"), [], ["a"], {}]


def _forced(v: Any) -> Thunk:
    return Thunk.of(v)


CASES: dict[str, list[tuple[Any, ...]]] = {
    "toString": [(v,) for v in STRINGS + OTHERS],
    "stringLength": [(v,) for v in STRINGS + OTHERS],
    "substring": [(s, l, v) for v in STRINGS + [5] for s in (0, 1, 3, 40, 2**32 + 1)
                  for l in (-1, 0, 2, 100)],
    "concatStringsSep": [(sep, xs) for sep in ("", ", ", CTX)
                         for xs in ([], ["a"], ["a", "b", CTX], [_forced("x"), "y"], [1], "notalist")],
    "replaceStrings": [(f, t, s) for s in ("", "hello world", CTX, 3)
                       for f, t in ((["o"], ["0"]), (["l", "ll"], ["L", "X"]), ([""], ["-"]),
                                    (["o", ""], ["0", "+"]), ([], []), (["a"], []),
                                    ([_forced("w")], [CTX]))],
    "baseNameOf": [(v,) for v in STRINGS + OTHERS],
    "dirOf": [(v,) for v in STRINGS + OTHERS],
    "elem": [(x, xs) for x in (1, 1.0, "a", True, None, [], NixPath("/a"))
             for xs in ([], [1], [2.0, 1], ["b", "a"], [False, True], [None], [1, True], [[]],
                        [_forced("a")], [NixPath("/a")], "nolist")],
    "removeAttrs": [(s, names) for s in ({}, {"a": 1, "b": 2})
                    for names in ([], ["a"], ["a", "c"], [_forced("b")], [1], "x")],
}


# Builtins that call a function per element: functions whose calls are synchronous,
# one whose calls are not (`sort` has no fast path), non-functions.
_FNS = Evaluation().eval_string("""{
  gt1 = x: x > 1;
  same = x: x;
  twice = x: [ x x ];
  viaSort = x: builtins.length (builtins.sort (a: b: a < b) [ x ]) == 1;
  add = a: b: a + b;
  addSorted = a: b: a + builtins.head (builtins.sort (a: b: a < b) [ b ]);
  names = n: vs: vs;
}""")
FN = {k: Machine().run(force_deep(v)) for k, v in _FNS.items()}
PREDICATES: list[Any] = [BUILTINS["isInt"], FN["gt1"], FN["same"], FN["viaSort"], 1]
LISTS: list[Any] = [[], [1, 2, 3], [0, _forced(5)], [2, "a"], list(range(20)), "notalist"]

CASES.update({
    "filter": [(f, xs) for f in PREDICATES for xs in LISTS],
    "any": [(f, xs) for f in PREDICATES for xs in LISTS],
    "all": [(f, xs) for f in PREDICATES for xs in LISTS],
    "concatMap": [(f, xs) for f in (FN["twice"], FN["same"], BUILTINS["isInt"], FN["viaSort"], 1)
                  for xs in LISTS + [[[1], [2, 3]]]],
    "foldl'": [(op, nul, xs) for op in (FN["add"], FN["addSorted"], FN["same"], 1)
               for nul in (0, _forced(10), "s")
               for xs in ([], [1, 2, 3], [_forced(4)], ["x"], list(range(20)), "notalist")],
    "zipAttrsWith": [(f, xs) for f in (FN["names"], 1)
                     for xs in ([], [{"a": 1}, {"a": 2, "b": 3}], [{"a": 1}, 1], [_forced({"c": 5})], "x")],
})


def _normal(v: Any) -> Any:
    """A value with every item in it forced (results that hold thunks, as
    zipAttrsWith's, compare by what the thunks give)."""
    ev = Evaluation()
    old = set_current(ev)
    try:
        return Machine().run(force_deep(v))
    finally:
        set_current(old)


def _slow(name: str, args: tuple[Any, ...]) -> tuple[str, Any]:
    op = BUILTINS[name]
    ev = Evaluation()
    old = set_current(ev)
    try:
        return "ok", Machine().run(op.fn(*args))
    except NixError as e:
        return "error", str(e)
    finally:
        set_current(old)


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b and getattr(a, "context", None) == getattr(b, "context", None)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_path_agrees(name: str) -> None:
    op = BUILTINS[name]
    assert op.is_async and op.fast is not None
    taken = 0
    for args in CASES[name]:
        try:
            fast = op.fast(*args)
        except NixError as e:
            raise AssertionError(f"{name}{args!r}: the fast path raised {e}") from None
        if fast is SLOW:
            continue
        taken += 1
        kind, slow = _slow(name, args)
        assert kind == "ok", f"{name}{args!r}: fast path gave {fast!r}, the builtin failed: {slow}"
        fast, slow = _normal(fast), _normal(slow)
        assert _same(fast, slow), f"{name}{args!r}: fast {fast!r} != builtin {slow!r}"
    assert taken > 0, f"{name}: no case took the fast path"
    declined = len(CASES[name]) - taken
    assert declined > 0, f"{name}: no case declined"
