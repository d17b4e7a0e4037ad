"""nix-instantiate's settings on the command line: `--option NAME VALUE`, `--NAME`
and `--no-NAME` for Boolean settings, `--NAME VALUE` for the others, `--eval-only`
(nixpkgs' lib/tests/modules.sh runs `nix-instantiate --timeout 1 ... --eval-only`).

Compared live with the oracle (skipped visibly without it); the settings the
evaluator reads also change what it does, checked without the oracle.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

FLAG_SETS = [
    ["--timeout", "1"],
    ["--eval-only"],
    ["--keep-going"],
    ["--no-keep-going"],
    ["--max-jobs", "2"],
    ["-j", "2"],
    ["--cores", "3"],
    ["--no-show-trace"],
    ["--allowed-uris", "https://example.org"],
    ["--option", "timeout", "3"],
    ["--option", "foo", "1"],
    ["--option", "pure-eval", "maybe"],
    ["--extra-experimental-features", "nix-command"],
    ["--option", "extra-experimental-features", "flakes"],
    ["--foo"],
    ["--no-max-jobs"],
]


@pytest.mark.parametrize("flags", FLAG_SETS, ids=" ".join)
def test_settings_flags_match_oracle(flags, oracle, nixeval_run) -> None:
    argv = ["--eval", *flags, "-E", "1"]
    want = oracle(argv, HERE)
    got = nixeval_run(argv, HERE)
    assert got.code == want.code
    assert got.stdout == want.stdout
    # Nix names itself by the path it was run as in its usage hint.
    want_err = want.stderr.split("Try '")[0]
    assert got.stderr.split("Try '")[0] == want_err


@pytest.mark.parametrize("argv, error", [
    (["--eval", "--option", "pure-eval", "true", "-E", "builtins.currentTime"],
     "error: attribute 'currentTime' missing"),
    (["--eval", "--pure-eval", "-E", "builtins.currentTime"], "error: attribute 'currentTime' missing"),
    (["--eval", "--option", "restrict-eval", "true", "-E", "builtins.readFile /etc/hostname"],
     "error: access to absolute path '/etc/hostname' is forbidden in restricted mode"),
])
def test_evaluator_settings_take_effect(argv, error, nixeval_run) -> None:
    got = nixeval_run(argv, HERE)
    assert got.code == 1
    assert got.stderr.splitlines()[0] == error


def test_show_trace_option(nixeval_run) -> None:
    expr = "let s = { a = throw \"b\"; }; in s.a"
    plain = nixeval_run(["--eval", "-E", expr], HERE)
    traced = nixeval_run(["--eval", "--option", "show-trace", "true", "-E", expr], HERE)
    assert "while evaluating the attribute 'a'" not in plain.stderr
    assert "while evaluating the attribute 'a'" in traced.stderr


def test_arg_from_stdin() -> None:
    """Nix 2.21 (rl-2.21): `--arg-from-stdin NAME` passes standard input as a string."""
    import io

    from nixeval.cli import run

    out, err = io.StringIO(), io.StringIO()
    code = run(["--eval", "-E", "{ a }: a + \"!\"", "--arg-from-stdin", "a"], out, err,
               stdin=io.StringIO("from\nstdin"), cwd=str(HERE))
    assert (code, out.getvalue(), err.getvalue()) == (0, '"from\\nstdin!"\n', "")


def test_no_show_trace_turns_it_off(nixeval_run) -> None:
    expr = "let s = { a = throw \"b\"; }; in s.a"
    got = nixeval_run(["--eval", "--show-trace", "--no-show-trace", "-E", expr], HERE)
    assert "while evaluating the attribute 'a'" not in got.stderr
