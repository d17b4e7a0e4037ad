"""The evaluation the machine is running, and how its parameters reach the hot paths.

The machine's modules are stateless functions over values and environments; what
belongs to one evaluation (its settings, its statistics observer, its limits) lives
on the `Evaluation` object. `activate(evaluation)` makes it the running one (the
scheduler runs one evaluation at a time; the async API activates its evaluation
around every slice it runs, so two evaluations in one process never see each
other's state).

Invariants:
- `current()` is the running evaluation (None outside any run).
- A module whose hot path reads a parameter of the evaluation (the statistics
  observer, `max-call-depth`, the memory budget) keeps it in a module global and
  registers a `configure(evaluation)` hook with `on_activate`; `activate` calls every
  hook, so the globals always describe the running evaluation. The hook lives in the
  module that owns the globals (a function rebinding a global must), and reading a
  module global is the cheapest access CPython has, which the hot paths need.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

_current: Any = None
_hooks: list[Callable[[Any], None]] = []


def current() -> Any:
    """The `Evaluation` in progress."""
    return _current


def on_activate(hook: Callable[[Any], None]) -> None:
    """Register `hook(evaluation or None)`, called at every `activate` (and now)."""
    _hooks.append(hook)
    hook(_current)


def activate(evaluation: Any) -> Any:
    """Make `evaluation` (or None) the running one; returns the one it replaces."""
    global _current
    old = _current
    _current = evaluation
    for hook in _hooks:
        hook(evaluation)
    return old


def resident_bytes() -> int:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_SIZE
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


try:
    _PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):
    _PAGE_SIZE = 4096
