"""Run one evaluator process and measure it.

Invariants:
- Wall time is measured around the child alone (spawn to reap), with
  `time.perf_counter`.
- Peak memory is the child's own `ru_maxrss` from `os.wait4` (KiB on Linux),
  so it is exact per run and does not depend on earlier children.
- A run that exceeds its timeout is killed with its whole process group (it
  runs in a session of its own) and reported as timed out, never retried.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass


@dataclass
class Run:
    wall: float  # seconds
    maxrss_kib: int
    code: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.code == 0 and not self.timed_out

    def error_summary(self) -> str:
        if self.timed_out:
            return f"timeout after {self.wall:.0f} s"
        for line in self.stderr.splitlines():
            if line.startswith("error:"):
                return line
        lines = [l for l in self.stderr.splitlines() if l.strip()]
        return lines[-1] if lines else f"exit status {self.code}"


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def parse_stack(text: str) -> int:
    """A stack limit for `--oracle-stack`: "unlimited" or a size in MiB."""
    if text == "unlimited":
        return resource.RLIM_INFINITY
    try:
        mib = int(text)
    except ValueError:
        mib = 0
    if mib <= 0:
        raise ValueError(f"bad stack limit '{text}' (expected 'unlimited' or a size in MiB)")
    return mib * 1024 * 1024


def run_child(argv: list[str], *, cwd: str, env: dict[str, str], timeout: float,
              stack: int | None = None) -> Run:
    """Run `argv` once; with `stack` (bytes, or RLIM_INFINITY), under that stack
    limit (`ulimit -s`), set in the child before it starts."""
    preexec = None
    if stack is not None:
        def preexec() -> None:
            resource.setrlimit(resource.RLIMIT_STACK, (stack, stack))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        timed_out = threading.Event()

        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            start_new_session=True, preexec_fn=preexec,
        )

        def on_timeout() -> None:
            timed_out.set()
            _kill_group(proc.pid)

        timer = threading.Timer(timeout, on_timeout)
        timer.daemon = True
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        # We reaped the child ourselves; tell Popen so it never waits again.
        proc.returncode = os.waitstatus_to_exitcode(status)
        if timed_out.is_set():
            # Children of the evaluator (if any) die with the group.
            _kill_group(proc.pid)
        out.seek(0)
        err.seek(0)
        return Run(
            wall=wall,
            maxrss_kib=int(usage.ru_maxrss),
            code=proc.returncode,
            stdout=out.read().decode("utf-8", errors="surrogateescape"),
            stderr=err.read().decode("utf-8", errors="surrogateescape"),
            timed_out=timed_out.is_set(),
        )


def child_env() -> dict[str, str]:
    """The environment for both evaluators: no NIX_* settings leaking in."""
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("NIX_") and key != "NIX_SSL_CERT_FILE":
            del env[key]
    env["NIX_PATH"] = ""
    env["LC_ALL"] = "C.UTF-8"
    env["TZ"] = "UTC"
    return env


def python_executable() -> str:
    return sys.executable or "python3"
