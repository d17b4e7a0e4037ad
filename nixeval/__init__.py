"""nixeval: a Nix expression-language evaluator in Python.

This module only re-exports the public API; see `nixeval.api`.
"""

from nixeval.api import (
    Evaluator,
    LazyAttrs,
    LazyList,
    NixFunction,
    evaluate,
    evaluate_async,
    evaluate_file,
    from_python,
)
from nixeval.errors import CatchableError, EvalError, NixError, ParseError, render

__all__ = [
    "CatchableError",
    "EvalError",
    "Evaluator",
    "LazyAttrs",
    "LazyList",
    "NixError",
    "NixFunction",
    "ParseError",
    "evaluate",
    "evaluate_async",
    "evaluate_file",
    "from_python",
    "render",
]
