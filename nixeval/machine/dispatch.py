"""Which function evaluates which node: the machine's dispatch table.

Every AST node class (nixeval/syntax/ast.py) gets three evaluators, installed as
methods on the class by `install()` (run when nixeval.machine is imported):

- `ev(env, d)`: the coroutine evaluating the node (nodes.py, calls.py for the tail
  nodes, operators.py);
- `fast(env)`: the synchronous attempt, NOTFAST when it cannot (fast.py;
  `notfast` for nodes without one);
- `item(env)`: the item for a lazy position (env.py; a thunk by default).

Methods on the classes rather than a lookup per evaluation step: a method call is
the cheapest dispatch CPython has. tests/test_machine_layout.py checks that every
concrete node class has its three evaluators and that `install` is the only place
that sets them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nixeval.machine import calls, env, fast, nodes, operators
from nixeval.syntax import ast as A

# (ev, fast, item) of a node class.
Evaluators = tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]


def _evaluators(ev: Callable[..., Any], fast_: Callable[..., Any] = fast.notfast,
                item: Callable[..., Any] = env.make_item) -> Evaluators:
    return (ev, fast_, item)


_TAIL = calls.eval_tail

TABLE: dict[type[A.Node], Evaluators] = {
    A.Const: _evaluators(nodes.const_ev, fast.const_fast, env.const_item),
    A.Var: _evaluators(_TAIL, fast.var_fast, env.var_item),
    A.Var0: _evaluators(_TAIL, fast.var0_fast, env.var0_item),
    A.Var1: _evaluators(_TAIL, fast.var1_fast, env.var1_item),
    A.WithVar: _evaluators(nodes.withvar_ev, fast.notfast, env.withvar_item),
    A.Lambda: _evaluators(nodes.fast_only_ev, fast.lambda_fast),
    A.List: _evaluators(nodes.fast_only_ev, fast.list_fast),
    A.Attrs: _evaluators(nodes.attrs_ev, fast.attrs_fast),
    A.Str: _evaluators(nodes.str_ev, fast.str_fast),
    A.PathInterp: _evaluators(nodes.path_interp_ev),
    A.CurPos: _evaluators(nodes.curpos_ev),
    A.Select: _evaluators(nodes.select_ev, fast.select_fast),
    A.SelectVar: _evaluators(nodes.select_ev, fast.selectvar_fast),
    A.HasAttr: _evaluators(nodes.hasattr_ev, fast.hasattr_fast),
    A.Apply: _evaluators(_TAIL, fast.apply_node_fast),
    A.If: _evaluators(_TAIL, fast.if_fast),
    A.Let: _evaluators(_TAIL, fast.let_fast),
    A.With: _evaluators(_TAIL),
    A.Assert: _evaluators(_TAIL, fast.assert_fast),
    **{cls: _evaluators(ev, operators.FAST.get(cls, fast.notfast)) for cls, ev in operators.EV.items()},
}

# Nodes whose `fast` never fails or forces anything (a set with dynamic names aside):
# forcing a thunk of one costs no coroutine. (Other nodes compute `leafy` from
# their height, see ast.py.)
ALWAYS_LEAFY = (A.Var, A.Lambda, A.List)


def install() -> None:
    """Set every node class's `ev`, `fast` and `item` from TABLE."""
    A.Node.fast = fast.notfast  # type: ignore[assignment]
    A.Node.item = env.make_item  # type: ignore[assignment]
    for cls, evaluators in TABLE.items():
        cls.ev, cls.fast, cls.item = evaluators  # type: ignore[method-assign]
    for leafy in ALWAYS_LEAFY:
        leafy.leafy = True


def node_classes() -> list[type[A.Node]]:
    """Every concrete node class of the AST (for the coverage test)."""
    out: list[type[A.Node]] = []
    todo = list(A.Node.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__ == A.__name__ and cls not in (A.UnOp, A.BinOp):
            out.append(cls)
    return out


install()
