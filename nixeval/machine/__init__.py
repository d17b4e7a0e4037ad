"""The evaluation machine: the scheduler loop, thunk forcing, function calls.

Layout (each module says what it owns):

- scheduler.py: the loop that runs evaluation coroutines as segments (the "VM").
- context.py: the running evaluation and how its parameters reach the hot paths.
- env.py: items and environments (let, rec sets, function calls).
- fast.py: the synchronous fast paths and their nesting budget.
- calls.py: forcing thunks, calling functions and builtins, the tail loop.
- nodes.py: the `ev` coroutines of the other nodes; string coercion, deep forcing.
- operators.py: the operators, equality and ordering.
- dispatch.py: which function evaluates which node class.
- requests.py: the contract with builtins (all they import from the machine).
- stats.py, profile.py: the statistics observer and the sampling profiler.

This package exports what hosts (nixeval.evaluation, nixeval.api, nixeval.cli)
use; builtins use requests.py.
"""

from nixeval.machine import dispatch as _dispatch  # noqa: F401 - installs the evaluators
from nixeval.machine.calls import call, call_async, force, run_node
from nixeval.machine.context import activate, current
from nixeval.machine.nodes import coerce_to_string, force_deep
from nixeval.machine.scheduler import HostRequest, Machine, run, spawn

__all__ = ["HostRequest", "Machine", "activate", "call", "call_async", "coerce_to_string", "current",
           "force", "force_deep", "run", "run_node", "spawn"]
