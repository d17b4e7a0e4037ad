"""The one harness of the golden-file suites: case discovery, normalisation, checks.

Used by the golden suites (tests/test_lang.py over tests/lang, tests/test_newer_nix.py
over tests/newer, tests/test_syntax_errors.py), by tests/lang/record.py (recording
from the oracle), tests/test_differential.py and tests/fuzz/mutate.py, so that
recording and checking agree on file names, flags, the `@DIR@` placeholder and what
"the same answer" means.  Nothing here imports nixeval or pytest: the evaluator is
reached through a `runner` callable with the signature of `nixeval.cli.run`, which
lets tests/test_harness.py check this module against a fake evaluator.

Layout of a suite (tests/lang, tests/newer): one folder per language feature
(`attrs/`, `strings/`, `builtins-lists/`...), each holding cases and, in `lib/`,
the helper files its cases read.

Invariants:
- A case is a `<category>-<name>.nix` file in a suite, outside any `lib/` folder;
  its id is its path relative to the suite without `.nix` (`attrs/eval-okay-foo`).
  Stems (`eval-okay-foo`) are unique within a suite too, so a stem names one case.
- Recorded output never contains the absolute directory of the case; it holds
  `@DIR@` instead, and `expand()` puts the real directory back before comparing.
- Every case runs with cwd = its own folder and the absolute path of its .nix file
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
NEWER_DIR = TESTS_DIR / "newer"
DIFF_DIR = TESTS_DIR / "differential"
HELPERS = "lib"  # name of the folders of helper files; they never hold cases
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
    root: Path  # absolute path of the suite it belongs to

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def id(self) -> str:
        """`folder/stem`: the test id, and how lists and record.py name the case."""
        return self.path.relative_to(self.root).with_suffix("").as_posix()

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
    def expected_path(self) -> Path:
        """`.err.exp` (stderr) for the fail categories, `.exp` (stdout) otherwise;
        optional for parse-okay (what `--parse` prints)."""
        if self.category in ("eval-fail", "parse-fail"):
            return self.path.with_suffix(".err.exp")
        return self.path.with_suffix(".exp")

    @property
    def records_stderr(self) -> bool:
        """eval-okay cases named `*-trace*` also record and check their stderr
        (what `builtins.trace` prints) in `NAME.err.exp`."""
        return self.category == "eval-okay" and "-trace" in self.stem

    @property
    def whole_stderr(self) -> bool:
        """Fail cases named `*-fullerr*` compare all of stderr, not only the error line
        and the first position."""
        return "-fullerr" in self.stem

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
        if not p.exists():
            return None
        return expand(p.read_text(encoding="utf-8", errors="surrogateescape"), self.directory)


def category_of(stem: str) -> str | None:
    for cat in CATEGORIES:
        if stem.startswith(cat + "-"):
            return cat
    return None


def _outside_helpers(root: Path, path: Path) -> bool:
    return HELPERS not in path.relative_to(root).parts[:-1]


def discover(root: Path = LANG_DIR, category: str | None = None) -> list[Case]:
    """Every case of the suite `root`, in its feature folders at any depth (files in
    `lib/` folders and files not named after a category are not cases), by id."""
    root = root.resolve()
    cases = []
    for p in root.rglob("*.nix"):
        cat = category_of(p.stem)
        if cat is None or (category is not None and cat != category):
            continue
        if _outside_helpers(root, p):
            cases.append(Case(cat, p, root))
    return sorted(cases, key=lambda c: c.id)


def recorded_files(root: Path = LANG_DIR) -> list[Path]:
    """The expected and flags files of the suite (outside `lib/`), for orphan checks."""
    root = root.resolve()
    return sorted(p for pattern in ("*.exp", "*.flags") for p in root.rglob(pattern)
                  if _outside_helpers(root, p))


def select(cases: list[Case], names: list[str]) -> tuple[list[Case], list[str]]:
    """The cases named by id (`attrs/eval-okay-foo`), stem or path of the .nix file,
    and the names that match none."""
    by_name: dict[str, Case] = {}
    for c in cases:
        by_name[c.id] = by_name[c.stem] = by_name[str(c.path)] = c
    chosen, unknown = [], []
    for name in names:
        key = name.removesuffix(".nix")
        case = by_name.get(key) or by_name.get(str(Path(name).resolve()))
        if case is None:
            unknown.append(name)
        elif case not in chosen:
            chosen.append(case)
    return chosen, unknown


def read_case_list(path: Path) -> dict[str, str]:
    """Parse an `id  reason` list (notyetpassing.txt, newer-nix.txt) into {id: reason}.

    Blank lines and lines starting with '#' are ignored; the reason is the rest of
    the line after the id (a leading '#' or '-' on it is dropped).
    """
    entries: dict[str, str] = {}
    if not path.exists():
        return entries
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        case_id, _, reason = line.partition(" ")
        entries[case_id.removesuffix(".nix")] = reason.strip().lstrip("#-").strip()
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


def check_case(case: Case, outcome: Outcome, newer_nix: str | None = None) -> list[str]:
    """Problems (empty if none) of `outcome` as the answer to `case`: the one comparison
    of every golden suite. `newer_nix` is the case's reason in newer-nix.txt, if listed."""
    if newer_nix is not None:
        return check_newer_nix(outcome, newer_nix)
    expected = case.expected()
    if case.category == "parse-okay":
        return check_parse_okay(outcome, expected)
    if expected is None:
        return [f"{case.expected_path} is missing"]
    if case.category == "eval-okay":
        return check_okay(outcome, expected, case.expected_stderr())
    return check_fail(outcome, expected, whole=case.whole_stderr)


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
        # Only on a difference: the canonicaliser lives with the parse benchmark, and
        # record.py and the fuzzer import this module without the repository on sys.path.
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
