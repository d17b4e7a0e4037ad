"""The path and URL literal lints of current Nix (2.34): `lint-url-literals`,
`lint-short-path-literals`, `lint-absolute-path-literals`, each `ignore` (the
default), `warn` or `fatal`.

They run over a lowered program, not inside the parser, so that an AST taken from
the cache (nixeval/syntax/cache.py) is linted exactly as a fresh parse is: the
literal as written is read back from the source through each node's span.

- a URL literal (`http://example.org`, a string written without quotes):
  `URL literals are discouraged. Consider using a string literal "URL" instead`
  (`disallowed` when fatal);
- a relative path literal that does not start with `.` (`foo/bar`):
  `relative path literal 'foo/bar' should be prefixed with '.' for clarity:
  './foo/bar'`;
- an absolute path literal (`/etc/hosts`): `absolute path literals are not
  portable. Consider replacing path literal '/etc/hosts' by a string, relative
  path, or parameter`; a home path (`~/x`) the same with `home path literals`
  (both under `lint-absolute-path-literals`).

Each message ends with the setting's name in parentheses. `warn` prints it as a
warning with the literal's position, in source order; `fatal` makes the first one
a parse error (exit 1).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nixeval.errors import FatalWarning
from nixeval.source import Span
from nixeval.syntax import ast as A
from nixeval.values import NixPath


def _walk(node: A.Node) -> Iterator[A.Node]:
    """Every node of a program (iteratively: programs may nest deeply)."""
    stack: list[Any] = [node]
    seen: set[int] = set()
    while stack:
        x = stack.pop()
        if isinstance(x, A.Node):
            if id(x) in seen:
                continue
            seen.add(id(x))
            yield x
            for cls in type(x).__mro__:
                for slot in getattr(cls, "__slots__", ()):
                    if slot != "span":
                        stack.append(getattr(x, slot, None))
        elif isinstance(x, (list, tuple)):
            stack.extend(x)
        elif isinstance(x, dict):
            stack.extend(x.values())


def _literal(span: Span) -> str:
    return span.source.data[span.start:span.end].decode("utf-8", "surrogateescape")


def findings(root: A.Node) -> list[tuple[str, str, Span]]:
    """(setting, literal, span) of every literal a lint concerns, in source order."""
    out = []
    for n in _walk(root):
        span: Span | None = getattr(n, "span", None)
        if span is None or span.source is None:
            continue
        if type(n) is A.Const:
            v = n.value
            if type(v) is str:
                text = _literal(span)
                if text and text[0] not in "\"'" and ":" in text and text == v:
                    out.append(("lint-url-literals", text, span))
                continue
            if type(v) is not NixPath:
                continue
        elif type(n) is not A.PathInterp:
            continue
        text = _literal(span)
        if type(n) is A.PathInterp:
            text = text[:text.find("${")] if "${" in text else text
        if not text or text[0] == "<":
            continue
        if text[0] in "/~":
            out.append(("lint-absolute-path-literals", text, span))
        elif text[0] != ".":
            out.append(("lint-short-path-literals", text, span))
    out.sort(key=lambda f: f[2].start)
    return out


def message(setting: str, literal: str, fatal: bool) -> str:
    if setting == "lint-url-literals":
        word = "disallowed" if fatal else "discouraged"
        text = f'URL literals are {word}. Consider using a string literal "{literal}" instead'
    elif setting == "lint-short-path-literals":
        text = (f"relative path literal '{literal}' should be prefixed with '.' for clarity: "
                f"'./{literal}'")
    else:
        kind = "home" if literal.startswith("~") else "absolute"
        text = (f"{kind} path literals are not portable. Consider replacing path literal "
                f"'{literal}' by a string, relative path, or parameter")
    return f"{text} ({setting})"


def lint(root: A.Node, settings: Any, warn: Any) -> None:
    """Apply the lints `settings` enable to a lowered program: `warn(message, span)`
    for `warn`, FatalWarning (a ParseError) for `fatal`."""
    levels = {"lint-url-literals": settings.lint_url_literals,
              "lint-short-path-literals": settings.lint_short_path_literals,
              "lint-absolute-path-literals": settings.lint_absolute_path_literals}
    if all(level == "ignore" for level in levels.values()):
        return
    for setting, literal, span in findings(root):
        level = levels[setting]
        if level == "fatal":
            raise FatalWarning(message(setting, literal, True), span)
        if level == "warn":
            warn(message(setting, literal, False), span)
