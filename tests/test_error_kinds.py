"""Error kinds (nixeval/errors.py): every error class has a kind, every kind a stable
code; Nix programs fail with the kind their failure is; no raise site builds a
generic error (a base class, or a ParseError whose kind has its own class).

The codes are pinned: a kind's code never changes and is never reused, a new kind
takes the next free code (add it to PINNED).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import nixeval
from nixeval import errors
from nixeval.errors import ErrorKind

PACKAGE = Path(nixeval.__file__).resolve().parent

PINNED = {
    "UNCLASSIFIED": "E000",
    "SYNTAX": "E001",
    "UNDEFINED_VARIABLE": "E002",
    "DUPLICATE_ATTRIBUTE": "E003",
    "FEATURE_DISABLED": "E004",
    "FATAL_WARNING": "E005",
    "TYPE": "E006",
    "NOT_A_FUNCTION": "E007",
    "MISSING_ARGUMENT": "E008",
    "UNEXPECTED_ARGUMENT": "E009",
    "MISSING_ATTRIBUTE": "E010",
    "INDEX_OUT_OF_BOUNDS": "E011",
    "DIVISION_BY_ZERO": "E012",
    "INTEGER_OVERFLOW": "E013",
    "INVALID_ARGUMENT": "E014",
    "STRING_CONTEXT": "E015",
    "INFINITE_RECURSION": "E016",
    "STACK_OVERFLOW": "E017",
    "OUT_OF_MEMORY": "E018",
    "ASSERTION": "E019",
    "THROW": "E020",
    "ABORT": "E021",
    "IMPORT": "E022",
    "RESTRICTED": "E023",
    "ATTR_PATH": "E024",
    "STORE_PATH": "E025",
    "INVALID_PATH": "E026",
    "STORE": "E027",
    "DERIVATION": "E028",
    "HASH": "E029",
    "JSON": "E030",
    "TOML": "E031",
    "REGEX": "E032",
    "FETCH": "E033",
    "BAD_URL": "E034",
    "UNSUPPORTED": "E035",
    "PYTHON_BUILTIN": "E036",
}

# The bases: a raise site never builds one of these.
BASES = (errors.NixError, errors.EvalError, errors.CatchableError)

# A construction of a base class, or a ParseError whose message is not about syntax
# (its kind has its own class: UndefinedVariable, DuplicateAttribute, FeatureDisabled).
GENERIC = re.compile(
    r"(?<![\w.])(?:NixError|EvalError|CatchableError)\("
    r"|(?<![\w.])ParseError\(\s*f?\"(?:undefined variable|duplicate formal"
    r"|attribute '.*' already defined|experimental Nix feature)")


def _all_error_classes() -> list[type[errors.NixError]]:
    for info in pkgutil.walk_packages(nixeval.__path__, "nixeval."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    seen: list[type[errors.NixError]] = []
    stack: list[type[errors.NixError]] = [errors.NixError]
    while stack:
        cls = stack.pop()
        if cls not in seen:
            seen.append(cls)
            stack.extend(cls.__subclasses__())
    return seen


def test_codes_are_pinned() -> None:
    assert {k.name: k.code for k in ErrorKind} == PINNED


def test_codes_are_unique_and_well_formed() -> None:
    codes = [k.code for k in ErrorKind]
    assert len(set(codes)) == len(codes)
    for kind in ErrorKind:
        assert re.fullmatch(r"E\d{3}", kind.code), kind
        assert ErrorKind.from_code(kind.code) is kind
        assert kind.description and "\n" not in kind.description, kind


def test_every_error_class_has_a_kind() -> None:
    classes = _all_error_classes()
    assert len(classes) > 30
    for cls in classes:
        assert isinstance(cls.kind, ErrorKind), cls
        name = f"{cls.__module__}.{cls.__qualname__}"
        if cls in BASES:
            continue
        assert cls.kind is not ErrorKind.UNCLASSIFIED, f"{name} has no kind of its own"
    assert errors.ParseError.kind is ErrorKind.SYNTAX
    for base in BASES:
        assert base.kind is ErrorKind.UNCLASSIFIED


def test_kinds_are_read_without_getattr() -> None:
    err = errors.EvalError("x")
    assert err.kind is ErrorKind.UNCLASSIFIED
    assert (err.positionless, err.hint_trace, err.trace_dropped, err.suggestion,
            err.call_frame) == (False, False, 0, "", None)
    assert errors.NixTypeError("x").kind is ErrorKind.TYPE
    assert errors.InvalidPath("/nix/store/x").kind is ErrorKind.INVALID_PATH


def test_catchable_errors_are_their_own_classes() -> None:
    catchable = {cls for cls in _all_error_classes() if issubclass(cls, errors.CatchableError)}
    assert {cls.kind for cls in catchable} == {ErrorKind.UNCLASSIFIED, ErrorKind.THROW,
                                               ErrorKind.ASSERTION}
    assert nixeval.evaluate('builtins.tryEval (throw "x")') == {"success": False, "value": False}
    assert nixeval.evaluate("builtins.tryEval (assert false; 1)") == {"success": False,
                                                                      "value": False}
    with pytest.raises(errors.Abort) as err:
        nixeval.evaluate('builtins.tryEval (abort "x")')
    assert err.value.kind is ErrorKind.ABORT


def test_phase_shared_kinds_keep_both_bases() -> None:
    for cls in (errors.UndefinedVariable, errors.DuplicateAttribute, errors.FeatureDisabled,
                errors.FatalWarning):
        assert issubclass(cls, errors.ParseError) and issubclass(cls, errors.EvalError)
    assert issubclass(errors.FetchFeatureDisabled, errors.FetchError)
    assert errors.FetchFeatureDisabled.kind is ErrorKind.FEATURE_DISABLED
    assert errors.FetchFeatureDisabled.positionless


# name -> (program, the kind of its error)
CASES: dict[str, tuple[str, ErrorKind]] = {
    "undefined-variable": ("x", ErrorKind.UNDEFINED_VARIABLE),
    "undefined-under-with": ("with { }; x", ErrorKind.UNDEFINED_VARIABLE),
    "missing-attribute": ("{ a = 1; }.b", ErrorKind.MISSING_ATTRIBUTE),
    "type": ('1 + "a"', ErrorKind.TYPE),
    "not-a-function": ("1 2", ErrorKind.NOT_A_FUNCTION),
    "missing-argument": ("({ x }: x) { }", ErrorKind.MISSING_ARGUMENT),
    "assertion": ("assert 1 == 2; 3", ErrorKind.ASSERTION),
    "throw": ('throw "no"', ErrorKind.THROW),
    "abort": ('abort "no"', ErrorKind.ABORT),
    "division-by-zero": ("1 / 0", ErrorKind.DIVISION_BY_ZERO),
    "infinite-recursion": ("let x = x; in x", ErrorKind.INFINITE_RECURSION),
    "index": ("builtins.elemAt [ 1 ] 3", ErrorKind.INDEX_OUT_OF_BOUNDS),
    "regex": ('builtins.match "(" "x"', ErrorKind.REGEX),
    "toml": ('builtins.fromTOML "a = "', ErrorKind.TOML),
    "hash": ('builtins.convertHash { hash = "sha256:abc"; toHashFormat = "base16"; }',
             ErrorKind.HASH),
    "feature-disabled": ('builtins.convertHash { hash = "blake3:abc"; toHashFormat = "base16"; }',
                         ErrorKind.FEATURE_DISABLED),
    "duplicate-attribute": ("{ a = 1; a = 2; }", ErrorKind.DUPLICATE_ATTRIBUTE),
    "duplicate-formal": ("{ a, a }: a", ErrorKind.DUPLICATE_ATTRIBUTE),
    "dynamic-duplicate": ('{ a = 1; ${"a"} = 2; }', ErrorKind.DUPLICATE_ATTRIBUTE),
    "invalid-argument": ('builtins.substring (-1) 1 "x"', ErrorKind.INVALID_ARGUMENT),
    "json": ('builtins.fromJSON "["', ErrorKind.JSON),
    "string-context": ('builtins.appendContext "x" { x = { path = true; }; }',
                       ErrorKind.STRING_CONTEXT),
    "unexpected-argument": ("builtins.fetchurl { x = 1; }", ErrorKind.UNEXPECTED_ARGUMENT),
    "store-path": ('builtins.storePath "/tmp/x"', ErrorKind.STORE_PATH),
}


@pytest.mark.parametrize(("program", "kind"), list(CASES.values()), ids=list(CASES))
def test_program_fails_with_its_kind(program: str, kind: ErrorKind) -> None:
    with pytest.raises(errors.NixError) as err:
        nixeval.evaluate(program)
    assert err.value.kind is kind, f"{err.value.message!r} is {err.value.kind}"


def test_python_builtin_error_has_its_kind() -> None:
    ev = nixeval.Evaluator()
    ev.add_builtin("boom", lambda x: 1 // 0)
    with pytest.raises(nixeval.PythonBuiltinError) as err:
        ev.evaluate("builtins.boom 1")
    assert err.value.kind is ErrorKind.PYTHON_BUILTIN


def test_no_generic_errors() -> None:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if GENERIC.search(line) and not line.lstrip().startswith(("class ", "#")):
                bad.append(f"{rel}:{n}: {line.strip()}")
    assert not bad, "raise the class of the error's kind (nixeval/errors.py):\n" + "\n".join(bad)


def test_no_error_flag_is_read_with_getattr() -> None:
    flag = re.compile(r"getattr\(\w+, \"(?:positionless|hint_trace|trace_dropped|suggestion"
                      r"|call_frame|usage_error|kind)\"")
    bad = [f"{path}:{n}" for path in PACKAGE.rglob("*.py")
           for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           if flag.search(line)]
    assert not bad, bad
