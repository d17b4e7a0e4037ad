"""The AST cache (nixeval/syntax/cache.py) pickles lowered ASTs: every node class
round-trips with every field, including the classes with a hand-written tuple state
(nixeval/syntax/ast.py), over the ASTs of the golden corpus."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from nixeval.errors import NixError
from nixeval.evaluation import Evaluation
from nixeval.source import Source, Span
from nixeval.syntax import ast as A

LANG = Path(__file__).resolve().parent / "lang"


def _fields(obj: Any) -> list[str]:
    out = []
    for cls in type(obj).__mro__:
        out.extend(getattr(cls, "__slots__", ()))
    return out


def _same(a: Any, b: Any, seen: set[int], classes: set[str]) -> None:
    """Structural equality of two ASTs (iterative: ASTs can be deep)."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        assert type(x) is type(y), (x, y)
        if isinstance(x, (A.Node, A.AttrName)):
            if id(x) in seen:
                continue
            seen.add(id(x))
            classes.add(type(x).__name__)
            for name in _fields(x):
                has = hasattr(x, name)
                assert has == hasattr(y, name), (type(x).__name__, name)
                if has:
                    stack.append((getattr(x, name), getattr(y, name)))
        elif isinstance(x, Span):
            assert (x.start, x.end, x.source.text, x.source.path) == \
                (y.start, y.end, y.source.text, y.source.path)
        elif isinstance(x, Source):
            assert (x.text, x.path, x.name) == (y.text, y.path, y.name)
        elif isinstance(x, (list, tuple)):
            assert len(x) == len(y)
            stack.extend(zip(x, y))
        elif isinstance(x, dict):
            assert list(x) == list(y)
            stack.extend(zip(x.values(), y.values()))
        elif isinstance(x, (set, frozenset)):
            assert x == y
        else:
            assert x == y or (x != x and y != y), (x, y)  # NaN equals itself here


def test_every_node_class_round_trips() -> None:
    ev = Evaluation()
    files = sorted(p for p in LANG.rglob("eval-okay-*.nix") if "/lib/" not in str(p))
    if not files:
        pytest.skip("no golden cases found")
    classes: set[str] = set()
    for path in files:
        try:
            node = ev.parse_source(Source(path.read_text(errors="surrogateescape"), path=str(path)),
                                   str(path.parent), lint=False)
        except (NixError, UnicodeDecodeError):
            continue
        _same(node, pickle.loads(pickle.dumps(node, protocol=pickle.HIGHEST_PROTOCOL)), set(), classes)
    # the corpus covers the classes with a tuple state, and more
    assert {"Const", "Var0", "Var1", "Var", "WithVar", "AttrName", "Select", "SelectVar", "Attrs",
            "List", "Let", "If", "Apply", "Str", "Lambda"} <= classes, classes
