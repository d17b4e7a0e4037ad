"""Every benchmark workload, at a tiny size, gives the same output under
nixeval and nix-instantiate (skipped visibly without nix-instantiate).

nixeval runs in-process (the `nixeval_run` fixture), the reference as a
subprocess; the sizes come from each workload's `test_scale` and keep the
whole file to a few seconds.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.measure import parse_stack, run_child  # noqa: E402
from benchmarks.registry import WORKLOADS, parse_size, size_label  # noqa: E402


@pytest.mark.parametrize("workload", WORKLOADS, ids=[w.name for w in WORKLOADS])
def test_workload_matches_reference(workload, nixeval_run, oracle):
    argv = workload.argv(workload.test_scale)
    theirs = oracle(argv, REPO_ROOT, timeout=60)
    assert theirs.code == 0, f"nix-instantiate failed on {workload.name}: {theirs.stderr}"
    mine = nixeval_run(argv, REPO_ROOT, timeout=60)
    assert mine.code == 0, f"nixeval failed on {workload.name}: {mine.stderr}"
    assert mine.stdout == theirs.stdout


@pytest.mark.parametrize("workload", WORKLOADS, ids=[w.name for w in WORKLOADS])
def test_workload_tiny_size_is_within_oracle_limit(workload):
    assert workload.oracle_can_run(workload.test_scale)
    assert workload.file is not None and workload.file.exists()


def test_size_parsing():
    assert parse_size("1x") == 1 and parse_size("10x") == 10 and parse_size("100") == 100
    assert parse_size("0.05x") == 0.05
    assert size_label(10.0) == "10x" and size_label(0.5) == "0.5x"
    with pytest.raises(ValueError):
        parse_size("big")
    with pytest.raises(ValueError):
        parse_size("0x")


def test_oracle_stack_parsing():
    assert parse_stack("unlimited") == resource.RLIM_INFINITY
    assert parse_stack("64") == 64 * 1024 * 1024
    for bad in ("0", "-1", "lots"):
        with pytest.raises(ValueError):
            parse_stack(bad)


def test_run_child_sets_the_stack_limit():
    # what `--oracle-stack` gives nix-instantiate: its own `ulimit -s`, in KiB
    if resource.getrlimit(resource.RLIMIT_STACK)[1] != resource.RLIM_INFINITY:
        pytest.skip("the hard stack limit is not unlimited here: cannot raise it")
    argv = ["sh", "-c", "ulimit -s"]
    r = run_child(argv, cwd="/", env=dict(os.environ), timeout=30, stack=parse_stack("64"))
    assert r.ok and r.stdout.strip() == "65536"
    r = run_child(argv, cwd="/", env=dict(os.environ), timeout=30, stack=parse_stack("unlimited"))
    assert r.ok and r.stdout.strip() == "unlimited"
