"""The scheduler loop: the "VM" that drives evaluation coroutines.

Evaluation code is `async def` coroutines. A coroutine delegates to a child by a
direct `await` while its segment is shallow; past a depth budget (see `eval.py`) it
hands the child to this loop instead, with `await spawn(child)`. `run` keeps an
explicit stack of suspended segments, so Nix recursion depth costs heap memory, never
Python or C stack.

Invariants:
- The only request a coroutine yields to the loop is a child coroutine (via
  `spawn`): the loop suspends the parent, runs the child to completion, and sends its
  result (or throws its exception) into the parent. The one exception is a
  `HostRequest` (a Python builtin awaiting the host's event loop, see nixeval/api.py):
  driven with `host=True`, `iterate` hands it out to its caller and sends the answer
  back into the same segment; otherwise it is run as a segment like any other (it is
  shaped like a coroutine that finishes at its first `send`).
- Nothing here knows about thunks or values; memoisation is done by the coroutine
  that forces a thunk.
- `run` is re-entrant only in the sense that a nested `run` (e.g. the synchronous
  Python API called from a builtin) gets its own stack; evaluation code must use
  `spawn`, not `run`.
"""

from __future__ import annotations

import types
from collections.abc import Coroutine, Generator
from typing import Any


@types.coroutine
def spawn(child: Coroutine[Any, Any, Any]) -> Generator[Any, Any, Any]:
    """Run `child` as a new segment on the scheduler's stack; evaluates to its result."""
    return (yield child)


class HostRequest:
    """A request for the driver of `Machine.iterate(host=True)` rather than for the
    machine: `awaitable` is to be awaited on the host's event loop."""

    __slots__ = ("awaitable",)

    def __init__(self, awaitable: Any):
        self.awaitable = awaitable


class Machine:
    """Runs one top-level coroutine to completion. `steps` counts segment switches."""

    __slots__ = ("steps", "max_segments", "result", "segments")

    def __init__(self) -> None:
        self.steps = 0
        self.max_segments = 0
        self.result: Any = None
        self.segments: list[Any] = []  # the suspended segments (for the profiler)

    def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        for _ in self.iterate(coro):
            pass
        return self.result

    def iterate(self, coro: Coroutine[Any, Any, Any], every: int = 0,
                host: bool = False) -> Generator[Any, Any, None]:
        """Drive `coro`; when `every` > 0, yield None to the caller every `every` steps
        (the async API uses this to let the host event loop run), and with `host` yield
        each `HostRequest` and send what the caller sends back into the segment that
        made it. An exception the caller throws in at a yield goes to the running
        segment, so every frame unwinds. The result is left in `self.result`."""
        stack: list[Coroutine[Any, Any, Any]] = []
        self.segments = stack
        push = stack.append
        pop = stack.pop
        cur = coro
        val: Any = None
        exc: BaseException | None = None
        steps = 0
        while True:
            try:
                if exc is None:
                    req = cur.send(val)
                else:
                    e, exc = exc, None
                    req = cur.throw(e)
            except StopIteration as stop:
                if not stack:
                    self.steps += steps
                    self.result = stop.value
                    return
                cur = pop()
                val = stop.value
                continue
            except BaseException as e:  # noqa: BLE001 - re-thrown into the parent
                if not stack:
                    self.steps += steps
                    raise
                cur = pop()
                exc = e
                continue
            val = None
            if host and isinstance(req, HostRequest):
                try:
                    val = yield req
                except BaseException as e:  # noqa: BLE001 - thrown into the segment
                    exc = e
                continue
            push(cur)
            cur = req
            steps += 1
            if len(stack) > self.max_segments:
                self.max_segments = len(stack)
            if every and steps % every == 0:
                try:
                    yield None
                except BaseException as e:  # noqa: BLE001 - thrown into the segment
                    exc = e



def run(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run an evaluation coroutine to completion on a fresh machine."""
    return Machine().run(coro)
