"""Syntax errors as Nix 2.8 reports them (issue 14, item 2): nixeval/syntax/diagnose.py.

The diagnosis (a lexer cut as Nix 2.8's, and LALR(1) tables of its grammar run as
its GLR parser runs them) only runs on programs tree-sitter or the lowering reject.
Golden cases: the parse-fail cases of tests/lang whose recorded error is a syntax error;
the agreement rate over the fuzzer's mutants is checked in tests/test_fuzz.py.
"""

from __future__ import annotations

import harness
import pytest

from nixeval.syntax import diagnose as D
from nixeval.syntax.lower import _token_nul

CASES = harness.discover(harness.LANG_DIR)


def test_grammar_has_nix_28_conflicts() -> None:
    """Nix 2.8's grammar declares one shift/reduce and one reduce/reduce conflict
    (`{` then an identifier or `}`: formals or bindings), which its GLR parser
    follows both ways; precedence resolves every other conflict."""
    t = D.tables()
    conflicts = [(la, [a[0] for a in acts]) for state in t.actions
                 for la, acts in state.items() if len(acts) > 1]
    assert sorted(conflicts) == [("'}'", ["r", "r"]), ("ID", ["s", "r"])]


def test_valid_programs_are_accepted() -> None:
    """Every program Nix 2.8 accepts among the golden cases: the diagnosis never
    invents a syntax error (it only runs on rejected programs, but must not
    contradict tree-sitter on valid ones)."""
    newer = harness.read_case_list(harness.LANG_DIR / "newer-nix.txt")
    bad = []
    for case in CASES:
        if case.category not in ("eval-okay", "parse-okay") or case.id in newer:
            continue
        data = case.path.read_bytes()
        if b"|>" in data or b"<|" in data:
            continue
        nul = _token_nul(data) if b"\0" in data else None  # the program ends there
        found = D.diagnose(data if nul is None else data[:nul])
        if found is not None:
            bad.append((case.id, found))
    assert not bad


@pytest.mark.parametrize("text,message,offset", [
    (b"1 == 2 == 3", "syntax error, unexpected EQ", 7),
    (b"{ } ;", "syntax error, unexpected ';', expecting ':' or '@'", 4),
    (b"{ a ;", "syntax error, unexpected ';', expecting '.' or '='", 4),
    (b"1 + # c\n", "syntax error, unexpected end of file", 7),
    (b'"abc', "syntax error, unexpected end of file, expecting '\"'", 1),
    (b"(1 \0 2", "syntax error, unexpected end of file, expecting ')'", 3),
    (b"x: x.${", "syntax error, unexpected end of file", 5),
    (b"a:b )", "syntax error, unexpected ')', expecting end of file", 4),
    (b"1 \xff", "syntax error, unexpected invalid token, expecting end of file", 2),
    (b"[" * 100000 + b")", "syntax error, unexpected ')'", 100000),
])
def test_diagnose(text: bytes, message: str, offset: int) -> None:
    assert D.diagnose(text) == (message, offset)


@pytest.mark.parametrize("text", [b"./a/ 1", b"99999999999999999999 )", b"1.0e999 )"])
def test_lexer_errors_are_left_to_the_lowering(text: bytes) -> None:
    """A lexer error before the syntax error (trailing slash, invalid integer or
    float) is not a syntax error: the diagnosis does not decide."""
    assert D.diagnose(text) is None


def test_tokens() -> None:
    toks = [t for t, _, _ in D.tokens(b"inherit in x.y a:b ./p/${q}r <s> ~/t ''u${v}'' \"w\" 1.5 ...")]
    assert toks == ["INHERIT", "IN", "ID", "'.'", "ID", "URI", "PATH", "DOLLAR_CURLY", "ID",
                    "'}'", "STR", "PATH_END", "SPATH", "HPATH", "PATH_END", "IND_STRING_OPEN",
                    "IND_STR", "DOLLAR_CURLY", "ID", "'}'", "IND_STRING_CLOSE", "'\"'", "STR",
                    "'\"'", "FLOAT", "ELLIPSIS", "end of file"]


def _syntax_cases() -> list:
    """The golden parse-fail cases whose recorded error is a syntax error."""
    return [pytest.param(c, id=c.id) for c in CASES if c.category == "parse-fail"
            and (c.expected() or "").startswith("error: syntax error")]


@pytest.mark.parametrize("case", _syntax_cases())
def test_golden_syntax_error_exactly(case: harness.Case, nixeval_run) -> None:
    """tests/harness.py compares syntax errors by kind and line only; here the
    `error:` line and the `at FILE:L:C:` line of every recorded syntax error must be
    Nix's exactly, and so must the excerpt under it."""
    expected = case.expected() or ""
    outcome = nixeval_run(case.argv, case.directory)
    assert outcome.code == 1
    assert harness.error_line(outcome.stderr) == harness.error_line(expected)
    assert harness.at_line(outcome.stderr) == harness.at_line(expected)
    assert outcome.stderr == expected
