"""Shared logic of the golden-file tests: case discovery, normalisation, checks.

Used by tests/test_lang.py, tests/test_differential.py and tests/lang/record.py,
so that recording and checking agree on file names, flags and the `@DIR@`
placeholder.  Nothing here imports nixeval: the evaluator is reached through a
`runner` callable with the signature of `nixeval.cli.run`, which lets
tests/test_harness.py check this module against a fake evaluator.

Invariants:
- A case is identified by its file stem (`eval-okay-foo`), unique in tests/lang.
- Recorded output never contains the absolute directory of tests/lang; it holds
  `@DIR@` instead, and `expand()` puts the real directory back before comparing.
- Every case runs with cwd = tests/lang and the absolute path of its .nix file
  as the last argument, for the oracle and for nixeval alike.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

TESTS_DIR = Path(__file__).resolve().parent
LANG_DIR = TESTS_DIR / "lang"
DIFF_DIR = TESTS_DIR / "differential"
PLACEHOLDER = "@DIR@"
DEFAULT_EVAL_FLAGS = ["--eval", "--strict"]
CATEGORIES = ("eval-okay", "eval-fail", "parse-fail", "parse-okay")

Runner = Callable[..., int]
"""Signature of nixeval.cli.run(argv, stdout, stderr, stdin=None, env=None, cwd=None)."""


@dataclass(frozen=True)
class Case:
    """One golden case: `<category>-<name>.nix` plus its expected file."""

    category: str
    path: Path  # absolute path of the .nix file

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def directory(self) -> Path:
        return self.path.parent

    @property
    def flags(self) -> list[str]:
        """Command-line flags placed before the file (a .flags file replaces the default)."""
        if self.category in ("parse-fail", "parse-okay"):
            return ["--parse"]
        flags_file = self.path.with_suffix(".flags")
        if flags_file.exists():
            # @DIR@ in a flag stands for the directory of the case (e.g. `-I foo=@DIR@/lib`)
            return [expand(f, self.directory)
                    for f in flags_file.read_text(encoding="utf-8").split()]
        return list(DEFAULT_EVAL_FLAGS)

    @property
    def argv(self) -> list[str]:
        """The flags and the file; when the flags end with `-E`/`--expr`, the file's text
        instead (needed by `--pure-eval` cases: pure mode refuses to read the file)."""
        flags = self.flags
        if flags and flags[-1] in ("-E", "--expr"):
            return [*flags, self.path.read_text(encoding="utf-8")]
        return [*flags, str(self.path)]

    @property
    def expected_path(self) -> Path | None:
        if self.category == "eval-okay":
            return self.path.with_suffix(".exp")
        if self.category in ("eval-fail", "parse-fail"):
            return self.path.with_suffix(".err.exp")
        return self.path.with_suffix(".exp")  # parse-okay: what `--parse` prints

    @property
    def records_stderr(self) -> bool:
        """eval-okay cases named `*-trace*` also record and check their stderr
        (what `builtins.trace` prints) in `NAME.err.exp`."""
        return self.category == "eval-okay" and "-trace" in self.stem

    @property
    def expected_stderr_path(self) -> Path | None:
        return self.path.with_suffix(".err.exp") if self.records_stderr else None

    def expected_stderr(self) -> str | None:
        p = self.expected_stderr_path
        if p is None or not p.exists():
            return None
        return expand(p.read_text(encoding="utf-8", errors="surrogateescape"), self.directory)

    def expected(self) -> str | None:
        """The recorded output with @DIR@ expanded, or None if nothing is recorded."""
        p = self.expected_path
        if p is None or not p.exists():
            return None
        return expand(p.read_text(encoding="utf-8", errors="surrogateescape"), self.directory)


def category_of(stem: str) -> str | None:
    for cat in CATEGORIES:
        if stem.startswith(cat + "-"):
            return cat
    return None


def discover(directory: Path = LANG_DIR, category: str | None = None) -> list[Case]:
    """All cases directly in `directory` (helpers in subdirectories are not cases), sorted."""
    cases = []
    for p in sorted(directory.glob("*.nix")):
        cat = category_of(p.stem)
        if cat is None or (category is not None and cat != category):
            continue
        cases.append(Case(cat, p.resolve()))
    return cases


def read_stem_list(path: Path) -> dict[str, str]:
    """Parse a `stem  reason` list (notyetpassing.txt, newer-nix.txt) into {stem: reason}.

    Blank lines and lines starting with '#' are ignored; the reason is the rest of
    the line after the stem (a leading '#' or '-' on it is dropped).
    """
    entries: dict[str, str] = {}
    if not path.exists():
        return entries
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        stem, _, reason = line.partition(" ")
        stem = stem.removesuffix(".nix")
        entries[stem] = reason.strip().lstrip("#-").strip()
    return entries


# --- normalisation -----------------------------------------------------------


def _dir_spellings(directory: Path) -> list[str]:
    spellings = {str(directory), os.path.realpath(directory)}
    return sorted(spellings, key=len, reverse=True)


def normalise(text: str, directory: Path) -> str:
    """Replace the absolute directory of the cases with @DIR@."""
    for spelling in _dir_spellings(directory):
        text = text.replace(spelling, PLACEHOLDER)
    return text


def expand(text: str, directory: Path) -> str:
    """Inverse of normalise(): put the real (resolved) directory in place of @DIR@."""
    return text.replace(PLACEHOLDER, str(directory))


# --- environment -------------------------------------------------------------


def case_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every case runs in (oracle and nixeval alike).

    NIX_PATH is emptied so `<...>` lookups depend only on -I flags in .flags files.
    """
    env = dict(os.environ if base is None else base)
    for key in list(env):
        if key.startswith("NIX_") and key not in ("NIX_SSL_CERT_FILE",):
            del env[key]
    env["NIX_PATH"] = ""
    env["LC_ALL"] = "C.UTF-8"
    env["TZ"] = "UTC"
    return env


