"""Parse every `.nix` file of a nixpkgs tree with nixeval and with
`nix-instantiate --parse`, and compare what they accept and what they print.

    python -m benchmarks.parse_tree NIXPKGS [--jobs N] [--limit N] [--sample N]
                                            [--json OUT] [--show K]

Each file falls in one category:
- `same`: both accept it and print the same expression (after canonicalisation);
- `differs`: both accept it, the printed texts differ;
- `rejected`: nixeval raises a NixError on a file Nix accepts (the target is 0);
- `accepted-bad`: nixeval accepts a file Nix rejects;
- `both-rejected`: both reject it;
- `internal`: nixeval raised something other than a NixError (a bug).

Canonicalisation: Nix 2.8 prints the bindings of an attribute set or `let` and the
formals of a function in its symbol-table order, which nixeval need not imitate. Both
printed texts are parsed with tree-sitter-nix and re-emitted with the children of
every `binding_set` and the `formal`s of every `formals` sorted by their own
canonical text; everything else stays byte for byte. Texts tree-sitter cannot parse
are compared raw.

Invariants: nixeval parses in this process (`Evaluation.parse_source`, never the
on-disk AST cache); nix-instantiate runs in batches with an empty NIX_PATH and the
tree as its working directory, a failing batch file by file. No walk recurses:
printed expressions nest thousands deep. The exit status is 0 unless this tool
itself crashes: it is a report, not a gate (tests use `check_tree`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES = ("same", "differs", "rejected", "accepted-bad", "both-rejected", "internal")
BATCH = 100
NIX_TIMEOUT = 600
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Nix prints some things that are not Nix syntax: the root path as a bare `/`, and a
# keyword used as an attribute name unquoted (`{ inherit = 1; }`).
_ROOT_PATH = re.compile(rb"(?<=[( ])/(?=[ );])")
_KEYWORD_ATTR = re.compile(rb"(?<=[{;] )(assert|else|if|in|inherit|let|rec|then|with)(?= = )")


@dataclass
class FileResult:
    path: str  # relative to the tree
    status: str  # one of CATEGORIES
    nixeval_error: str | None = None
    nix_error: str | None = None
    compared: str | None = None  # "canonical" | "raw" (tree-sitter failed) | None
    diff_offset: int | None = None  # byte offset in the canonical texts
    nixeval_context: str | None = None
    nix_context: str | None = None


@dataclass
class Report:
    root: str
    results: list[FileResult] = field(default_factory=list)
    nixeval_seconds: float = 0.0  # parse + show, summed over files
    nix_seconds: float = 0.0  # wall time of the nix-instantiate phase
    nix_process_seconds: float = 0.0  # summed over nix-instantiate runs
    compare_seconds: float = 0.0
    jobs: int = 2

    def of(self, status: str) -> list[FileResult]:
        return [r for r in self.results if r.status == status]

    @property
    def files(self) -> int:
        return len(self.results)

    @property
    def rejected(self) -> list[FileResult]:
        return self.of("rejected")

    @property
    def accepted_bad(self) -> list[FileResult]:
        return self.of("accepted-bad")

    @property
    def internal(self) -> list[FileResult]:
        return self.of("internal")

    @property
    def differs(self) -> list[FileResult]:
        return self.of("differs")

    def counts(self) -> dict[str, int]:
        c = Counter(r.status for r in self.results)
        return {k: c.get(k, 0) for k in CATEGORIES}


# --- listing -----------------------------------------------------------------------

def list_nix_files(root: str) -> list[str]:
    """Every `*.nix` file under `root` (symlinked directories are not entered),
    as sorted paths relative to `root`."""
    out = []
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in names:
            if n.endswith(".nix"):
                out.append(os.path.relpath(os.path.join(d, n), root))
    out.sort()
    return out


# --- the nix side ------------------------------------------------------------------

def _nix_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NIX_PATH"] = ""
    return env


def _run_nix(paths: list[str], cwd: str, env: dict[str, str]) -> tuple[int, bytes, str, float]:
    t = time.perf_counter()
    try:
        p = subprocess.run(["nix-instantiate", "--parse", *paths], cwd=cwd, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=NIX_TIMEOUT)
        code, out, err = p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        code, out, err = -1, b"", f"nix-instantiate timed out after {NIX_TIMEOUT} s"
    return code, out, _ANSI.sub("", err).strip(), time.perf_counter() - t


def _nix_batch(paths: list[str], cwd: str, env: dict[str, str]) -> tuple[dict[str, tuple[bool, str]], float]:
    """{path: (accepted, printed text or error)} for one batch, and the seconds spent."""
    code, out, err, spent = _run_nix(paths, cwd, env)
    if code == 0:
        lines = out.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        if len(lines) == len(paths):
            return {p: (True, ln.decode("utf-8", "surrogateescape")) for p, ln in zip(paths, lines)}, spent
    # A file Nix rejects stops the batch, and a printed expression spanning lines would
    # break the line count: find out file by file.
    res: dict[str, tuple[bool, str]] = {}
    for p in paths:
        code, out, err, s = _run_nix([p], cwd, env)
        spent += s
        if code == 0:
            text = out.decode("utf-8", "surrogateescape")
            res[p] = (True, text[:-1] if text.endswith("\n") else text)
        else:
            res[p] = (False, err or f"exit status {code}")
    return res, spent


def nix_parse_all(root: str, paths: list[str], jobs: int,
                  progress: Any = None) -> tuple[dict[str, tuple[bool, str]], float, float]:
    """Parse `paths` (absolute) with nix-instantiate; returns the results, the wall
    time and the summed process time."""
    env = _nix_env()
    batches = [paths[i:i + BATCH] for i in range(0, len(paths), BATCH)]
    results: dict[str, tuple[bool, str]] = {}
    summed = 0.0
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for i, (res, spent) in enumerate(pool.map(lambda b: _nix_batch(b, root, env), batches)):
            results.update(res)
            summed += spent
            if progress and (i + 1) % 50 == 0:
                progress(f"nix-instantiate: {min((i + 1) * BATCH, len(paths))}/{len(paths)}")
    return results, time.perf_counter() - t, summed


# --- the nixeval side --------------------------------------------------------------

class NixevalParser:
    def __init__(self, root: str, env: dict[str, str]):
        from nixeval.evaluation import Evaluation

        self.ev = Evaluation(cwd=root, env=env)

    def parse(self, path: str) -> tuple[str, str]:
        """("ok", printed text) | ("rejected", message) | ("internal", description)."""
        from nixeval.errors import NixError
        from nixeval.source import Source
        from nixeval.syntax.show import show_expr

        try:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8", "surrogateescape")
            node = self.ev.parse_source(Source(text, path=path), os.path.dirname(path))
            return "ok", show_expr(node)
        except NixError as e:
            return "rejected", str(e)
        except Exception as e:  # noqa: BLE001 - a bug in nixeval, recorded as one
            return "internal", f"{type(e).__name__}: {e}"[:2000]


# --- canonicalisation --------------------------------------------------------------

class Canonicaliser:
    """Re-emit printed Nix with bindings and formals sorted (see the module docstring)."""

    def __init__(self) -> None:
        import tree_sitter
        import tree_sitter_nix

        lang = tree_sitter.Language(tree_sitter_nix.language())
        self.parser = tree_sitter.Parser(lang)
        self.query = tree_sitter.Query(lang, "(binding_set) @s (formals) @f")
        self.cursor_type = tree_sitter.QueryCursor

    def canonical(self, src: bytes) -> bytes | None:
        """The canonical text, or None when tree-sitter finds an error in `src`.
        When `src` does not parse, a bare `/` becomes `/.` and a keyword attribute
        name is quoted first: applied to both texts alike, that keeps equal texts
        equal."""
        root = self.parser.parse(src).root_node
        if root.has_error:
            src = _KEYWORD_ATTR.sub(rb'"\1"', _ROOT_PATH.sub(b"/.", src))
            root = self.parser.parse(src).root_node
            if root.has_error:
                return None
        caps = self.cursor_type(self.query).captures(root)
        nodes = [n for ns in caps.values() for n in ns]
        if not nodes:
            return src
        nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
        # Nesting among the captured nodes (intervals are properly nested).
        kids: list[list[int]] = [[] for _ in nodes]
        tops: list[int] = []
        stack: list[int] = []
        for i, n in enumerate(nodes):
            while stack and nodes[stack[-1]].end_byte <= n.start_byte:
                stack.pop()
            (kids[stack[-1]] if stack else tops).append(i)
            stack.append(i)
        canon: list[bytes] = [b""] * len(nodes)

        def splice(start: int, end: int, inner: list[int], k: int) -> tuple[bytes, int]:
            # src[start:end] with the captured nodes inner[k:] lying inside replaced by
            # their canonical text; returns it and the index of the first one after.
            parts = []
            pos = start
            while k < len(inner) and nodes[inner[k]].end_byte <= end:
                m = nodes[inner[k]]
                parts.append(src[pos:m.start_byte])
                parts.append(canon[inner[k]])
                pos = m.end_byte
                k += 1
            parts.append(src[pos:end])
            return b"".join(parts), k

        # Later in the sorted order means nested deeper or further right, so every
        # node's captured descendants are done before it.
        for i in range(len(nodes) - 1, -1, -1):
            n = nodes[i]
            sortable = "formal" if n.type == "formals" else None
            inner = kids[i]
            k = 0
            pieces: list[bytes] = []
            slots: list[int] = []
            pos = n.start_byte
            for c in n.children:
                pieces.append(src[pos:c.start_byte])
                text, k = splice(c.start_byte, c.end_byte, inner, k)
                if (c.type == sortable) if sortable else (c.is_named and c.type != "comment"):
                    slots.append(len(pieces))
                pieces.append(text)
                pos = c.end_byte
            pieces.append(src[pos:n.end_byte])
            for slot, text in zip(slots, sorted(pieces[s] for s in slots)):
                pieces[slot] = text
            canon[i] = b"".join(pieces)
        return splice(0, len(src), tops, 0)[0]


def _to_bytes(s: str) -> bytes:
    try:
        return s.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return s.encode("utf-8", "backslashreplace")


def _context(b: bytes, i: int) -> str:
    lo = max(0, i - 40)
    return ("…" if lo else "") + b[lo:i + 40].decode("utf-8", "replace") + ("…" if i + 40 < len(b) else "")


def compare(canon: Canonicaliser, ours: str, theirs: str, r: FileResult) -> None:
    """Fill `r` with the verdict for two accepted files."""
    if ours == theirs:
        r.status, r.compared = "same", "raw"
        return
    a, b = _to_bytes(ours), _to_bytes(theirs)
    ca, cb = canon.canonical(a), canon.canonical(b)
    if ca is None or cb is None:
        r.compared = "raw"
    else:
        r.compared = "canonical"
        a, b = ca, cb
    if a == b:
        r.status = "same"
        return
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    r.status = "differs"
    r.diff_offset = i
    r.nixeval_context = _context(a, i)
    r.nix_context = _context(b, i)


# --- the whole tree ----------------------------------------------------------------

def check_tree(nixpkgs: str, files: list[str] | None = None, jobs: int = 2,
               progress: Any = None) -> Report:
    """Parse `files` (relative to `nixpkgs` or absolute; default every .nix file of
    the tree) with both parsers and classify every file."""
    root = os.path.abspath(nixpkgs)
    rels = list_nix_files(root) if files is None else [
        os.path.relpath(f, root) if os.path.isabs(f) else f for f in files]
    paths = [os.path.join(root, f) for f in rels]
    report = Report(root=root, jobs=jobs)
    nix, report.nix_seconds, report.nix_process_seconds = nix_parse_all(root, paths, jobs, progress)
    parser = NixevalParser(root, _nix_env())
    canon = Canonicaliser()
    for i, (rel, path) in enumerate(zip(rels, paths)):
        t = time.perf_counter()
        kind, text = parser.parse(path)
        t1 = time.perf_counter()
        report.nixeval_seconds += t1 - t
        nix_ok, nix_text = nix.pop(path)
        r = FileResult(rel, "same")
        if kind == "internal":
            r.status, r.nixeval_error = "internal", text
            if not nix_ok:
                r.nix_error = nix_text
        elif kind == "rejected":
            r.nixeval_error = text
            if nix_ok:
                r.status = "rejected"
            else:
                r.status, r.nix_error = "both-rejected", nix_text
        elif not nix_ok:
            r.status, r.nix_error = "accepted-bad", nix_text
        else:
            compare(canon, text, nix_text, r)
        report.compare_seconds += time.perf_counter() - t1
        report.results.append(r)
        if progress and (i + 1) % 2000 == 0:
            progress(f"nixeval: {i + 1}/{len(paths)}")
    return report


# --- the command -------------------------------------------------------------------

def _pct(n: int, total: int) -> str:
    return f"{n} ({100 * n / total:.2f}%)" if total else str(n)


def _one_line(s: str | None, limit: int = 200) -> str:
    s = (s or "").replace("\n", " | ")
    return s if len(s) <= limit else s[:limit] + "…"


def summary(report: Report, show: int = 10) -> str:
    c = report.counts()
    total = report.files
    out = [f"nixpkgs parse comparison: {report.root}",
           f"files          {total}",
           f"same           {_pct(c['same'], total)}",
           f"rejected       {_pct(c['rejected'], total)}   (nixeval rejects, Nix accepts; target 0)",
           f"accepted-bad   {_pct(c['accepted-bad'], total)}   (nixeval accepts, Nix rejects)",
           f"internal       {_pct(c['internal'], total)}   (nixeval raised a non-NixError)",
           f"differs        {_pct(c['differs'], total)}   (both accept, printed texts differ)",
           f"both-rejected  {_pct(c['both-rejected'], total)}",
           f"raw compared   {sum(r.compared == 'raw' and r.status == 'differs' for r in report.results)}"
           " differing files compared raw (tree-sitter could not parse a printed text)",
           f"time: nixeval parse+show {report.nixeval_seconds:.1f} s (1 process); "
           f"nix-instantiate {report.nix_seconds:.1f} s wall with {report.jobs} jobs "
           f"({report.nix_process_seconds:.1f} s summed); compare {report.compare_seconds:.1f} s"]
    for status in ("rejected", "accepted-bad", "internal", "differs"):
        rs = report.of(status)
        if not rs or show <= 0:
            continue
        out.append("")
        out.append(f"== {status}: {len(rs)} (showing {min(show, len(rs))})")
        for r in rs[:show]:
            out.append(f"  {r.path}")
            if status == "differs":
                out.append(f"    at byte {r.diff_offset} ({r.compared})")
                out.append(f"    nixeval: {r.nixeval_context!r}")
                out.append(f"    nix:     {r.nix_context!r}")
            else:
                if r.nixeval_error:
                    out.append(f"    nixeval: {_one_line(r.nixeval_error)}")
                if r.nix_error:
                    out.append(f"    nix:     {_one_line(r.nix_error)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.parse_tree",
                                 description="Compare nixeval's and nix-instantiate's --parse "
                                             "over every .nix file of a tree.")
    ap.add_argument("nixpkgs")
    ap.add_argument("--jobs", type=int, default=2, help="nix-instantiate processes at once")
    ap.add_argument("--limit", type=int, help="only the first N files (sorted)")
    ap.add_argument("--sample", type=int, help="only every Nth file")
    ap.add_argument("--json", metavar="OUT", help="write every file's result here")
    ap.add_argument("--show", type=int, default=10, metavar="K", help="examples per category")
    args = ap.parse_args(argv)

    files = list_nix_files(os.path.abspath(args.nixpkgs))
    if args.sample:
        files = files[::args.sample]
    if args.limit is not None:
        files = files[:args.limit]

    def progress(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    t = time.perf_counter()
    report = check_tree(args.nixpkgs, files, jobs=args.jobs, progress=progress)
    print(summary(report, args.show))
    print(f"total wall time {time.perf_counter() - t:.1f} s")
    if args.json:
        data = {"root": report.root, "counts": report.counts(),
                "nixeval_seconds": report.nixeval_seconds, "nix_seconds": report.nix_seconds,
                "nix_process_seconds": report.nix_process_seconds,
                "compare_seconds": report.compare_seconds, "jobs": report.jobs,
                "results": [{k: v for k, v in asdict(r).items() if v is not None}
                            for r in report.results]}
        with open(args.json, "w") as f:
            json.dump(data, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
