"""Deep and large evaluations: nixeval must never run out of stack.

C++ Nix itself crashes or gives up on several of these (stack overflow near
60k-80k recursion levels, "memory exhausted" in its parser near 5,000 nested
brackets), so the expected outputs are constructed here from their obvious
mathematical values.  Where the oracle does manage a case (`oracle_ok`),
test_expected_agrees_with_oracle checks that the constructed expectation is
what nix-instantiate prints, which guards the constructions themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

DEEP_TIMEOUT = 900.0

NESTED_LIST = "let f = n: if n == 0 then [ ] else [ (f (n - 1)) ]; in "
ATTR_CHAIN = "let f = n: if n == 0 then { } else { next = f (n - 1); }; in "


def nested_list_text(n: int) -> str:
    """How Nix prints a list nested n levels around an empty list."""
    return "[ " * n + "[ ]" + " ]" * n


def attr_chain_text(n: int) -> str:
    return "{ next = " * n + "{ }" + "; }" * n


@dataclass(frozen=True)
class Deep:
    name: str
    source: str
    expected: str  # stdout, including the final newline when Nix prints one
    flags: tuple[str, ...] = ("--eval", "--strict")
    oracle_ok: bool = False  # nix-instantiate 2.8 evaluates it (checked below)


CASES = [
    Deep(
        "recursion-1m",
        "let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 1000000",
        "1000000\n",
    ),
    Deep(
        "foldl-genList-1m",
        "builtins.foldl' (acc: x: acc + x) 0 (builtins.genList (i: i) 1000000)",
        f"{sum(range(1000000))}\n",
        oracle_ok=True,
    ),
    Deep(
        "plus-chain-100k",
        " + ".join(["1"] * 100000),
        "100000\n",
        oracle_ok=True,
    ),
    Deep(
        "let-chain-100k",
        "let x0 = 0;\n"
        + "".join(f"  x{i} = x{i - 1} + 1;\n" for i in range(1, 100001))
        + "in x100000",
        "100000\n",
        oracle_ok=True,
    ),
    Deep(
        "nested-list-10k-print",
        NESTED_LIST + "f 10000",
        nested_list_text(10000) + "\n",
        oracle_ok=True,
    ),
    Deep(
        "nested-list-10k-literal",
        "[ " * 10000 + "]" + " ]" * 9999,
        nested_list_text(9999) + "\n",
    ),
    Deep(
        "nested-parens-10k",
        "(" * 10000 + "42" + ")" * 10000,
        "42\n",
    ),
    Deep(
        "nested-list-10k-json",
        NESTED_LIST + "f 10000",
        "[" * 10000 + "[]" + "]" * 10000,
        flags=("--eval", "--strict", "--json"),
        oracle_ok=True,
    ),
    Deep(
        "nested-list-10k-toJSON",
        NESTED_LIST + "builtins.toJSON (f 10000)",
        '"' + "[" * 10000 + "[]" + "]" * 10000 + '"\n',
        oracle_ok=True,
    ),
    Deep(
        "nested-list-100k-deepSeq",
        NESTED_LIST + 'builtins.deepSeq (f 100000) "done"',
        '"done"\n',
        oracle_ok=True,
    ),
    Deep(
        "nested-list-100k-equality",
        NESTED_LIST + "[ (f 100000 == f 100000) (f 100000 == f 99999) ]",
        "[ true false ]\n",
        oracle_ok=True,
    ),
    Deep(
        "attr-chain-100k-walk",
        ATTR_CHAIN
        + "let walk = s: acc: if s ? next then walk s.next (acc + 1) else acc; in walk (f 100000) 0",
        "100000\n",
    ),
    Deep(
        "attr-chain-100k-print",
        ATTR_CHAIN + "f 100000",
        attr_chain_text(100000) + "\n",
        oracle_ok=True,
    ),
    Deep(
        "attr-chain-10k-print",
        ATTR_CHAIN + "f 10000",
        attr_chain_text(10000) + "\n",
        oracle_ok=True,
    ),
    Deep(
        "attr-chain-100k-deepSeq-equality",
        ATTR_CHAIN
        + "builtins.deepSeq (f 100000) [ (f 100000 == f 100000) (f 100000 == f 100001) ]",
        "[ true false ]\n",
        oracle_ok=True,
    ),
    Deep(
        "string-append-100k",
        'builtins.stringLength (builtins.foldl\' (acc: x: acc + "ab") "" (builtins.genList (x: x) 100000))',
        "200000\n",
        oracle_ok=True,
    ),
    Deep(
        "select-chain-10k",
        ATTR_CHAIN + "(f 10000)" + ".next" * 10000,
        "{ }\n",
        oracle_ok=True,
    ),
]


def write(tmp_path: Path, case: Deep) -> list[str]:
    path = tmp_path / f"{case.name}.nix"
    path.write_text(case.source + "\n", encoding="utf-8")
    return [*case.flags, str(path)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_deep(case: Deep, tmp_path: Path, nixeval_run) -> None:
    argv = write(tmp_path, case)
    outcome = nixeval_run(argv, tmp_path, timeout=DEEP_TIMEOUT)
    assert outcome.code == 0, outcome.stderr[-2000:]
    if outcome.stdout != case.expected:
        got, want = outcome.stdout, case.expected
        i = next(
            (k for k in range(min(len(got), len(want))) if got[k] != want[k]),
            min(len(got), len(want)),
        )
        pytest.fail(
            f"stdout differs at offset {i} (lengths {len(got)} vs {len(want)}):\n"
            f"  expected ...{want[max(0, i - 40) : i + 40]!r}\n  got      ...{got[max(0, i - 40) : i + 40]!r}",
            pytrace=False,
        )


@pytest.mark.parametrize("case", [c for c in CASES if c.oracle_ok], ids=lambda c: c.name)
def test_expected_agrees_with_oracle(case: Deep, tmp_path: Path, oracle) -> None:
    argv = write(tmp_path, case)
    outcome = oracle(argv, tmp_path, timeout=600)
    assert outcome.code == 0, outcome.stderr[-2000:]
    assert outcome.stdout == case.expected


# --- runaway programs (issue 14, item 1) ---------------------------------------------
# Each runs until killed without a limit; with the default max-call-depth (2^20 calls,
# which the 1,000,000-deep cases above stay under) each stops with Nix's message.
# Nix 2.8 stops each with "stack overflow (possible infinite recursion)".

RUNAWAYS = {
    "tail-call-in-one-frame": "let f = x: f x; in f 1",
    "self-application": "(x: x x) (x: x x)",
    "growing-argument": "let f = n: f (n + 1); in f 0",
    "non-tail": "let f = x: 1 + f x; in f 1",
    "through-a-set": "let f = n: { inner = f (n + 1); }.inner; in f 0",
}


@pytest.mark.parametrize("source", list(RUNAWAYS.values()), ids=list(RUNAWAYS))
def test_runaway_stops_at_max_call_depth(source: str, nixeval_run, tmp_path: Path) -> None:
    got = nixeval_run(["--eval", "--strict", "-E", source], tmp_path, timeout=DEEP_TIMEOUT)
    assert got.code == 1
    assert got.stderr.startswith("error: stack overflow; max-call-depth exceeded\n"), got.stderr[:300]


def test_runaway_stops_at_a_memory_budget(nixeval_run, tmp_path: Path) -> None:
    got = nixeval_run(["--max-memory", "100", "--eval", "-E", "let f = x: 1 + f x; in f 1"],
                      tmp_path, timeout=DEEP_TIMEOUT)
    assert (got.code, got.stderr.splitlines()[0]) == (
        1, "error: out of memory: the evaluation grew past its budget of 100 MiB (--max-memory)")