# --- running -----------------------------------------------------------------


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def run_nixeval(runner: Runner, argv: list[str], cwd: Path) -> Outcome:
    """Run nixeval in-process through the `run` contract and capture everything."""
    out, err = io.StringIO(), io.StringIO()
    stdin: TextIO = io.StringIO("")
    code = runner(argv, out, err, stdin=stdin, env=case_env(), cwd=str(cwd))
    return Outcome(code, out.getvalue(), err.getvalue())


def oracle_path() -> str | None:
    return shutil.which("nix-instantiate")


def run_oracle(argv: list[str], cwd: Path, timeout: float = 120) -> Outcome:
    exe = oracle_path()
    if exe is None:
        raise RuntimeError("nix-instantiate not on PATH")
    proc = subprocess.run(
        [exe, *argv],
        cwd=cwd,
        env=case_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
    )
    return Outcome(
        proc.returncode,
        proc.stdout.decode("utf-8", errors="surrogateescape"),
        proc.stderr.decode("utf-8", errors="surrogateescape"),
    )


# --- comparison --------------------------------------------------------------


def error_line(stderr: str) -> str | None:
    """The first line starting with `error:` (Nix may print warnings before it)."""
    for line in stderr.splitlines():
        if line.startswith("error:"):
            return line
    return None


def at_line(stderr: str) -> str | None:
    """The first `at FILE:L:C:` position line, without its indentation."""
    for line in stderr.splitlines():
        s = line.strip()
        if s.startswith("at ") and s.endswith(":"):
            return s
    return None


SYNTAX_ERROR = "error: syntax error"


def _line_of(at: str) -> str:
    """`at FILE:L:C:` -> `FILE:L`."""
    return at.rsplit(":", 3)[0] + ":" + at.rsplit(":", 3)[1]


def check_okay(outcome: Outcome, expected_stdout: str,
               expected_stderr: str | None = None) -> list[str]:
    """Problems (empty if none) for an eval-okay case (stderr too when recorded)."""
    problems = []
    if expected_stderr is not None and outcome.stderr != expected_stderr:
        problems.append(
            f"stderr differs\n--- expected\n{expected_stderr!r}\n--- got\n{outcome.stderr!r}"
        )
    if outcome.code != 0:
        problems.append(f"exit code {outcome.code}, expected 0; stderr:\n{outcome.stderr}")
    if outcome.stdout != expected_stdout:
        problems.append(
            f"stdout differs\n--- expected\n{expected_stdout!r}\n--- got\n{outcome.stdout!r}"
        )
    return problems


