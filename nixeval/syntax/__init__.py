"""Syntax: tree-sitter parsing, lowering to nixeval's AST, scope analysis."""
