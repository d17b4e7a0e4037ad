"""The evaluation machine: scheduler loop, thunk forcing, function calls.

Public requests for builtins written in Python (all `async`, run on the scheduler,
never by Python recursion):

- `await force(item)`: the value of an item (a value or a `Thunk`), to weak head
  normal form.
- `await force_deep(value)`: force everything reachable (as `deepSeq`); returns it.
- `await call(f, *args)`: apply a Nix function value (lambda, primop, functor set)
  to argument items; returns the forced result.
- `await coerce_to_string(value, ...)`: Nix's string coercion (see eval.py).
- `current()`: the `Evaluation` in progress (settings, import cache, store).
"""

from nixeval.machine.eval import (  # noqa: F401
    call,
    coerce_to_string,
    current,
    force,
    force_deep,
)
from nixeval.machine.scheduler import Machine, run, spawn  # noqa: F401