def check_fail(outcome: Outcome, expected_stderr: str, whole: bool = False) -> list[str]:
    """Problems for an eval-fail/parse-fail case: exit 1, same error line, same position;
    with `whole` (cases named `*-fullerr*`), the whole stderr exactly (suggestions,
    the --show-trace hint, the trace itself)."""
    problems = []
    if whole:
        if outcome.code != 1:
            problems.append(f"exit code {outcome.code}, expected 1")
        if outcome.stderr != expected_stderr:
            problems.append(f"stderr differs\n--- expected\n{expected_stderr}\n--- got\n{outcome.stderr}")
        return problems
    if outcome.code != 1:
        problems.append(f"exit code {outcome.code}, expected 1")
    want_err = error_line(expected_stderr)
    got_err = error_line(outcome.stderr)
    want_at = at_line(expected_stderr)
    got_at = at_line(outcome.stderr)
    if want_err is not None and want_err.startswith(SYNTAX_ERROR):
        # Bison's wording (the token names, the "expecting" list) cannot be derived
        # from tree-sitter's error recovery: see grammar/README.md. A syntax error
        # must be reported as one, on the same line as Nix reports it.
        if got_err is None or not got_err.startswith(SYNTAX_ERROR):
            problems.append(f"not a syntax error\n  expected: {want_err!r}\n  got:      {got_err!r}")
        if want_at is not None and (got_at is None or _line_of(got_at) != _line_of(want_at)):
            problems.append(f"line differs\n  expected: {want_at!r}\n  got:      {got_at!r}")
        if problems:
            problems.append(f"full stderr:\n{outcome.stderr}")
        return problems
    if want_err is None:
        problems.append(f"recorded stderr has no 'error:' line: {expected_stderr!r}")
    elif got_err != want_err:
        problems.append(f"error line differs\n  expected: {want_err!r}\n  got:      {got_err!r}")
    if want_at is not None:
        if got_at != want_at:
            problems.append(f"position differs\n  expected: {want_at!r}\n  got:      {got_at!r}")
    if problems:
        problems.append(f"full stderr:\n{outcome.stderr}")
    return problems


def check_parse_okay(outcome: Outcome, expected: str | None = None) -> list[str]:
    """exit 0 and, when a `.exp` was recorded, the same `--parse` output up to the
    order of bindings and formals (Nix orders them by its symbol table, which
    nixeval does not imitate; see benchmarks/parse_tree.py)."""
    if outcome.code != 0:
        return [f"exit code {outcome.code}, expected 0; stderr:\n{outcome.stderr}"]
    if expected is not None and outcome.stdout != expected:
        from benchmarks.parse_tree import Canonicaliser

        canon = Canonicaliser()
        ours, theirs = (canon.canonical(t.encode("utf-8", "surrogateescape"))
                        for t in (outcome.stdout, expected))
        if ours is None or ours != theirs:
            return [f"--parse output differs:\n expected: {expected!r}\n      got: {outcome.stdout!r}"]
    return []


def check_newer_nix(outcome: Outcome, reason: str) -> list[str]:
    """Cases where we follow newer Nix than the oracle: nothing is recorded.

    The reason in newer-nix.txt must contain the phrase expected in the error
    line between double quotes, e.g. `... error "integer overflow"`.
    """
    problems = []
    if outcome.code != 1:
        problems.append(f"exit code {outcome.code}, expected 1")
    phrase = reason.split('"')[1] if reason.count('"') >= 2 else None
    line = error_line(outcome.stderr) or ""
    if phrase is None:
        problems.append(f"newer-nix.txt reason has no quoted phrase: {reason!r}")
    elif phrase not in line:
        problems.append(f"error line {line!r} does not contain {phrase!r}")
    if problems:
        problems.append(f"full stderr:\n{outcome.stderr}")
    return problems
