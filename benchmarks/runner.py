"""The benchmark command line: `python -m benchmarks`.

Invariants:
- Each workload runs under nixeval (`python -m nixeval`, a fresh process per
  run, cwd = the repository root) and, when it is on PATH, nix-instantiate,
  alternating A/B within the same invocation (the order flips every run), so
  both see the same machine noise.
- Reported times are medians of the successful runs; ratios are
  nixeval / nix-instantiate of those medians. Peak memory is the largest
  ru_maxrss over the runs.
- An evaluator that fails or times out on a workload is not run again on it
  (nor, in scaling mode, on larger sizes); its failure is reported in the
  table, never hidden.
- Outputs are compared byte for byte; a difference is reported as MISMATCH.
- Progress goes to stderr, tables to stdout.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.measure import Run, child_env, parse_stack, python_executable, run_child
from benchmarks.registry import (
    WORKLOADS,
    Workload,
    nixpkgs_workloads,
    parse_size,
    select,
    size_label,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
NIXEVAL = "nixeval"
ORACLE = "nix-instantiate"


@dataclass(frozen=True)
class Evaluator:
    name: str
    prefix: tuple[str, ...]


def find_evaluators(with_oracle: bool) -> list[Evaluator]:
    evs = [Evaluator(NIXEVAL, (python_executable(), "-m", "nixeval"))]
    exe = shutil.which(ORACLE) if with_oracle else None
    if exe:
        evs.append(Evaluator(ORACLE, (exe,)))
    return evs


@dataclass
class Result:
    workload: Workload
    scale: float
    runs: dict[str, list[Run]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def ok_runs(self, ev: str) -> list[Run]:
        return [r for r in self.runs.get(ev, []) if r.ok]

    def failure(self, ev: str) -> Run | None:
        return next((r for r in self.runs.get(ev, []) if not r.ok), None)

    def median(self, ev: str) -> float | None:
        ok = self.ok_runs(ev)
        return statistics.median(r.wall for r in ok) if ok else None

    def peak_mib(self, ev: str) -> float | None:
        ok = self.ok_runs(ev)
        return max(r.maxrss_kib for r in ok) / 1024 if ok else None

    def ratio(self) -> float | None:
        a, b = self.median(NIXEVAL), self.median(ORACLE)
        return a / b if a is not None and b else None

    def status(self) -> str:
        """same / MISMATCH / nixeval error ... / oracle n/a ..."""
        mine = self.failure(NIXEVAL)
        if mine is not None:
            what = "timeout" if mine.timed_out else "error"
            return f"nixeval {what}: {mine.error_summary()}"
        theirs = self.failure(ORACLE)
        outs = {r.stdout for r in self.ok_runs(NIXEVAL)}
        if len(outs) > 1:
            return "nixeval output differs between runs"
        mine_out = next(iter(outs), None)
        if theirs is not None:
            what = "timeout" if theirs.timed_out else "error"
            note = f"nix-instantiate {what}: {theirs.error_summary()}"
            if self.workload.expected is not None and mine_out is not None:
                ok = mine_out.strip() == self.workload.expected
                note += "; nixeval output " + ("as expected" if ok else "UNEXPECTED")
            return note
        if ORACLE in self.skipped:
            note = self.skipped[ORACLE]
            if self.workload.expected is not None and mine_out is not None:
                ok = mine_out.strip() == self.workload.expected
                note += "; nixeval output " + ("as expected" if ok else "UNEXPECTED")
            return note
        their_out = next((r.stdout for r in self.ok_runs(ORACLE)), None)
        if mine_out is None or their_out is None:
            return "not run"
        if mine_out != their_out:
            return "MISMATCH"
        if self.workload.expected is not None and mine_out.strip() != self.workload.expected:
            return f"same, but not {self.workload.expected!r}"
        return "same"

    def to_json(self) -> dict:
        return {
            "workload": self.workload.name,
            "size": size_label(self.scale),
            "status": self.status(),
            "ratio": self.ratio(),
            "evaluators": {
                ev: {
                    "median_s": self.median(ev),
                    "peak_mib": self.peak_mib(ev),
                    "runs": [
                        {"wall_s": r.wall, "maxrss_kib": r.maxrss_kib, "code": r.code,
                         "timed_out": r.timed_out,
                         **({} if r.ok else {"error": r.error_summary()})}
                        for r in runs
                    ],
                }
                for ev, runs in self.runs.items()
            },
            "skipped": self.skipped,
        }


def progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def bench(
    w: Workload,
    scale: float,
    evaluators: list[Evaluator],
    runs: int,
    timeout: float,
    label: str,
    give_up: set[str] | None = None,
    oracle_stack: int | None = None,
) -> Result:
    """Run one workload at one size; `give_up` names evaluators not to run. With
    `oracle_stack`, nix-instantiate runs under that stack limit, at every size."""
    res = Result(w, scale)
    active = []
    for ev in evaluators:
        if give_up and ev.name in give_up:
            res.skipped[ev.name] = f"{ev.name} not run (failed at a smaller size)"
        elif ev.name == ORACLE and oracle_stack is None and not w.oracle_can_run(scale):
            res.skipped[ev.name] = (
                f"{ev.name} not run: above its stack limit (> {size_label(w.oracle_max_scale)})"
            )
        else:
            active.append(ev)
            res.runs[ev.name] = []
    env = child_env()
    argv = w.argv(scale)
    for i in range(runs):
        order = active if i % 2 == 0 else list(reversed(active))
        for ev in order:
            done = res.runs[ev.name]
            if any(not r.ok for r in done):
                continue  # failed once: report it, do not repeat it
            progress(f"{label} {w.name} {size_label(scale)} run {i + 1}/{runs}: {ev.name} ...")
            r = run_child([*ev.prefix, *argv], cwd=str(REPO_ROOT), env=env, timeout=timeout,
                          stack=oracle_stack if ev.name == ORACLE else None)
            done.append(r)
            state = f"{r.wall:.3f} s, {r.maxrss_kib / 1024:.0f} MiB" if r.ok else r.error_summary()
            progress(f"{label} {w.name} {size_label(scale)} run {i + 1}/{runs}: {ev.name} {state}")
    return res


# --- formatting -----------------------------------------------------------------


def fmt_time(t: float | None) -> str:
    if t is None:
        return "-"
    return f"{t:.3f}" if t < 10 else f"{t:.1f}"


def fmt_num(x: float | None, digits: int = 1) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def fmt_ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}x"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(wd) for c, wd in zip(cells, widths)) + " |"

    sep = "|" + "|".join("-" * (wd + 2) for wd in widths) + "|"
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def results_table(results: list[Result]) -> str:
    headers = ["workload", "size", "nixeval s", "nix s", "ratio", "nixeval MiB", "nix MiB", "output"]
    rows = [
        [
            r.workload.name,
            size_label(r.scale) if r.workload.scalable else "-",
            fmt_time(r.median(NIXEVAL)),
            fmt_time(r.median(ORACLE)),
            fmt_ratio(r.ratio()),
            fmt_num(r.peak_mib(NIXEVAL), 0),
            fmt_num(r.peak_mib(ORACLE), 0),
            r.status(),
        ]
        for r in results
    ]
    return table(headers, rows)


def scaling_table(by_workload: dict[str, list[Result]], scales: list[float]) -> str:
    headers = ["workload", "evaluator", *(f"{size_label(s)} s" for s in scales)]
    for a, b in zip(scales, scales[1:]):
        headers.append(f"{size_label(a)}->{size_label(b)}")
    headers.append("nixeval/nix per size")
    rows = []
    for name, results in by_workload.items():
        for ev in (NIXEVAL, ORACLE):
            if not any(ev in r.runs or ev in r.skipped for r in results):
                continue
            times = [r.median(ev) for r in results]
            cells = [name, ev]
            for r, t in zip(results, times):
                if t is not None:
                    cells.append(fmt_time(t))
                elif r.failure(ev) is not None:
                    cells.append("timeout" if r.failure(ev).timed_out else "error")
                else:
                    cells.append("n/a")
            for (a, b), (sa, sb) in zip(zip(times, times[1:]), zip(scales, scales[1:])):
                if a and b:
                    growth = b / a
                    exponent = math.log(growth) / math.log(sb / sa)
                    cells.append(f"{growth:.1f}x (n^{exponent:.2f})")
                else:
                    cells.append("-")
            cells.append(" ".join(fmt_ratio(r.ratio()) for r in results) if ev == NIXEVAL else "")
            rows.append(cells)
    return table(headers, rows)


def machine_note(runs: int) -> str:
    return (
        f"{datetime.date.today().isoformat()}, {platform.node() or 'host'}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, median of {runs} run(s)"
    )


# --- command line ------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time nixeval against nix-instantiate on nixpkgs-style workloads.",
    )
    p.add_argument("--size", default="1x", help="1x, 10x, 100x or a number (default 1x)")
    p.add_argument("--runs", type=int, default=3, help="runs per evaluator (default 3)")
    p.add_argument("--only", action="append", metavar="NAME",
                   help="run only this workload (repeatable; a prefix like 'nixpkgs' works; "
                        "long ones, nixpkgs-walk and nixpkgs-parse, run only when named)")
    p.add_argument("--nixpkgs", type=Path, metavar="PATH",
                   help="also run workloads over this nixpkgs checkout")
    p.add_argument("--json", type=Path, metavar="FILE", help="write all measurements here")
    p.add_argument("--timeout", type=float, default=300, help="seconds per run (default 300)")
    p.add_argument("--no-oracle", action="store_true", help="do not run nix-instantiate")
    p.add_argument("--scaling", nargs="?", const="10x", metavar="MAX",
                   help="run each workload at 1x, 10x (and 100x if MAX is 100x); report growth")
    p.add_argument("--oracle-stack", metavar="MIB",
                   help="run nix-instantiate under this stack limit ('unlimited' or MiB; "
                        "default: the inherited one), at every size")
    p.add_argument("--list", action="store_true", help="list the workloads and exit")
    return p.parse_args(argv)


def precompile() -> None:
    """Write nixeval's bytecode caches before timing anything. A regular `pip
    install` does this; an editable install does not, and with
    PYTHONDONTWRITEBYTECODE set (as on the CI machine) every process would compile
    every module it imports again (about 0.06 s of start-up, more when builtin
    modules load). `compileall` writes the caches even then."""
    import compileall

    import nixeval

    compileall.compile_dir(os.path.dirname(nixeval.__file__), quiet=1)


def parse_tree_step(nixpkgs: Path) -> dict[str, object]:
    """Parse every file of the tree with nixeval (one process) and with
    nix-instantiate --parse (batches, 2 jobs), compare what they accept and print
    (benchmarks/parse_tree.py), and print the times side by side."""
    from benchmarks.parse_tree import check_tree

    progress("nixpkgs-parse: parsing every .nix file with both evaluators")
    report = check_tree(str(nixpkgs), jobs=2)
    counts = report.counts()
    ratio = report.nixeval_seconds / report.nix_process_seconds if report.nix_process_seconds else math.nan
    print()
    print("| nixpkgs-parse | files | same | differs | rejected | nixeval s (parse+show) "
          "| nix s (summed) | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| whole tree | {report.files} | {counts['same']} | {counts['differs']} | "
          f"{counts['rejected']} | {report.nixeval_seconds:.1f} | {report.nix_process_seconds:.1f} "
          f"| {ratio:.1f}x |")
    return {"files": report.files, **counts, "nixeval_seconds": report.nixeval_seconds,
            "nix_seconds": report.nix_process_seconds}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workloads = list(WORKLOADS)
    if args.nixpkgs is not None:
        if not (args.nixpkgs / "default.nix").exists():
            progress(f"--nixpkgs {args.nixpkgs}: no default.nix there")
            return 2
        workloads += nixpkgs_workloads(args.nixpkgs)
    if args.list:
        for w in workloads:
            print(f"{w.name:20} {w.description}")
        return 0
    try:
        only = [o for o in (args.only or []) if o != "nixpkgs-parse"]
        if args.only and not only:
            workloads = []
        else:
            workloads = select(workloads, only or None)
        scale = parse_size(args.size)
        max_scale = parse_size(args.scaling) if args.scaling else None
        oracle_stack = parse_stack(args.oracle_stack) if args.oracle_stack else None
    except ValueError as e:
        progress(f"error: {e}")
        return 2
    if args.runs < 1:
        progress("error: --runs must be at least 1")
        return 2
    precompile()
    evaluators = find_evaluators(not args.no_oracle)
    if len(evaluators) == 1:
        progress(f"note: {ORACLE} not run ({'--no-oracle' if args.no_oracle else 'not on PATH'}); "
                 "no ratios or output checks")
    if args.nixpkgs is None:
        progress("note: nixpkgs workloads skipped (pass --nixpkgs PATH to add them)")

    results: list[Result] = []
    if max_scale is None:
        for i, w in enumerate(workloads):
            label = f"[{i + 1}/{len(workloads)}]"
            results.append(bench(w, scale, evaluators, args.runs, args.timeout, label,
                                 oracle_stack=oracle_stack))
        print(f"# nixeval vs {ORACLE}: {machine_note(args.runs)}")
        print(results_table(results))
    else:
        scales = [s for s in (1.0, 10.0, 100.0) if s <= max_scale] or [1.0]
        by_workload: dict[str, list[Result]] = {}
        scalable = [w for w in workloads if w.scalable and w.name != "startup"]
        for i, w in enumerate(scalable):
            label = f"[{i + 1}/{len(scalable)}]"
            failed: set[str] = set()
            for s in scales:
                r = bench(w, s, evaluators, args.runs, args.timeout, label, give_up=failed,
                          oracle_stack=oracle_stack)
                failed |= {ev for ev in r.runs if r.failure(ev) is not None}
                by_workload.setdefault(w.name, []).append(r)
                results.append(r)
        print(f"# scaling, nixeval vs {ORACLE}: {machine_note(args.runs)}")
        print(scaling_table(by_workload, scales))
        print()
        print(results_table(results))

    parse_report = None
    if args.nixpkgs is not None and args.only and "nixpkgs-parse" in args.only:
        parse_report = parse_tree_step(args.nixpkgs)

    if args.json is not None:
        payload = {
            "machine": machine_note(args.runs),
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "cpus": os.cpu_count(),
            "runs": args.runs,
            "results": [r.to_json() for r in results],
        }
        if parse_report is not None:
            payload["parse_tree"] = parse_report
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        progress(f"wrote {args.json}")
    bad = [r for r in results if r.status() == "MISMATCH"]
    return 1 if bad else 0
