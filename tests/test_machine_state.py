"""State that belongs to one evaluation lives on it (issue 15, item 5): its statistics
observer and its limits reach the machine's hot paths only while it runs
(nixeval/machine/context.py), so two evaluations in one process, run one after the
other or interleaved, never see each other's."""

from __future__ import annotations

import pytest

from nixeval import machine
from nixeval.errors import StackOverflow
from nixeval.evaluation import Evaluation
from nixeval.machine.stats import Stats
from nixeval.settings import Settings

PROGRAM = "let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 2000"


def _counts(stats: Stats) -> dict[str, int]:
    return {name: getattr(stats, name) for name in Stats.__slots__ if name != "start"}


def test_statistics_are_counted_for_their_evaluation_only() -> None:
    observed = Evaluation()
    observed.stats = Stats()
    other = Evaluation()
    assert observed.eval_string(PROGRAM) == 2000
    before = _counts(observed.stats)
    assert before["nrFunctionCalls"] >= 2000
    assert other.eval_string(PROGRAM) == 2000
    assert other.stats is None
    assert _counts(observed.stats) == before
    assert machine.current() is None


def test_limits_belong_to_their_evaluation() -> None:
    settings = Settings()
    settings.set("max-call-depth", "100")
    limited = Evaluation(settings=settings)
    free = Evaluation()
    with pytest.raises(StackOverflow):
        limited.eval_string(PROGRAM)
    assert free.eval_string(PROGRAM) == 2000
    with pytest.raises(StackOverflow):
        limited.eval_string(PROGRAM)


def test_interleaved_evaluations_keep_their_own_parameters() -> None:
    """Two evaluations driven slice by slice, alternately (as the async API does when
    two hosts' tasks share a thread): each slice runs with its own parameters."""
    settings = Settings()
    settings.set("max-call-depth", "100")
    limited = Evaluation(settings=settings)
    observed = Evaluation()
    observed.stats = Stats()
    runs = [(observed, observed.machine.iterate(machine.run_node(observed.parse_string(PROGRAM),
                                                                 observed.global_env), every=1)),
            (limited, limited.machine.iterate(machine.run_node(limited.parse_string(PROGRAM),
                                                               limited.global_env), every=1))]
    outcome: dict[int, object] = {}
    while runs:
        for entry in list(runs):
            ev, it = entry
            old = machine.activate(ev)
            try:
                next(it)
            except StopIteration:
                outcome[id(ev)] = ev.machine.result
                runs.remove(entry)
            except StackOverflow as e:
                outcome[id(ev)] = e
                runs.remove(entry)
            finally:
                machine.activate(old)
    assert outcome[id(observed)] == 2000
    assert isinstance(outcome[id(limited)], StackOverflow)
    assert observed.stats.nrFunctionCalls >= 2000


def test_the_python_api_switches_statistics_on() -> None:
    import nixeval

    counted = nixeval.Evaluator(stats=True)
    quiet = nixeval.Evaluator()
    assert counted.evaluate(PROGRAM) == 2000
    assert quiet.evaluate(PROGRAM) == 2000
    stats = counted.statistics()
    assert stats["nrFunctionCalls"] >= 2000 and stats["nrThunks"] > 0
    with pytest.raises(ValueError):
        quiet.statistics()
