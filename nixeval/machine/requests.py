"""The contract between builtins and the machine: every request a builtin may make.

Builtins (nixeval/builtins/) import from the machine this module and nothing else;
a request not listed here is not available to them. A builtin is a Python function
registered in builtins/registry.py; the machine forces its strict arguments, calls
it, and gives a Nix error it raises the position of the call.

Asynchronous requests (await them; they run on the scheduler, never by Python
recursion, so a builtin may make them for a million-element list):

- `force(item)`: the value of an item (a value or a `Thunk`), in weak head normal form.
- `force_deep(value)`: force everything reachable (`deepSeq`); returns the value.
- `call(f, *args)`: apply a Nix function value (lambda, primop, functor set) to
  argument items; the forced result. `call_async` is the same without the
  synchronous attempt (after `call_now` gave SLOW).
- `coerce_to_string(value, copy_to_store=, coerce_more=, span=)`: Nix's string coercion.
- `values_equal(a, b)` and `less_than(a, b)`: Nix's `==` and `<` on forced values.
- `evaluate(node, env)`: evaluate an AST node in an environment (a file read by
  `import`, a node a builtin built), as the root of a new scheduler segment.
- `segment(coroutine)`: run a coroutine as the root of a new scheduler segment.

Synchronous requests, for builtins' fast paths (see registry.py's `fast=`): each
gives the answer when it can be computed without a coroutine, else `SLOW`, and then
the builtin makes the asynchronous request instead:

- `force_now(item)`, `call_now(f, *args)`, `equal_simple(a, b)`.

Arithmetic shared with the operators: `int_result(v, op, a, b)` (Nix's overflow
error for `op` in "adding", "subtracting", "multiplying") and `div_values(a, b)`.

`current()` is the `Evaluation` in progress: its settings, store, import cache and
file system (`current().io`).
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from nixeval.machine import dispatch as _dispatch  # noqa: F401 - installs the evaluators
from nixeval.machine.calls import call, call_async, call_now, eval_node, force
from nixeval.machine.context import current
from nixeval.machine.fast import force_now
from nixeval.machine.nodes import coerce_to_string, force_deep
from nixeval.machine.operators import _int_result, div_values, equal_simple
from nixeval.machine.operators import less_than as _less_than
from nixeval.machine.operators import values_equal as _values_equal
from nixeval.machine.scheduler import spawn as segment
from nixeval.values import SLOW

__all__ = [
    "SLOW", "call", "call_async", "call_now", "coerce_to_string", "current", "div_values",
    "equal_simple", "evaluate", "force", "force_deep", "force_now", "int_result", "less_than",
    "segment", "values_equal",
]


def evaluate(node: Any, env: list[Any]) -> Coroutine[Any, Any, Any]:
    """Request: the value of `node` in `env`, as the root of a new segment."""
    return eval_node(node, env, 0)


def less_than(a: Any, b: Any) -> Coroutine[Any, Any, bool]:
    """Request: Nix's `a < b` on forced values (numbers, strings, paths, lists)."""
    return _less_than(a, b, 1, None)


def values_equal(a: Any, b: Any) -> Coroutine[Any, Any, bool]:
    """Request: Nix's `a == b` on forced values."""
    return _values_equal(a, b, 1)


def int_result(v: int, op: str, a: int, b: int) -> int:
    """`v`, the result of `a OP b`, or Nix's integer overflow error for it."""
    return _int_result(v, None, op, a, b)
