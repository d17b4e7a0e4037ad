"""Tests of the test machinery itself (tests/harness.py and the layout of the suites).

These run without nixeval and without nix-instantiate: a fake evaluator that
replays the recorded outputs must pass every golden check, and fakes that get
one detail wrong must be caught.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import harness
import pytest

LANG = harness.LANG_DIR
SUITES = (harness.LANG_DIR, harness.NEWER_DIR)
ALL_CASES = harness.discover(LANG)
NEWER = harness.read_case_list(LANG / "newer-nix.txt")
NOT_YET = harness.read_case_list(LANG / "notyetpassing.txt")

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
    d = tmp_path / "feature"
    (d / "lib" / "sub").mkdir(parents=True)
    for name in ("eval-okay-a", "eval-fail-b", "parse-fail-c", "parse-okay-d", "helper",
                 "lib/eval-okay-helper", "lib/sub/eval-fail-helper"):
        (d / f"{name}.nix").write_text("1\n")
    (tmp_path / "deeper" / "still").mkdir(parents=True)
    (tmp_path / "deeper" / "still" / "eval-okay-e.nix").write_text("1\n")
    (d / "eval-okay-a.flags").write_text("--eval  --json\n-A x\n")
    cases = {c.id: c for c in harness.discover(tmp_path)}
    assert list(cases) == ["deeper/still/eval-okay-e", "feature/eval-fail-b", "feature/eval-okay-a",
                           "feature/parse-fail-c", "feature/parse-okay-d"]
    a = cases["feature/eval-okay-a"]
    assert (a.stem, a.directory) == ("eval-okay-a", d.resolve())
    assert a.flags == ["--eval", "--json", "-A", "x"]
    assert cases["feature/eval-fail-b"].flags == ["--eval", "--strict"]
    assert cases["feature/parse-fail-c"].flags == ["--parse"]
    assert a.argv[-1] == str(d.resolve() / "eval-okay-a.nix")
    assert a.expected_path.name == "eval-okay-a.exp"
    assert cases["feature/parse-fail-c"].expected_path.name == "parse-fail-c.err.exp"
    assert cases["feature/parse-okay-d"].expected_path.name == "parse-okay-d.exp"  # optional
    assert [c.id for c in harness.discover(tmp_path, "eval-okay")] == [
        "deeper/still/eval-okay-e", "feature/eval-okay-a"]
    (d / "eval-okay-a.exp").write_text("1\n")
    (d / "lib" / "eval-okay-helper.exp").write_text("1\n")
    assert harness.recorded_files(tmp_path) == [d.resolve() / "eval-okay-a.exp",
                                                d.resolve() / "eval-okay-a.flags"]


def test_select_by_id_stem_or_path(tmp_path: Path) -> None:
    (tmp_path / "f").mkdir()
    for name in ("eval-okay-a", "eval-okay-b"):
        (tmp_path / "f" / f"{name}.nix").write_text("1\n")
    cases = harness.discover(tmp_path)
    chosen, unknown = harness.select(
        cases, ["f/eval-okay-b", "eval-okay-a.nix", str(tmp_path / "f" / "eval-okay-b.nix"), "nope"])
    assert [c.id for c in chosen] == ["f/eval-okay-b", "f/eval-okay-a"]
    assert unknown == ["nope"]


def test_read_case_list(tmp_path: Path) -> None:
    p = tmp_path / "list.txt"
    p.write_text(
        '# comment\n\nf/eval-okay-a  # needs X\nf/eval-fail-b.nix reason with "quote"\n'
        'g/parse-okay-c\n'
    )
    assert harness.read_case_list(p) == {
        "f/eval-okay-a": "needs X",
        "f/eval-fail-b": 'reason with "quote"',
        "g/parse-okay-c": "",
    }
    assert harness.read_case_list(tmp_path / "absent.txt") == {}


def test_run_nixeval_passes_the_contract(tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

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


@pytest.mark.parametrize("root", SUITES, ids=lambda r: r.name)
def test_cases_live_in_feature_folders(root: Path) -> None:
    """Every case sits one folder deep, and its stem names it alone in its suite."""
    cases = harness.discover(root)
    assert [c.id for c in cases if c.id.count("/") != 1] == []
    assert len({c.stem for c in cases}) == len(cases)
    stray = sorted(p.name for p in root.glob("*.nix"))
    assert stray == []


def test_every_case_is_recorded() -> None:
    missing = [
        c.id
        for c in ALL_CASES
        if c.category != "parse-okay" and c.id not in NEWER and not c.expected_path.exists()
    ]
    assert missing == [], "run python tests/lang/record.py"


@pytest.mark.parametrize("root", SUITES, ids=lambda r: r.name)
def test_no_orphan_expected_files(root: Path) -> None:
    sources = {c.path.with_suffix("") for c in harness.discover(root)}
    orphans = [str(p.relative_to(root)) for p in harness.recorded_files(root)
               if p.parent / p.name.split(".")[0] not in sources]
    assert orphans == []


def test_lists_name_existing_cases() -> None:
    ids = {c.id for c in ALL_CASES}
    assert sorted(set(NOT_YET) - ids) == []
    assert sorted(set(NEWER) - ids) == []
    for case_id, reason in NEWER.items():
        case = next(c for c in ALL_CASES if c.id == case_id)
        assert case.category == "eval-fail", case_id
        assert reason.count('"') >= 2, f"{case_id}: reason needs a quoted phrase"
        assert not case.expected_path.exists(), f"{case_id} must not be recorded from Nix 2.8"


@pytest.mark.parametrize("root", SUITES, ids=lambda r: r.name)
def test_recorded_output_is_machine_independent(root: Path) -> None:
    here = {str(root), os.path.realpath(root)}
    for p in harness.recorded_files(root):
        text = p.read_text(encoding="utf-8", errors="surrogateescape")
        assert not any(d in text for d in here), p.relative_to(root)


def test_recorded_failures_have_an_error_line() -> None:
    for c in ALL_CASES:
        if c.category in ("eval-fail", "parse-fail") and c.id not in NEWER:
            assert harness.error_line(c.expected() or "") is not None, c.id


# --- the checks against fakes over the whole corpus ---------------------------


def _replay(case: harness.Case, mutate=None):
    """A fake nixeval that prints what the oracle printed (optionally damaged)."""
    expected = case.expected() or ""

    def fake_run(argv, stdout, stderr, stdin=None, env=None, cwd=None):
        assert argv == case.argv and cwd == str(case.directory)
        text = expected if mutate is None else mutate(expected)
        if case.category in ("eval-okay", "parse-okay"):
            stdout.write(text)
            stderr.write(case.expected_stderr() or "")
            return 0
        stderr.write(text)
        return 1

    return harness.run_nixeval(fake_run, case.argv, case.directory)


RECORDED = [c for c in ALL_CASES if c.id not in NEWER]


@pytest.mark.parametrize("case", RECORDED, ids=lambda c: c.id)
def test_replaying_the_oracle_passes(case: harness.Case) -> None:
    assert harness.check_case(case, _replay(case)) == []


def test_damaged_replays_are_caught() -> None:
    okay = [c for c in RECORDED if c.category == "eval-okay"]
    fail = [c for c in RECORDED if c.category in ("eval-fail", "parse-fail")]
    for case in okay:
        assert harness.check_case(case, _replay(case, lambda s: s + "\n")), case.id
        assert harness.check_case(case, _replay(case, lambda s: " " + s)), case.id
    for case in fail:
        damaged = _replay(case, lambda s: s.replace("error: ", "error: X", 1))
        assert harness.check_case(case, damaged), case.id
        if harness.at_line(case.expected() or ""):
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
            if harness.at_line(moved.stderr) != harness.at_line(case.expected() or ""):
                assert harness.check_case(case, moved), case.id
