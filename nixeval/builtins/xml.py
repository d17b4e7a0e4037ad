"""`builtins.toXML` and the document `nix-instantiate --xml` prints.

The document is Nix 2.8's: `<?xml version='1.0' encoding='utf-8'?>`, an `<expr>` root,
two spaces of indentation per level, empty elements as `<x />`, XML attributes in
name order, and only `<`, `>`, `&`, `"` escaped in attribute values, plus newline as
`&#xA;` (tab, return and `'` stay raw). Values map to `int`, `float` (`%g`), `bool`,
`string`, `path` (not copied to the store), `null`, `list`, `attrs` (names in byte
order, each in an `<attr name=...>`), `function` (a lambda: `<varpat>` or
`<attrspat>` with the formals sorted) and `unevaluated` (builtins). A set whose `type`
is `"derivation"` becomes `<derivation drvPath=... outPath=...>` (attributes only when
those are strings); its attributes are shown the first time a given non-empty
`drvPath` is met, and `<repeated />` otherwise.

Walks the value with an explicit stack (no Python recursion per level), forcing items
with `await force(...)`. The result carries the context of the strings it shows.

`nix-instantiate --xml` prints the same document except that it adds `column`,
`line` and `path` attributes to `<attr>` and `<function>` elements that have a source
position; `to_xml_string(value, location=True)` does so when it can find positions
(see `_position`), which our value model does not record for attributes yet.
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.registry import builtin
from nixeval.lexical import format_float
from nixeval.machine.requests import force
from nixeval.values import (
    Lambda,
    NixPath,
    NixString,
    PrimOp,
    PrimOpApp,
    Thunk,
    attr_position,
    make_string,
)

HEADER = "<?xml version='1.0' encoding='utf-8'?>"


def _escape(s: str) -> str:
    if not any(c in '<>&"\n' for c in s):
        return s
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#xA;"))


def _attrs(pairs: dict[str, str]) -> str:
    return "".join(f' {k}="{_escape(v)}"' for k, v in sorted(pairs.items()))


def _key(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")


class _Line:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _position(span: Any) -> dict[str, str]:
    """`line`, `column`, `path` of a span, as --xml shows them (empty if unknown)."""
    if span is None:
        return {}
    line, col = span.line_col
    source = span.source
    # For -E input Nix 2.8 uses the expression text itself as the path.
    path = source.path if source.path is not None else source.text
    return {"line": str(line), "column": str(col), "path": path}


async def _string_of(item: Any, force: Any) -> Any:
    v = await force(item)
    return v if type(v) is str or type(v) is NixString else None


async def to_xml_string(value: Any, location: bool = False, strict: bool = True) -> str:
    """The XML document of a value, as toXML prints it. Deeply forced when `strict`;
    otherwise (nix-instantiate --xml) unforced thunks print as `<unevaluated />`."""
    out = [HEADER, "<expr>"]
    context: set[str] = set()
    drvs_seen: set[str] = set()
    # Work items: (item, indent) to print a value, or _Line to emit a line as is.
    stack: list[Any] = [(value, "  ")]
    while stack:
        work = stack.pop()
        if type(work) is _Line:
            out.append(work.text)
            continue
        item, ind = work
        if type(item) is Thunk and not strict and item.node is not None:
            out.append(f"{ind}<unevaluated />")
            continue
        v = await force(item) if type(item) is Thunk else item
        t = type(v)
        if t is str or t is NixString:
            if t is NixString:
                context |= v.context
            out.append(f'{ind}<string value="{_escape(v)}" />')
        elif t is bool:
            out.append(f'{ind}<bool value="{"true" if v else "false"}" />')
        elif t is int:
            out.append(f'{ind}<int value="{v}" />')
        elif t is float:
            out.append(f'{ind}<float value="{format_float(v)}" />')
        elif v is None:
            out.append(f"{ind}<null />")
        elif t is NixPath:
            out.append(f'{ind}<path value="{_escape(v.path)}" />')
        elif t is list:
            out.append(f"{ind}<list>")
            stack.append(_Line(f"{ind}</list>"))
            inner = ind + "  "
            for k in range(len(v) - 1, -1, -1):
                stack.append((v[k], inner))
        elif issubclass(t, dict):
            is_drv = False
            if "type" in v:
                ty = await force(v["type"])
                is_drv = (type(ty) is str or type(ty) is NixString) and ty == "derivation"
            if is_drv:
                xml_attrs: dict[str, str] = {}
                drv_path = ""
                if "drvPath" in v:
                    s = await _string_of(v["drvPath"], force)
                    if s is not None:
                        xml_attrs["drvPath"] = drv_path = str(s)
                if "outPath" in v:
                    s = await _string_of(v["outPath"], force)
                    if s is not None:
                        xml_attrs["outPath"] = str(s)
                out.append(f"{ind}<derivation{_attrs(xml_attrs)}>")
                stack.append(_Line(f"{ind}</derivation>"))
                if drv_path != "" and drv_path not in drvs_seen:
                    drvs_seen.add(drv_path)
                    _push_attrs(stack, v, ind + "  ", location)
                else:
                    stack.append(_Line(f"{ind}  <repeated />"))
            else:
                out.append(f"{ind}<attrs>")
                stack.append(_Line(f"{ind}</attrs>"))
                _push_attrs(stack, v, ind + "  ", location)
        elif t is Lambda:
            _lambda(out, v, ind, location)
        elif t is PrimOp or t is PrimOpApp:
            out.append(f"{ind}<unevaluated />")
        else:
            raise AssertionError(f"not a Nix value: {v!r}")
    out.append("</expr>")
    out.append("")
    return make_string("\n".join(out), context)


def _push_attrs(stack: list[Any], attrs: dict[str, Any], ind: str, location: bool) -> None:
    inner = ind + "  "
    for name in sorted(attrs, key=_key, reverse=True):
        stack.append(_Line(f"{ind}</attr>"))
        stack.append((attrs[name], inner))
        pos: dict[str, str] = {}
        if location:
            pos = _position(attr_position(attrs, name))
        stack.append(_Line(f"{ind}<attr{_attrs({**pos, 'name': name})}>"))


def _lambda(out: list[str], f: Lambda, ind: str, location: bool) -> None:
    node = f.node
    pos = _position(getattr(node, "span", None)) if location else {}
    out.append(f"{ind}<function{_attrs(pos)}>")
    formals = getattr(node, "formals", None)
    arg = getattr(node, "arg", None)
    inner = ind + "  "
    if formals is None:
        out.append(f'{inner}<varpat{_attrs({"name": arg or ""})} />')
    else:
        pat: dict[str, str] = {}
        if getattr(node, "ellipsis", False):
            pat["ellipsis"] = "1"
        if arg:
            pat["name"] = arg
        out.append(f"{inner}<attrspat{_attrs(pat)}>")
        for name in sorted((n for n, _ in formals), key=_key):
            out.append(f'{inner}  <attr{_attrs({"name": name})} />')
        out.append(f"{inner}</attrspat>")
    out.append(f"{ind}</function>")


@builtin("toXML", 1)
async def to_xml(v: Any) -> str:
    return await to_xml_string(v)
