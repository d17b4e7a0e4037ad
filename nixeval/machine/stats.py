"""Evaluation statistics, named as Nix's NIX_SHOW_STATS names them where they mean
the same thing, so a workload can be compared with C++ Nix counter by counter.

Invariants: counting is off unless the evaluation's `stats` holds a `Stats` (the CLI's --stats
flag or NIX_SHOW_STATS=1); every counting site is one `if STATS is not None` test.
Differences from Nix: Nix desugars `-`, `*`, `/`, `<` into primop calls (so its
nrPrimOpCalls counts them); nixeval evaluates them directly.
"""

from __future__ import annotations

import time
from typing import Any

from nixeval.machine.calls import BUDGET


class Stats:
    __slots__ = ("nrThunks", "nrThunksForced", "nrFunctionCalls", "nrPrimOpCalls", "nrLookups",
                 "nrOpUpdates", "nrOpUpdateValuesCopied", "envs", "envElements", "listElements",
                 "listConcats", "sets", "setElements", "start")

    def __init__(self) -> None:
        self.nrThunks = self.nrThunksForced = self.nrFunctionCalls = self.nrPrimOpCalls = 0
        self.nrLookups = self.nrOpUpdates = self.nrOpUpdateValuesCopied = 0
        self.envs = self.envElements = self.listElements = self.listConcats = 0
        self.sets = self.setElements = 0
        self.start = time.process_time()

    def as_json(self, machine: Any = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "cpuTime": round(time.process_time() - self.start, 6),
            "envs": {"number": self.envs, "elements": self.envElements},
            "list": {"elements": self.listElements, "concats": self.listConcats},
            "sets": {"number": self.sets, "elements": self.setElements},
            "nrOpUpdates": self.nrOpUpdates,
            "nrOpUpdateValuesCopied": self.nrOpUpdateValuesCopied,
            "nrThunks": self.nrThunks,
            "nrThunksForced": self.nrThunksForced,
            "nrLookups": self.nrLookups,
            "nrPrimOpCalls": self.nrPrimOpCalls,
            "nrFunctionCalls": self.nrFunctionCalls,
        }
        if machine is not None:
            out["machine"] = {
                "schedulerSteps": machine.steps,
                "maxSegments": machine.max_segments,
                "maxDepthApprox": (machine.max_segments + 1) * BUDGET,
            }
        return out
