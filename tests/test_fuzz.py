"""Fuzz test (issue 14, item 6): seeded mutants of the project's own valid programs.

tests/fuzz/mutate.py makes PER_PROGRAM mutants of every corpus program (golden
cases, differential programs, grammar ok-cases) from a fixed seed, runs each
in-process through nixeval with a time limit and, when nix-instantiate is on PATH,
through it too (two at a time, concurrently).  Fails on a Python traceback, an
internal error, a hang, or an exit code that differs from nix-instantiate's
unless a documented filter (deliberate differences) or
tests/fuzz/known-disagreements.txt (strict expected failures) accounts for it.

Also: the hostile inputs of issue 14 that already behave, as regression tests.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import harness
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))

import mutate  # noqa: E402

PER_PROGRAM = 3
KNOWN = mutate.read_known()


@pytest.fixture(scope="module")
def programs() -> list[mutate.Program]:
    return mutate.corpus()


@pytest.fixture(scope="module")
def mutants(programs) -> list[mutate.Mutant]:
    return mutate.generate(PER_PROGRAM * len(programs), mutate.DEFAULT_SEED, programs)


@pytest.fixture(scope="module")
def report(mutants, nixeval_cli_run) -> mutate.Report:
    return mutate.check(mutants, runner=nixeval_cli_run)


def fail_with(report: mutate.Report, bad: list[mutate.Mutant], what: str) -> None:
    if bad:
        lines = [f"{len(bad)} {what} (print one with python tests/fuzz/mutate.py --show ID):"]
        lines += [report.line(m) + "\n" + report.mine[m.id].stderr[-2000:] for m in bad[:20]]
        lines.append(report.summary(KNOWN))
        pytest.fail("\n".join(lines), pytrace=False)


def test_corpus_and_mutants(programs, mutants) -> None:
    assert len(programs) >= 1000
    assert len(mutants) >= 3000
    assert len({m.id for m in mutants}) == len(mutants)
    # deterministic: the same seed gives the same bytes, flags and mutations
    again = mutate.generate(50, mutate.DEFAULT_SEED, programs)
    assert again == mutants[:50]
    ops = " ".join(op for m in mutants for op in m.ops)
    for kind in ("tok-delete", "tok-swap", "tok-insert", "tok-duplicate", "byte-insert",
                 "byte-delete", "byte-replace", "truncate", "\\x00", "\\r"):
        assert kind in ops, kind
    assert any(m.flags == ("--parse",) for m in mutants)


def test_checker_catches_each_kind_of_failure() -> None:
    """mutate.check against a fake evaluator: a hang, an escaped exception, an internal
    error and a plain exit are each classified as such (no oracle involved)."""
    import time

    def fake(argv, out, err, stdin=None, env=None, cwd=None):  # noqa: ARG001
        text = Path(argv[-1]).read_bytes()
        if text == b"hang":
            while True:
                time.sleep(0.01)
        if text == b"crash":
            raise ValueError("boom")
        if text == b"internal":
            err.write("error: nixeval internal error (a bug in nixeval, please report it): X\n")
        return 1 if text != b"ok" else 0

    ms = [mutate.Mutant(f"fake/p~{i}", t, ("--eval", "--strict"), ())
          for i, t in enumerate([b"hang", b"crash", b"internal", b"ok"])]
    rep = mutate.check(ms, limit=0.3, use_oracle=False, runner=fake)
    assert [rep.mine[m.id].kind for m in ms] == ["hang", "crash", "exit", "exit"]
    assert [rep.verdicts[m.id] for m in ms] == ["hang", "internal", "internal", "unchecked"]
    ok = mutate.Result("exit", 0, "", 0.0)
    overflow = mutate.Result("exit", 1, "error: integer overflow\n", 0.0)
    stack = mutate.Result("exit", 1, "error: stack overflow (possible infinite recursion)\n", 0.0)
    assert mutate.verdict(overflow, ok) == "filter:integer-overflow"
    assert mutate.verdict(ok, stack) == "filter:no-stack-limit"
    assert mutate.verdict(mutate.Result("hang", None, "", 5.0), stack) == "disagree"
    assert mutate.verdict(overflow, mutate.Result("hang", None, "", 5.0)) == "oracle-hang"


def test_no_traceback_or_internal_error(report) -> None:
    fail_with(report, report.by_verdict("internal"), "internal errors or tracebacks")


def test_no_hang(report) -> None:
    hangs = [m for m in report.mutants if report.mine[m.id].kind == "hang"
             and report.verdicts[m.id] != "oracle-hang" and m.id not in KNOWN]
    fail_with(report, hangs, f"mutants ran past {mutate.DEFAULT_LIMIT:g} s")


def test_exit_codes_agree(report, oracle) -> None:  # noqa: ARG001 - skips without nix
    new = [m for m in report.by_verdict("disagree") if m.id not in KNOWN]
    fail_with(report, new, "exit-code disagreements with nix-instantiate")


# Issue 14, item 2: over the mutants both reject with a syntax error, the share with
# the same `error: syntax error, unexpected ...` line and the same `at FILE:L:C:`
# line as nix-instantiate (nixeval/syntax/diagnose.py).  Measured: 100% at seed 14
# (and 100% of 2211 at seed 7, `python tests/fuzz/mutate.py --count 3000 --seed 7`).
SYNTAX_AGREEMENT = 0.98


def test_syntax_error_agreement(report, oracle) -> None:  # noqa: ARG001 - skips without nix
    both, same_at, same_err, _ = report.syntax_agreement()
    assert both >= 1000
    if same_at < SYNTAX_AGREEMENT * both or same_err < SYNTAX_AGREEMENT * both:
        pytest.fail(f"syntax errors in both: {both}; same line:col {same_at}, same error "
                    f"line {same_err} (want {SYNTAX_AGREEMENT:.0%} of each):\n"
                    + report.syntax_differences()[-6000:], pytrace=False)


def test_known_ids_are_mutants(mutants) -> None:
    ids = {m.id for m in mutants}
    stale = sorted(set(KNOWN) - ids)
    assert not stale, f"known-disagreements.txt names mutants the test does not make: {stale}"


@pytest.mark.parametrize("mutant_id", [
    pytest.param(mid, marks=pytest.mark.xfail(strict=True, reason=reason))
    for mid, reason in KNOWN.items()])
def test_known_disagreement(mutant_id: str, report, oracle) -> None:  # noqa: ARG001
    """Strict expected failure: passing means the mutant now agrees; remove its line."""
    assert report.verdicts.get(mutant_id) != "disagree", report.line(
        next(m for m in report.mutants if m.id == mutant_id))


# --- hostile inputs (issue 14) that already behave -----------------------------------

# (id, program bytes, flags, exit code, stdout bytes or None); the runaway programs
# (`let f = x: f x; in f 1`, ...) do not terminate yet (item 1) and are not here, nor are
# inputs where nixeval still differs (a NUL byte inside a string or a comment).
HOSTILE = [
    ("open-set", b"{ a = ", ["--eval", "--strict"], 1, None),
    ("let-in", b"let in", ["--eval", "--strict"], 1, None),
    ("plus-eof", b"1 +", ["--eval", "--strict"], 1, None),
    ("open-paren", b"(1", ["--eval", "--strict"], 1, None),
    ("open-paren-parse", b"(1", ["--parse"], 1, None),
    ("bare-cr", b"1 +\r\r2", ["--eval", "--strict"], 0, b"3\n"),
    ("bare-cr-eof", b"1 +\r2 +\r\n", ["--eval", "--strict"], 1, None),
    ("at-pattern-uri", b"{ x, y ? 1, ... }@a:x", ["--eval", "--strict"], 1, None),
    ("hash-invalid-utf8", b'builtins.hashString "sh\xb6256" "x"', ["--eval", "--strict"], 1, None),
    ("trace-invalid-utf8", b'builtins.trace "a\xb6b" 1', ["--eval", "--strict"], 0, b"1\n"),
    ("string-invalid-utf8", b'"a\xb6b\xff"', ["--eval", "--strict"], 0, b'"a\xb6b\xff"\n'),
    ("empty", b"", ["--eval", "--strict"], 1, None),
    ("interp-eof", b'"${', ["--eval", "--strict"], 1, None),
    ("indent-eof", b"''${x", ["--eval", "--strict"], 1, None),
    ("comment-eof", b"/* 1", ["--eval", "--strict"], 1, None),
]


def run_bytes(runner, argv: list[str], cwd: Path) -> tuple[int, bytes, bytes]:
    """Through byte streams decoded as the nixeval command's own (surrogateescape)."""
    bout, berr = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(bout, encoding="utf-8", errors="surrogateescape", newline="")
    err = io.TextIOWrapper(berr, encoding="utf-8", errors="surrogateescape", newline="")
    code = runner(argv, out, err, stdin=io.StringIO(""), env=mutate.nixeval_env(), cwd=str(cwd))
    out.flush()
    err.flush()
    return code, bout.getvalue(), berr.getvalue()


@pytest.mark.parametrize("name,text,flags,code,stdout", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input(name, text, flags, code, stdout, tmp_path, nixeval_cli_run,
                       oracle_available) -> None:
    path = tmp_path / "hostile.nix"
    path.write_bytes(text)
    argv = [*flags, str(path)]
    with mutate.time_limit(30):
        got_code, got_out, got_err = run_bytes(nixeval_cli_run, argv, tmp_path)
    assert b"Traceback" not in got_err and b"internal error" not in got_err, got_err
    assert got_code == code, got_err
    if stdout is not None:
        assert got_out == stdout
    if code == 1:
        assert got_err.startswith(b"error: "), got_err
    if name == "trace-invalid-utf8":
        assert got_err == b"trace: a\xb6b\n"
    if oracle_available:  # the table itself is checked against nix-instantiate
        want = harness.run_oracle(argv, tmp_path, timeout=30)
        assert want.code == code, want.stderr
        if stdout is not None:
            assert want.stdout.encode("utf-8", "surrogateescape") == stdout
