"""A sampling profile of evaluation time by Nix function, in the collapsed-stack
format flame-graph tools read (`outer;inner;innermost COUNT` per line).

Invariants: zero cost when off. When on, SIGPROF fires every `interval` seconds of
CPU time; the handler reads the Nix call stack off the machine's coroutine frames
(the running segment through `f_back`, the suspended segments through the
scheduler's stack and `cr_await`), naming each function call by the lambda being
applied (`name` or `<lambda>`, with file:line). Nothing in the evaluator is
instrumented.
"""

from __future__ import annotations

import collections
import os
import signal
from types import FrameType
from typing import Any

from nixeval.machine.calls import call_value, eval_tail

_CODES: set[Any] = set()


def _label(frame: FrameType) -> str | None:
    fnode = frame.f_locals.get("fnode")
    if fnode is None:
        return None
    span = fnode.span
    where = "?"
    if span is not None:
        line, _col = span.line_col
        path = span.source.path
        where = f"{os.path.basename(path) if path else '«string»'}:{line}"
    return f"{fnode.name or '<lambda>'} ({where})"


def _frames_of_coroutine(coro: Any) -> list[FrameType]:
    out = []
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is not None:
            out.append(frame)
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    return out


class Profiler:
    def __init__(self, machine: Any, interval: float = 0.001):
        _CODES.update({eval_tail.__code__, call_value.__code__})
        self.machine = machine
        self.interval = interval
        self.samples: collections.Counter[str] = collections.Counter()
        self.busy = False

    def _sample(self, signum: int, frame: FrameType | None) -> None:
        if self.busy:  # a signal arriving while a sample is taken is dropped
            return
        self.busy = True
        try:
            self._take(frame)
        finally:
            self.busy = False

    def _take(self, frame: FrameType | None) -> None:
        labels: list[str] = []
        for coro in list(getattr(self.machine, "segments", ())):
            for f in _frames_of_coroutine(coro):
                if f.f_code in _CODES:
                    lab = _label(f)
                    if lab:
                        labels.append(lab)
        running = []
        fr = frame
        while fr is not None:
            if fr.f_code in _CODES:
                lab = _label(fr)
                if lab:
                    running.append(lab)
            fr = fr.f_back
        labels.extend(reversed(running))
        collapsed: list[str] = []
        for lab in labels:  # fold direct recursion, as flame graphs usually do
            if not collapsed or collapsed[-1] != lab:
                collapsed.append(lab)
        self.samples[";".join(["nix"] + collapsed)] += 1

    def start(self) -> None:
        signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, signal.SIG_DFL)

    def write(self, path: str) -> None:
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            for stack, n in sorted(self.samples.items()):
                f.write(f"{stack} {n}\n")

    def top(self, n: int = 10) -> list[tuple[str, int]]:
        """Self time by innermost function."""
        c: collections.Counter[str] = collections.Counter()
        for stack, k in self.samples.items():
            c[stack.rsplit(";", 1)[-1]] += k
        return c.most_common(n)
