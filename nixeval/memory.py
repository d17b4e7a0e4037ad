"""The process's policy for Python's cyclic garbage collector while nixeval works.

One owner for the collector's settings, which are process-wide: the lowering pauses
it, an evaluation raises its thresholds, the command line also freezes the start-up
heap. Each context manager restores what it found, so they nest (the command line
around `Evaluation.run`, a lowering inside an evaluation's `import`) and an embedding
program gets its own settings back. They are classes rather than generator-based
context managers so that nothing is allocated after the collector's state is
restored (an allocation there may start a collection of everything just built).
This module is a leaf: it imports nothing of nixeval.
"""

from __future__ import annotations

import gc

# The cyclic GC's thresholds during evaluation. A young-generation collection costs
# about the same per surviving object whatever its size, but the larger it is the
# more objects die before it (freed by their reference counts), and an evaluation
# smaller than it is never collected at all, as Nix's Boehm GC does not collect
# before its initial heap (384 MiB) is full. 2,500,000 objects (a few hundred MiB)
# against 400,000: -12% wall time on `modules` and -11% on `attrs` at 1x (no
# collection left), -3% to -4% at 10x, for 8-25% more peak memory at 1x and under
# 11% at 10x. The middle generation is collected about as often as before (every
# 5,000,000 objects, was 4,800,000).
GC_THRESHOLDS = (2_500_000, 2, 100)


class evaluating:
    """Evaluation's thresholds (`GC_THRESHOLDS`) meanwhile: evaluation allocates many
    small objects that live long (thunks, environments), which the default
    thresholds would rescan over and over."""

    __slots__ = ("thresholds",)

    def __enter__(self) -> None:
        self.thresholds = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLDS)

    def __exit__(self, *exc: object) -> None:
        gc.set_threshold(*self.thresholds)


class paused:
    """No cyclic collection meanwhile (the lowering: building many objects with the
    collector running is much slower, as it rescans the growing heap, and an AST has
    no cycles to collect)."""

    __slots__ = ("was_enabled",)

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_enabled:
            gc.enable()


class whole_run:
    """The command line's policy for a whole evaluation: the start-up heap (modules,
    the builtins' tables) frozen out of every collection, and evaluation's thresholds
    for parsing the inputs too. Restores the thresholds, the frozen objects and
    whether the collector was enabled."""

    __slots__ = ("was_enabled", "thresholds")

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        self.thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)

    def __exit__(self, *exc: object) -> None:
        gc.set_threshold(*self.thresholds)
        gc.unfreeze()
        if not self.was_enabled:
            gc.disable()
