"""Tests of the test machinery itself (tests/harness.py and the corpus layout).

These run without nixeval and without nix-instantiate: a fake evaluator that
replays the recorded outputs must pass every golden check, and fakes that get
one detail wrong must be caught.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import harness
import pytest

LANG = harness.LANG_DIR
ALL_CASES = harness.discover(LANG)
NEWER = harness.read_stem_list(LANG / "newer-nix.txt")
NOT_YET = harness.read_stem_list(LANG / "notyetpassing.txt")

SAMPLE_ERR = (
    "warning: something harmless\n"
    "error: attribute 'b' missing\n"
    "\n"
    "       at /x/eval-fail-a.nix:1:5:\n"
    "\n"
    "            1| { a = 1; }.b\n"
    "             |     ^\n"
    "\n"
    "       … while evaluating\n"
    "\n"
    "       at /x/other.nix:2:1:\n"
)


# --- helpers -----------------------------------------------------------------


def test_normalise_and_expand_round_trip(tmp_path: Path) -> None:
    d = tmp_path / "lang"
    d.mkdir()
    text = f"error: at {d}/eval-fail-x.nix:1:2: and {d}/lib/y.nix"
    norm = harness.normalise(text, d)
    assert str(d) not in norm
    assert norm == "error: at @DIR@/eval-fail-x.nix:1:2: and @DIR@/lib/y.nix"
    assert harness.expand(norm, d) == text


def test_normalise_handles_symlinked_directory(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    os.symlink(real, link)
    text = f"{real}/a {link}/b"
    assert harness.normalise(text, link) == "@DIR@/a @DIR@/b"


def test_error_and_at_lines() -> None:
    assert harness.error_line(SAMPLE_ERR) == "error: attribute 'b' missing"
    assert harness.at_line(SAMPLE_ERR) == "at /x/eval-fail-a.nix:1:5:"
    assert harness.error_line("no error here\n") is None
    assert harness.at_line("error: boom\n") is None


def test_category_and_flags(tmp_path: Path) -> None:
    for name in ("eval-okay-a", "eval-fail-b", "parse-fail-c", "parse-okay-d", "helper"):
        (tmp_path / f"{name}.nix").write_text("1\n")
    (tmp_path / "eval-okay-a.flags").write_text("--eval  --json\n-A x\n")
    cases = {c.stem: c for c in harness.discover(tmp_path)}
    assert set(cases) == {"eval-okay-a", "eval-fail-b", "parse-fail-c", "parse-okay-d"}
    assert cases["eval-okay-a"].flags == ["--eval", "--json", "-A", "x"]
    assert cases["eval-fail-b"].flags == ["--eval", "--strict"]
    assert cases["parse-fail-c"].flags == ["--parse"]
    assert cases["eval-okay-a"].argv[-1] == str(tmp_path.resolve() / "eval-okay-a.nix")
    assert cases["eval-okay-a"].expected_path.name == "eval-okay-a.exp"
    assert cases["parse-fail-c"].expected_path.name == "parse-fail-c.err.exp"
    assert cases["parse-okay-d"].expected_path.name == "parse-okay-d.exp"  # optional: --parse output


def test_read_stem_list(tmp_path: Path) -> None:
    p = tmp_path / "list.txt"
    p.write_text(
        '# comment\n\neval-okay-a  # needs X\neval-fail-b.nix reason with "quote"\nparse-okay-c\n'
    )
    assert harness.read_stem_list(p) == {
        "eval-okay-a": "needs X",
        "eval-fail-b": 'reason with "quote"',
        "parse-okay-c": "",
    }
    assert harness.read_stem_list(tmp_path / "absent.txt") == {}


def test_run_nixeval_passes_the_contract(tmp_path: Path) -> None:
    seen = {}

    def fake_run(argv, stdout, stderr, stdin=None, env=None, cwd=None):
        seen.update(argv=argv, cwd=cwd, env=env, stdin=stdin)
        stdout.write("out\n")
        stderr.write("err\n")
        return 3

    outcome = harness.run_nixeval(fake_run, ["--eval", "/abs/x.nix"], tmp_path)
    assert (outcome.code, outcome.stdout, outcome.stderr) == (3, "out\n", "err\n")
    assert seen["argv"] == ["--eval", "/abs/x.nix"]
    assert seen["cwd"] == str(tmp_path)
    assert seen["env"]["NIX_PATH"] == ""
    assert isinstance(seen["stdin"], io.StringIO)


def test_check_okay() -> None:
    ok = harness.Outcome(0, "1\n", "")
    assert harness.check_okay(ok, "1\n") == []
    assert harness.check_okay(harness.Outcome(0, "1", ""), "1\n")  # missing newline
    assert harness.check_okay(harness.Outcome(1, "1\n", "error: x"), "1\n")


def test_check_fail() -> None:
    exp = "error: attribute 'b' missing\n\n       at /x/eval-fail-a.nix:1:5:\n\n"
    good = harness.Outcome(
        1, "", "error: attribute 'b' missing\n\n       at /x/eval-fail-a.nix:1:5:\n"
    )
    assert harness.check_fail(good, exp) == []
    # Only the error line and the first position are compared, not the excerpt.
    assert harness.check_fail(harness.Outcome(1, "", good.stderr + "   1| different\n"), exp) == []
    assert harness.check_fail(harness.Outcome(2, "", good.stderr), exp)
    assert harness.check_fail(
        harness.Outcome(1, "", "error: attribute 'c' missing\n       at /x/eval-fail-a.nix:1:5:\n"),
        exp,
    )
    assert harness.check_fail(
        harness.Outcome(1, "", "error: attribute 'b' missing\n       at /x/eval-fail-a.nix:1:6:\n"),
        exp,
    )
    assert harness.check_fail(harness.Outcome(1, "", "error: attribute 'b' missing\n"), exp)
    # Without a recorded position, any position (or none) is accepted.
    assert (
        harness.check_fail(
            harness.Outcome(1, "", "error: boom\n       at /y.nix:1:1:\n"), "error: boom\n"
        )
        == []
    )
    # A Python traceback is not an error line.
    assert harness.check_fail(
        harness.Outcome(1, "", "Traceback (most recent call last):\n"), "error: boom\n"
    )


def test_check_newer_nix() -> None:
    reason = 'Nix 2.8 wraps; newer Nix: error "integer overflow"'
    good = harness.Outcome(1, "", "error: integer overflow in adding 1 + 2\n")
    assert harness.check_newer_nix(good, reason) == []
    assert harness.check_newer_nix(harness.Outcome(0, "-9223372036854775808\n", ""), reason)
    assert harness.check_newer_nix(harness.Outcome(1, "", "error: division by zero\n"), reason)
    assert harness.check_newer_nix(good, "no quoted phrase")


def test_case_env_drops_nix_variables() -> None:
    env = harness.case_env({"PATH": "/bin", "NIX_PATH": "nixpkgs=/x", "NIX_SHOW_STATS": "1"})
    assert env["PATH"] == "/bin"
    assert env["NIX_PATH"] == ""
    assert "NIX_SHOW_STATS" not in env


# --- the corpus --------------------------------------------------------------


def test_corpus_is_large_and_covers_every_category() -> None:
    counts = {cat: sum(1 for c in ALL_CASES if c.category == cat) for cat in harness.CATEGORIES}
    assert sum(counts.values()) >= 300, counts
    assert all(n > 0 for n in counts.values()), counts


def test_every_case_is_recorded() -> None:
    missing = [
        c.stem
        for c in ALL_CASES
        if c.expected_path is not None and c.stem not in NEWER and not c.expected_path.exists()
    ]
    assert missing == [], "run python tests/lang/record.py"


def test_no_orphan_expected_files() -> None:
    stems = {c.stem for c in ALL_CASES}
    orphans = [
        p.name
        for p in [*LANG.glob("*.exp"), *LANG.glob("*.flags")]
        if p.name.split(".")[0] not in stems
    ]
    assert orphans == []


def test_lists_name_existing_cases() -> None:
    stems = {c.stem for c in ALL_CASES}
    assert sorted(set(NOT_YET) - stems) == []
    assert sorted(set(NEWER) - stems) == []
    for stem, reason in NEWER.items():
        assert stem.startswith("eval-fail-"), stem
        assert reason.count('"') >= 2, f"{stem}: reason needs a quoted phrase"
        assert not (LANG / f"{stem}.err.exp").exists(), f"{stem} must not be recorded from Nix 2.8"


def test_recorded_output_is_machine_independent() -> None:
    here = {str(LANG), os.path.realpath(LANG)}
    for p in LANG.glob("*.exp"):
        text = p.read_text(encoding="utf-8", errors="surrogateescape")
        assert not any(d in text for d in here), p.name


def test_recorded_failures_have_an_error_line() -> None:
    for c in ALL_CASES:
        if c.category in ("eval-fail", "parse-fail") and c.stem not in NEWER:
            assert harness.error_line(c.expected() or "") is not None, c.stem


# --- the checks against fakes over the whole corpus ---------------------------


def _replay(case: harness.Case, mutate=None):
    """A fake nixeval that prints what the oracle printed (optionally damaged)."""
    expected = case.expected() or ""

    def fake_run(argv, stdout, stderr, stdin=None, env=None, cwd=None):
        assert argv == case.argv and cwd == str(case.directory)
        text = expected if mutate is None else mutate(expected)
        if case.category == "eval-okay":
            stdout.write(text)
            return 0
        if case.category == "parse-okay":
            return 0
        stderr.write(text)
        return 1

    return harness.run_nixeval(fake_run, case.argv, case.directory)


def _check(case: harness.Case, outcome: harness.Outcome) -> list[str]:
    if case.category == "eval-okay":
        return harness.check_okay(outcome, case.expected())
    if case.category == "parse-okay":
        return harness.check_parse_okay(outcome)
    return harness.check_fail(outcome, case.expected())


RECORDED = [c for c in ALL_CASES if c.stem not in NEWER]


@pytest.mark.parametrize("case", RECORDED, ids=lambda c: c.stem)
def test_replaying_the_oracle_passes(case: harness.Case) -> None:
    assert _check(case, _replay(case)) == []


def test_damaged_replays_are_caught() -> None:
    okay = [c for c in RECORDED if c.category == "eval-okay"]
    fail = [c for c in RECORDED if c.category in ("eval-fail", "parse-fail")]
    for case in okay:
        assert _check(case, _replay(case, lambda s: s + "\n")), case.stem
        assert _check(case, _replay(case, lambda s: " " + s)), case.stem
    for case in fail:
        damaged = _replay(case, lambda s: s.replace("error: ", "error: X", 1))
        assert _check(case, damaged), case.stem
        if harness.at_line(case.expected()):
            moved = _replay(
                case,
                lambda s: (
                    s.replace(":1:", ":9:")
                    .replace(":2:", ":9:")
                    .replace(":3:", ":9:")
                    .replace(":4:", ":9:")
                ),
            )
            # Positions on lines other than 1-4 are not damaged by this fake; skip those.
            if harness.at_line(moved.stderr) != harness.at_line(case.expected()):
                assert _check(case, moved), case.stem
