"""nixeval: a Nix expression-language evaluator in Python.

This module only re-exports the public API; see `nixeval.api` and `nixeval.errors`.
"""

from nixeval.api import (
    Evaluator,
    LazyAttrs,
    LazyList,
    NixFunction,
    evaluate,
    evaluate_async,
    evaluate_file,
    evaluate_file_async,
    from_python,
)
from nixeval.errors import (
    Abort,
    AssertionFailed,
    CatchableError,
    ErrorKind,
    EvalError,
    InfiniteRecursion,
    InvalidPath,
    MissingAttribute,
    NixError,
    NixImportError,
    NixTypeError,
    OutOfMemory,
    ParseError,
    PythonBuiltinError,
    RestrictedPath,
    StackOverflow,
    Thrown,
    render,
)
from nixeval.source import Span

__all__ = [
    "Abort",
    "AssertionFailed",
    "CatchableError",
    "ErrorKind",
    "EvalError",
    "Evaluator",
    "InfiniteRecursion",
    "InvalidPath",
    "LazyAttrs",
    "LazyList",
    "MissingAttribute",
    "NixError",
    "NixFunction",
    "NixImportError",
    "NixTypeError",
    "OutOfMemory",
    "ParseError",
    "PythonBuiltinError",
    "RestrictedPath",
    "Span",
    "StackOverflow",
    "Thrown",
    "evaluate",
    "evaluate_async",
    "evaluate_file",
    "evaluate_file_async",
    "from_python",
    "render",
]
