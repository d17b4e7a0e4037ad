"""Seeded mutation fuzzing of nixeval, checked against nix-instantiate (issue 14, item 6).

The corpus is the project's own valid programs (the cases of tests/lang,
tests/differential/*.nix, grammar/cases/*.ok.nix).  Each corpus file gives
mutants `<name>~<k>` (k = 0, 1, ...), each made by one to three mutations
(token-level: delete, duplicate, swap, copy, replace, insert operators, brackets,
quotes, `${`, `''`, `//`, `:`, `@`, commas, keywords; byte-level: insert, delete,
replace bytes, NUL, CR, invalid UTF-8; truncation).  A mutant depends only on the
seed, its corpus file's name and text and k: adding corpus files or asking for
more mutants never changes an existing one.  Nothing is stored; mutants are
written to a temporary directory at run time.

Each mutant runs in-process through nixeval.cli.run (`--eval --strict`, some
`--parse`) with a wall-clock limit, and through nix-instantiate (when on PATH)
with the same limit, two at a time, while nixeval runs.  Verdicts:

- a Python exception escaping `run`, or "Traceback"/"nixeval internal error" on
  stderr: always a failure;
- nixeval past its limit ("hang"): a failure, unless nix-instantiate also times
  out (then the mutant is skipped) or the mutant is listed as known;
- exit codes that differ: a failure, unless a documented FILTER explains it (a
  deliberate difference, DIFFERENCES.md) or the mutant is listed in
  known-disagreements.txt (real bugs not fixed yet; checked as strict expected
  failures by tests/test_fuzz.py).

Command line (the same check at a larger size, with a summary):

    python tests/fuzz/mutate.py --count 20000 --seed 1
    python tests/fuzz/mutate.py --show 'lang/eval-okay-foo~3'    # print one mutant
    python tests/fuzz/mutate.py --count 3000 --seed 7 --syntax-diff

The summary counts, over the mutants both reject with a syntax error, those with the
same `error:` line and the same `at FILE:L:C:` line (issue 14, item 2; checked by
tests/test_fuzz.py); `--syntax-diff` lists the others.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

FUZZ_DIR = Path(__file__).resolve().parent
TESTS_DIR = FUZZ_DIR.parent
REPO = TESTS_DIR.parent
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

import harness  # noqa: E402

KNOWN_FILE = FUZZ_DIR / "known-disagreements.txt"
DEFAULT_SEED = 14
DEFAULT_LIMIT = 5.0  # seconds per mutant, for nixeval and for nix-instantiate
PARSE_SHARE = 0.15  # share of mutants run with --parse instead of --eval --strict

CORPUS_DIRS = (
    ("differential", TESTS_DIR / "differential", "*.nix"),
    ("grammar", REPO / "grammar" / "cases", "*.ok.nix"),
)
# Corpus files containing these are left out: Nix fetches (network, its store and
# caches) even with --eval, and nixeval has no network.  Mutants containing them
# (built from tokens of other files) are dropped too.
UNSAFE = (b"fetch", b"exec", b"importNative")


# --- the corpus ----------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    name: str  # "lang/eval-okay-foo", "differential/arith-000", "grammar/crlf.ok"
    text: bytes
    # The helper files its mutants may read as ./lib/... (a golden case's lib/ folder).
    helpers: Path | None = None


def corpus() -> list[Program]:
    """The golden cases, named `lang/<stem>` and ordered by file name (not by folder,
    so that a case moving to another folder keeps its mutants and their order), then
    the differential and grammar programs."""
    cases = sorted(harness.discover(harness.LANG_DIR), key=lambda c: c.path.name)
    found: list[tuple[str, Path, Path | None]] = [
        (f"lang/{c.stem}", c.path, c.directory / harness.HELPERS) for c in cases]
    for prefix, directory, pattern in CORPUS_DIRS:
        found += [(f"{prefix}/{path.name.removesuffix('.nix')}", path, None)
                  for path in sorted(directory.glob(pattern))]
    programs = []
    for name, path, helpers in found:
        text = path.read_bytes()
        if not any(word in text for word in UNSAFE):
            programs.append(Program(name, text, helpers))
    return programs


# --- mutations -------------------------------------------------------------------

# An approximate Nix tokenizer: good enough to cut programs at token boundaries.
_TOKEN = re.compile(
    rb"""[ \t\r\n]+
       | \#[^\n]*
       | /\*.*?\*/
       | \$\{ | '' | \.\.\. | // | \+\+ | == | != | <= | >= | && | \|\| | ->
       | [A-Za-z_][A-Za-z0-9_'-]*
       | [0-9]+(?:\.[0-9]*)?
       | .""",
    re.X | re.S,
)

FRAGMENTS = [
    b"+", b"-", b"*", b"/", b"++", b"//", b"==", b"!=", b"<", b">", b"<=", b">=",
    b"&&", b"||", b"->", b"!", b"?", b".", b":", b"@", b",", b";", b"=", b"...",
    b"(", b")", b"[", b"]", b"{", b"}", b"{ }", b"[ ]", b"( )",
    b'"', b"''", b"${", b"${x}", b"'", b"$", b"\\", b"''$", b"''\\", b"'''",
    b"#", b"/*", b"*/", b"\n", b"\r", b"\r\n", b"\t",
    b"rec", b"let", b"in", b"with", b"inherit", b"if", b"then", b"else", b"assert",
    b"or", b"null", b"true", b"false", b"x", b"a.b", b"__curPos", b"builtins",
    b"0", b"-1", b"1.5", b".5", b"1e3", b"9223372036854775807",
    b"./p", b"./lib", b"<x>", b"~/x", b"a:x", b"http://x.y/z", b"x: x", b"{ x }@y: y",
]
SPECIAL_BYTES = [0x00, 0x0D, 0x0A, 0x09, 0x22, 0x27, 0x24, 0x7B, 0x7D, 0x5C, 0x23, 0x2F,
                 0x80, 0xB6, 0xC3, 0xE2, 0xFF]
INVALID_UTF8 = [b"\xc3", b"\xff", b"\xfe\xff", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe2\x82",
                b"\x80\x80"]


def tokens(text: bytes) -> list[bytes]:
    return _TOKEN.findall(text)


def _solid(toks: list[bytes]) -> list[int]:
    """Indices of tokens that are not whitespace."""
    return [i for i, t in enumerate(toks) if not t.isspace()]


def _pad(rng: random.Random, fragment: bytes) -> bytes:
    r = rng.random()
    if r < 0.4:
        return fragment
    if r < 0.7:
        return b" " + fragment + b" "
    return b" " + fragment if r < 0.85 else fragment + b" "


def _tok_op(rng: random.Random, text: bytes) -> tuple[bytes, str]:
    toks = tokens(text)
    solid = _solid(toks)
    if not solid:
        return _byte_op(rng, text)
    op = rng.choice(["delete", "delete-span", "duplicate", "swap-next", "swap", "copy",
                     "replace", "insert", "insert", "insert"])
    i = rng.choice(solid)
    shown = toks[i][:12]
    if op == "delete":
        del toks[i]
    elif op == "delete-span":
        j = solid.index(i)
        end = solid[min(len(solid) - 1, j + rng.randint(1, 5))]
        del toks[i:end + 1]
    elif op == "duplicate":
        toks.insert(i + 1, (b" " if rng.random() < 0.5 else b"") + toks[i])
    elif op == "swap-next":
        j = solid.index(i)
        if j + 1 < len(solid):
            k = solid[j + 1]
            toks[i], toks[k] = toks[k], toks[i]
    elif op == "swap":
        k = rng.choice(solid)
        toks[i], toks[k] = toks[k], toks[i]
    elif op == "copy":
        toks.insert(i, _pad(rng, toks[rng.choice(solid)]))
    elif op == "replace":
        shown = rng.choice(FRAGMENTS)
        toks[i] = shown
    else:  # insert
        shown = rng.choice(FRAGMENTS)
        toks.insert(rng.randint(0, len(toks)), _pad(rng, shown))
    return b"".join(toks), f"tok-{op} {shown!r}@{i}"


def _byte_op(rng: random.Random, text: bytes) -> tuple[bytes, str]:
    op = rng.choice(["insert", "insert", "delete", "replace", "invalid-utf8", "truncate"])
    pos = rng.randint(0, len(text))
    if op == "truncate":
        return text[:pos], f"truncate@{pos}"
    if op == "invalid-utf8":
        seq = rng.choice(INVALID_UTF8)
        return text[:pos] + seq + text[pos:], f"byte-insert {seq!r}@{pos}"
    if op == "delete":
        n = rng.randint(1, 3)
        return text[:pos] + text[pos + n:], f"byte-delete {n}@{pos}"
    b = rng.choice(SPECIAL_BYTES) if rng.random() < 0.7 else rng.randrange(256)
    if op == "insert":
        return text[:pos] + bytes([b]) + text[pos:], f"byte-insert {bytes([b])!r}@{pos}"
    if pos == len(text):
        pos = max(0, pos - 1)
    return text[:pos] + bytes([b]) + text[pos + 1:], f"byte-replace {bytes([b])!r}@{pos}"


def mutate(rng: random.Random, text: bytes) -> tuple[bytes, list[str]]:
    """One to three mutations: mostly token-level, some byte-level, a few truncations."""
    ops = []
    for _ in range(rng.choice([1, 1, 1, 1, 1, 1, 2, 2, 2, 3])):
        if rng.random() < 0.75:
            text, what = _tok_op(rng, text)
        else:
            text, what = _byte_op(rng, text)
        ops.append(what)
    return text, ops


@dataclass(frozen=True)
class Mutant:
    id: str  # "<program name>~<k>"
    text: bytes
    flags: tuple[str, ...]
    ops: tuple[str, ...]
    helpers: Path | None = None  # its program's helper files, copied next to it

    @property
    def relpath(self) -> str:
        """Where the mutant is written, relative to the work directory: one directory
        per corpus program, so `./.` and `readDir ./.` see only its siblings."""
        name, _, k = self.id.partition("~")
        return f"{name.replace('/', '__')}/{k}.nix"


def make_mutant(program: Program, k: int, seed: int) -> Mutant | None:
    rng = random.Random(f"{seed}/{program.name}/{k}")
    for _ in range(5):
        text, ops = mutate(rng, program.text)
        if text != program.text:
            break
    flags = ("--parse",) if rng.random() < PARSE_SHARE else ("--eval", "--strict")
    if any(word in text for word in UNSAFE):
        return None
    return Mutant(f"{program.name}~{k}", text, flags, tuple(ops), program.helpers)


def generate(count: int, seed: int = DEFAULT_SEED,
             programs: list[Program] | None = None) -> list[Mutant]:
    """`count` mutants, k-major (every program's ~0, then every program's ~1, ...)."""
    programs = corpus() if programs is None else programs
    out: list[Mutant] = []
    k = 0
    while len(out) < count and programs:
        for program in programs:
            if len(out) >= count:
                break
            m = make_mutant(program, k, seed)
            if m is not None:
                out.append(m)
        k += 1
    return out


def write_mutants(mutants: Iterable[Mutant], workdir: Path) -> None:
    """Each program's directory gets its mutants and, when the mutant mentions
    `lib`, a copy of its program's helper files (the golden case's lib/ folder)."""
    made: set[Path] = set()
    for m in mutants:
        path = workdir / m.relpath
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if (b"lib" in m.text and m.helpers is not None and m.helpers.is_dir()
                and not (path.parent / "lib").exists()):
            shutil.copytree(m.helpers, path.parent / "lib", symlinks=True)
        path.write_bytes(m.text)


# --- running -----------------------------------------------------------------------


@dataclass
class Result:
    kind: str  # "exit", "hang" (past the limit), "crash" (a Python exception escaped)
    code: int | None
    stderr: str
    seconds: float

    @property
    def error(self) -> str:
        return harness.error_line(self.stderr) or ""

    @property
    def internal(self) -> bool:
        """A Python traceback or an internal error, whatever the exit code."""
        return self.kind == "crash" or "Traceback (most recent call last)" in self.stderr \
            or "nixeval internal error" in self.stderr

    def describe(self) -> str:
        if self.kind != "exit":
            return self.kind
        return f"exit {self.code}" + (f" ({self.error[:100]})" if self.error else "")


class Hang(BaseException):
    """Raised by SIGALRM inside nixeval: a BaseException, so that nixeval's own
    `except Exception` (which reports internal errors) does not catch it."""


def nixeval_env() -> dict[str, str]:
    env = harness.case_env()
    env["NIXEVAL_DEBUG"] = "1"  # the Python traceback with any internal error
    env["NIXEVAL_CACHE"] = "0"  # write no parse cache
    return env


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang in the main thread after `seconds`, and again every 0.5 s after that
    in case the code under test swallows one."""
    armed = [True]

    def on_alarm(signum, frame):  # noqa: ARG001
        if armed[0]:
            raise Hang

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_nixeval(m: Mutant, workdir: Path, limit: float, runner: Callable[..., int]) -> Result:
    """In-process, on the main thread (SIGALRM)."""
    path = workdir / m.relpath
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    try:
        with time_limit(limit):
            code = runner([*m.flags, str(path)], out, err, stdin=io.StringIO(""),
                          env=nixeval_env(), cwd=str(path.parent))
        result = Result("exit", code, err.getvalue(), 0.0)
    except Hang:
        result = Result("hang", None, err.getvalue(), 0.0)
    except Exception:  # noqa: BLE001 - escaped from run(): the finding itself
        result = Result("crash", None, err.getvalue() + traceback.format_exc(), 0.0)
    result.seconds = time.monotonic() - start
    return result


def run_oracle(m: Mutant, workdir: Path, limit: float) -> Result:
    exe = harness.oracle_path()
    assert exe is not None
    path = workdir / m.relpath
    start = time.monotonic()
    try:
        proc = subprocess.run([exe, *m.flags, str(path)], cwd=path.parent, env=harness.case_env(),
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return Result("hang", None, "", time.monotonic() - start)
    return Result("exit", proc.returncode, proc.stderr.decode("utf-8", "replace"),
                  time.monotonic() - start)


# --- verdicts ------------------------------------------------------------------------


def _overflow(mine: Result, theirs: Result) -> bool:
    return mine.code == 1 and theirs.code == 0 and "overflow" in mine.error


def _deep(mine: Result, theirs: Result) -> bool:
    return mine.code == 0 and theirs.code == 1 and "stack overflow" in theirs.stderr


# Deliberate differences (DIFFERENCES.md): an exit-code disagreement they explain is
# counted under its name, never silently.  Anything else must agree or be listed in
# known-disagreements.txt.
FILTERS: dict[str, Callable[[Result, Result], bool]] = {
    # "Deliberate: we follow newer Nix": 2.8 wraps around, nixeval reports the overflow.
    "integer-overflow": _overflow,
    # "Deliberate: no stack limit": deep recursion evaluates where 2.8 overflows its stack.
    "no-stack-limit": _deep,
}


def verdict(mine: Result, theirs: Result | None) -> str:
    """"internal", "hang", "agree", "oracle-hang", "filter:<name>", "disagree",
    or "unchecked" (no oracle, nixeval exited without an internal error)."""
    if mine.internal:
        return "internal"
    if theirs is None:
        return "hang" if mine.kind == "hang" else "unchecked"
    if theirs.kind == "hang":
        return "oracle-hang"
    if mine.kind == "exit" and mine.code == theirs.code:
        return "agree"
    for name, explains in FILTERS.items():
        if mine.kind == "exit" and explains(mine, theirs):
            return f"filter:{name}"
    return "disagree"


def read_known(path: Path = KNOWN_FILE) -> dict[str, str]:
    """`id  reason` lines (blank lines and `#` comments ignored)."""
    known: dict[str, str] = {}
    if path.exists():
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if line and not line.startswith("#"):
                mid, _, reason = line.partition(" ")
                known[mid] = reason.strip()
    return known


@dataclass
class Report:
    mutants: list[Mutant]
    mine: dict[str, Result]
    theirs: dict[str, Result] | None  # None: nix-instantiate not on PATH
    verdicts: dict[str, str]
    seconds: float

    def by_verdict(self, *names: str) -> list[Mutant]:
        return [m for m in self.mutants if self.verdicts[m.id] in names]

    def line(self, m: Mutant) -> str:
        theirs = self.theirs[m.id].describe() if self.theirs else "no oracle"
        return (f"{m.id} [{' '.join(m.flags)}; {'; '.join(m.ops)}]: nixeval "
                f"{self.mine[m.id].describe()}; nix-instantiate {theirs}")

    def syntax_agreement(self) -> tuple[int, int, int, list[Mutant]]:
        """Over the mutants both reject with a syntax error: how many, how many with
        the same `at FILE:L:C:` line, how many with the same `error:` line, and the
        mutants where either differs."""
        assert self.theirs is not None
        both = [m for m in self.mutants if self.verdicts[m.id] == "agree"
                and self.mine[m.id].error.startswith("error: syntax error")
                and self.theirs[m.id].error.startswith("error: syntax error")]
        same_at = [harness.at_line(self.mine[m.id].stderr)
                   == harness.at_line(self.theirs[m.id].stderr) for m in both]
        same_err = [self.mine[m.id].error == self.theirs[m.id].error for m in both]
        differ = [m for m, a, e in zip(both, same_at, same_err) if not (a and e)]
        return len(both), sum(same_at), sum(same_err), differ

    def syntax_differences(self) -> str:
        """The mutants both reject with a syntax error where the error or `at` lines
        differ: nixeval's lines, then nix-instantiate's."""
        assert self.theirs is not None
        out = []
        for m in self.syntax_agreement()[3]:
            mine, theirs = self.mine[m.id].stderr, self.theirs[m.id].stderr
            out.append(f"{m.id} [{'; '.join(m.ops)}]\n"
                       f"  nixeval: {self.mine[m.id].error} {harness.at_line(mine)}\n"
                       f"  nix:     {self.theirs[m.id].error} {harness.at_line(theirs)}")
        return "\n".join(out)

    def summary(self, known: dict[str, str]) -> str:
        counts = Counter(self.verdicts.values())
        kinds = Counter(r.describe().split(" (")[0] for r in self.mine.values())
        lines = [f"{len(self.mutants)} mutants of {len({m.id.split('~')[0] for m in self.mutants})}"
                 f" programs in {self.seconds:.1f} s; nixeval: "
                 + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))]
        if self.theirs is None:
            lines.append("nix-instantiate not on PATH: exit codes not compared")
        lines.append("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        if self.theirs is not None:
            both, same_at, same_err, _ = self.syntax_agreement()
            lines.append(f"syntax errors in both: {both}; same line:col {same_at}, "
                         f"same error line {same_err} (item 2)")
        for m in self.by_verdict("internal", "hang", "disagree"):
            tag = "known" if m.id in known else "NEW"
            lines.append(f"  {tag} {self.verdicts[m.id]}: {self.line(m)}")
        return "\n".join(lines)


def check(mutants: list[Mutant], limit: float = DEFAULT_LIMIT, jobs: int = 2,
          use_oracle: bool = True, runner: Callable[..., int] | None = None) -> Report:
    """Run every mutant through nixeval (and nix-instantiate, concurrently) and judge."""
    if runner is None:
        from nixeval.cli import run as runner
    start = time.monotonic()
    oracle = use_oracle and harness.oracle_path() is not None
    with tempfile.TemporaryDirectory(prefix="nixeval-fuzz-") as tmp:
        workdir = Path(tmp).resolve()
        write_mutants(mutants, workdir)
        pool = ThreadPoolExecutor(max_workers=jobs) if oracle else None
        try:
            futures = {m.id: pool.submit(run_oracle, m, workdir, limit)
                       for m in mutants} if pool else {}
            mine = {m.id: run_nixeval(m, workdir, limit, runner) for m in mutants}
            theirs = {mid: f.result() for mid, f in futures.items()} if pool else None
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
    verdicts = {m.id: verdict(mine[m.id], theirs[m.id] if theirs else None) for m in mutants}
    return Report(mutants, mine, theirs, verdicts, time.monotonic() - start)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=6000, help="number of mutants")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--limit", type=float, default=DEFAULT_LIMIT, help="seconds per mutant")
    ap.add_argument("--jobs", type=int, default=2, help="nix-instantiate processes at once")
    ap.add_argument("--no-oracle", action="store_true", help="do not run nix-instantiate")
    ap.add_argument("--show", metavar="ID", help="print one mutant's bytes and mutations")
    ap.add_argument("--syntax-diff", action="store_true",
                    help="also list the mutants both reject with a syntax error whose "
                         "error line or position differ")
    args = ap.parse_args(argv)
    if args.show:
        name, _, k = args.show.partition("~")
        program = next((p for p in corpus() if p.name == name), None)
        m = make_mutant(program, int(k), args.seed) if program and k.isdigit() else None
        if m is None:
            print(f"no mutant {args.show!r}", file=sys.stderr)
            return 2
        print(f"# {m.id}: {' '.join(m.flags)}; {'; '.join(m.ops)}")
        sys.stdout.flush()
        sys.stdout.buffer.write(m.text + b"\n")
        return 0
    known = read_known() if args.seed == DEFAULT_SEED else {}
    report = check(generate(args.count, args.seed), args.limit, args.jobs, not args.no_oracle)
    print(report.summary(known))
    if args.syntax_diff and report.theirs is not None:
        print(report.syntax_differences())
    bad = [m for m in report.by_verdict("internal", "hang", "disagree") if m.id not in known]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
