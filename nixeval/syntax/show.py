"""Printing an AST back as Nix source, in the form `nix-instantiate --parse` shows."""

from __future__ import annotations

from typing import Any

from nixeval.syntax import ast as A


def show_expr(node: A.Node) -> str:
    return "<expr>"
