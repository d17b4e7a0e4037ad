#!/usr/bin/env python3
"""Re-record the expected files of tests/lang from the reference nix-instantiate.

    python tests/lang/record.py            # record every case
    python tests/lang/record.py --check    # compare only; exit 1 on any difference
    python tests/lang/record.py NAME...    # only these: ids (attrs/eval-okay-foo),
                                           # stems (eval-okay-foo) or .nix files

Per category (see tests/README.md):
- eval-okay-X.nix  -> X.exp      stdout of `nix-instantiate FLAGS X.nix` (exit 0),
                                 FLAGS = contents of X.flags or `--eval --strict`
- eval-fail-X.nix  -> X.err.exp  stderr of `nix-instantiate FLAGS X.nix` (exit 1)
- parse-fail-X.nix -> X.err.exp  stderr of `nix-instantiate --parse X.nix` (exit 1)
- parse-okay-X.nix -> X.exp      stdout of `nix-instantiate --parse X.nix` (exit 0)
Cases listed in newer-nix.txt are not recorded (the oracle disagrees with newer Nix).

Each case runs with cwd = its folder and the absolute path of the file, in the
environment of harness.case_env(); the absolute directory is replaced by @DIR@.
Recording is deterministic: run it twice and nothing changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import harness  # noqa: E402


def record_case(
    case: harness.Case, newer: dict[str, str]
) -> tuple[str | None, str | None, str | None]:
    """(expected text, expected stderr of an eval-okay trace case, problem)."""
    if case.id in newer:
        return None, None, None
    outcome = harness.run_oracle(case.argv, case.directory)
    if case.category == "eval-okay":
        if outcome.code != 0:
            return None, None, f"exit {outcome.code}, expected 0:\n{outcome.stderr}"
        if outcome.stderr and not case.records_stderr:
            return None, None, f"unexpected stderr (not recorded):\n{outcome.stderr}"
        err = harness.normalise(outcome.stderr, case.directory) if case.records_stderr else None
        return harness.normalise(outcome.stdout, case.directory), err, None
    text, problem = _record_other(case, outcome)
    return text, None, problem


def _record_other(case: harness.Case, outcome: harness.Outcome) -> tuple[str | None, str | None]:
    if case.category in ("eval-fail", "parse-fail"):
        if outcome.code != 1:
            return (
                None,
                f"exit {outcome.code}, expected 1:\nstdout={outcome.stdout!r}\n{outcome.stderr}",
            )
        if harness.error_line(outcome.stderr) is None:
            return None, f"no 'error:' line in stderr:\n{outcome.stderr}"
        return harness.normalise(outcome.stderr, case.directory), None
    # parse-okay
    if outcome.code != 0:
        return None, f"does not parse:\n{outcome.stderr}"
    return harness.normalise(outcome.stdout, case.directory), None


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--check", action="store_true", help="compare with the recorded files, write nothing"
    )
    ap.add_argument("names", nargs="*", help="case stems or .nix files (default: all)")
    args = ap.parse_args(argv)

    if harness.oracle_path() is None:
        print("nix-instantiate not on PATH", file=sys.stderr)
        return 2
    lang_dir = Path(__file__).resolve().parent
    every_case = harness.discover(lang_dir)
    cases = every_case
    if args.names:
        cases, unknown = harness.select(every_case, args.names)
        if unknown:
            print(f"unknown cases: {unknown}", file=sys.stderr)
            return 2
    newer = harness.read_case_list(lang_dir / "newer-nix.txt")

    failures = changed = written = 0
    for case in cases:
        text, err_text, problem = record_case(case, newer)
        if problem is not None:
            failures += 1
            print(f"FAIL {case.id}: {problem}", file=sys.stderr)
            continue
        for target, content in ((case.expected_path, text), (case.expected_stderr_path, err_text)):
            if content is None or target is None:
                continue
            old = target.read_text(encoding="utf-8", errors="surrogateescape") if target.exists() else None
            if old == content:
                continue
            changed += 1
            if args.check:
                print(f"DIFF {case.id}: recorded {target.name} differs from the oracle",
                      file=sys.stderr)
            else:
                target.write_text(content, encoding="utf-8", errors="surrogateescape")
                written += 1
    # Expected files whose .nix is gone would silently rot: report them.
    sources = {c.path.with_suffix("") for c in every_case}
    for recorded in harness.recorded_files(lang_dir):
        if recorded.parent / recorded.name.split(".")[0] not in sources:
            failures += 1
            print(f"ORPHAN {recorded.relative_to(lang_dir)}: no matching .nix case",
                  file=sys.stderr)

    verb = "differ" if args.check else "written"
    print(f"{len(cases)} cases, {changed} {verb}, {failures} problems", file=sys.stderr)
    if failures or (args.check and changed):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
