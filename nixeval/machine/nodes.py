"""The `ev` coroutines of the nodes that are not tail positions, string coercion
and deep forcing.

`node.ev(env, d)` evaluates `node` to weak head normal form, in a coroutine at
depth `d` of its scheduler segment (see calls.py for depths and tail positions, and
fast.py for the synchronous `fast` each `ev` is the fallback of). The tail nodes'
`ev` is `calls.eval_tail`; the operators' are in operators.py; dispatch.py declares
which function is which node's `ev`, `fast` and `item`.

Invariants:
- An `ev` is only called after the node's `fast` gave NOTFAST (or was not worth
  trying): it evaluates from the start, in Nix's order, and raises the errors with
  Nix's wording, position and trace frames.
- A child is evaluated by its `fast` first, then by direct `await` of its `ev` while
  `d < BUDGET`, else on a new segment (`spawn`).
- Coercion and deep forcing are iterative over the shape of values.
"""

from __future__ import annotations

from typing import Any

from nixeval.errors import (
    DuplicateAttribute,
    MissingAttribute,
    NixError,
    StringContextError,
    TypeError_,
    UndefinedVariable,
    did_you_mean,
)
from nixeval.lexical import canon_path, format_attr_name, format_float_tostring
from nixeval.machine.calls import (
    BUDGET,
    call_value,
    eval_node,
    force,
    force_item,
    force_thunk,
    tail_hooks,
)
from nixeval.machine.context import current, on_activate
from nixeval.machine.env import MISSING, attrs_static
from nixeval.machine.fast import NOTFAST, add_select_trace, force_fast
from nixeval.machine.scheduler import spawn
from nixeval.syntax import ast as A
from nixeval.values import (
    BLACKHOLE,
    NixPath,
    NixString,
    Thunk,
    attr_position,
    canonical_str,
    make_string,
    pos_attrs,
    show_type,
)

# A `stats.Stats` while the running evaluation collects statistics, else None.
STATS: Any = None


def _configure(evaluation: Any) -> None:
    global STATS
    STATS = evaluation.stats if evaluation is not None else None


on_activate(_configure)


async def const_ev(node: A.Const, env: list[Any], d: int) -> Any:
    return node.value


async def fast_only_ev(node: A.Node, env: list[Any], d: int) -> Any:
    """The `ev` of nodes whose `fast` never fails (lambdas, lists): only called when
    it was not tried."""
    return node.fast(env)


async def _with_lookup(self: A.WithVar, env: list[Any], d: int) -> Any:
    name = self.name
    for depth in self.with_depths:
        e = env
        while depth:
            e = e[0]
            depth -= 1
        attrs = e[1]
        if type(attrs) is Thunk:
            attrs = await force_item(attrs, d)
            e[1] = attrs
        if not isinstance(attrs, dict):
            raise TypeError_(f"value is {show_type(attrs)} while a set was expected", self.span)
        if len(e) == 2:
            e.append(True)  # looked through: Nix's `Env::HasWithAttrs`
        item = attrs.get(name, MISSING)
        if item is not MISSING:
            return item
    raise UndefinedVariable(f"undefined variable '{name}'", self.span)


async def withvar_ev(self: A.WithVar, env: list[Any], d: int) -> Any:
    item = await _with_lookup(self, env, d)
    return await force_item(item, d)


async def attrs_ev(self: A.Attrs, env: list[Any], d: int) -> Any:
    out, renv = attrs_static(self, env)
    dyn_spans: dict[str, Any] = {}
    for name_node, vnode, span in self.dynamic:
        name = name_node.fast(renv)
        if name is NOTFAST:
            name = await (name_node.ev(renv, d + 1) if d < BUDGET else spawn(name_node.ev(renv, 0)))
        if name is None:
            continue
        if type(name) is not str:
            if type(name) is not NixString:
                raise TypeError_(f"value is {show_type(name)} while a string was expected", name_node.span)
            raise StringContextError(f"the string '{name}' is not allowed to refer to a store path "
                            f"(such as '{sorted(name.context)[0].lstrip('=')}')", name_node.span)
        if name in out:
            first = self.static[name][1] if name in self.static else dyn_spans.get(name)
            raise DuplicateAttribute(f"dynamic attribute '{format_attr_name(name)}' already defined at {first.short() if first else '?'}", span)
        dyn_spans[name] = span
        out[name] = vnode.item(renv)
    if dyn_spans:
        out.attr_pos = {**out.attr_pos, **dyn_spans}
    return out


async def str_ev(self: A.Str, env: list[Any], d: int) -> Any:
    out = []
    ctx: set[str] = set()
    for i, p in enumerate(self.parts):
        if type(p) is str:
            out.append(p)
            continue
        v = p.fast(env)
        if v is NOTFAST:
            v = await (p.ev(env, d + 1) if d < BUDGET else spawn(p.ev(env, 0)))
        if type(v) is str:
            out.append(v)
            continue
        s = await coerce_to_string_d(v, d, copy_to_store=True, span=self.spans[i] or p.span)
        if type(s) is NixString:
            ctx |= s.context
        out.append(s)
    r = "".join(out)
    return make_string(r if r.isascii() else canonical_str(r), ctx)


async def path_interp_ev(self: A.PathInterp, env: list[Any], d: int) -> Any:
    out = []
    for i, p in enumerate(self.parts):
        if type(p) is str:
            out.append(p)
            continue
        v = p.fast(env)
        if v is NOTFAST:
            v = await (p.ev(env, d + 1) if d < BUDGET else spawn(p.ev(env, 0)))
        s = await coerce_to_string_d(v, d, copy_to_store=False, span=self.spans[i] or p.span)
        if type(s) is NixString:
            raise StringContextError("a string that refers to a store path cannot be appended to a path", p.span)
        out.append(s)
    return NixPath(canon_path("".join(out)))


async def curpos_ev(self: A.CurPos, env: list[Any], d: int) -> Any:
    return pos_attrs(self.span)  # as unsafeGetAttrPos shows positions


# --- select / has-attr ------------------------------------------------------------


async def _attr_name(an: A.AttrName, env: list[Any], d: int) -> str:
    if an.name is not None:
        return an.name
    assert an.expr is not None
    v = an.expr.fast(env)
    if v is NOTFAST:
        v = await (an.expr.ev(env, d + 1) if d < BUDGET else spawn(an.expr.ev(env, 0)))
    if type(v) is not str and type(v) is not NixString:
        raise TypeError_(f"value is {show_type(v)} while a string was expected", an.span)
    return str(v)


async def select_ev(self: A.Select, env: list[Any], d: int, tail: bool = False) -> Any:
    """`e.a.b` or `e.a.b or default`. With `tail` (for `eval_tail`, which forces it in
    its own frame) an attribute whose item is a suspended thunk is returned as the
    pair (set, name), and `MISSING` stands for "the default applies"."""
    e = self.expr
    v = e.fast(env)
    if v is NOTFAST:
        v = await (e.ev(env, d + 1) if d < BUDGET else spawn(e.ev(env, 0)))
    default = self.default
    path = self.path
    last = path[-1]
    found: Any = None  # (set, name) of the last attribute found, for the error trace
    try:
        for an in path:
            name = an.name if an.name is not None else await _attr_name(an, env, d)
            if not isinstance(v, dict):
                if default is not None:
                    found = None
                    return MISSING if tail else await eval_node(default, env, d)
                raise TypeError_(f"value is {show_type(v)} while a set was expected", self.span)
            item = v.get(name, MISSING)
            if STATS is not None:
                STATS.nrLookups += 1
            if item is MISSING:
                if default is not None:
                    found = None
                    return MISSING if tail else await eval_node(default, env, d)
                raise MissingAttribute(f"attribute '{name}' missing", self.span).suggest(did_you_mean(name, v))
            found = (v, name)
            if type(item) is Thunk:
                tnode = item.node
                if tnode is None:
                    item = item.value
                elif tail and an is last and tnode is not BLACKHOLE:
                    return found
                else:
                    r = force_fast(item)
                    if r is NOTFAST:
                        r = await (force_thunk(item, d + 1) if d < BUDGET else spawn(force_thunk(item, 0)))
                    item = r
                v[name] = item
            v = item
    except NixError as err:
        if found is not None:
            add_select_trace(err, self, attr_position(found[0], found[1]))
        raise
    return v


async def hasattr_ev(self: A.HasAttr, env: list[Any], d: int) -> Any:
    v = self.expr.fast(env)
    if v is NOTFAST:
        v = await (self.expr.ev(env, d + 1) if d < BUDGET else spawn(self.expr.ev(env, 0)))
    path = self.path
    last = len(path) - 1
    for i, an in enumerate(path):
        if not isinstance(v, dict):
            return False
        name = await _attr_name(an, env, d)
        item = v.get(name, MISSING)
        if item is MISSING:
            return False
        if i < last:
            v = await force_item(item, d)
    return True


# --- strings and deep forcing --------------------------------------------------------


async def coerce_to_string_d(v: Any, d: int, *, copy_to_store: bool = True,
                             coerce_more: bool = False, span: Any = None) -> str:
    tv = type(v)
    if tv is str or tv is NixString:
        return v
    if tv is NixPath:
        if copy_to_store:
            return await current().copy_path_to_store(v, span)
        return v.path
    if issubclass(tv, dict):
        if "__toString" in v:
            fn = await force_item(v["__toString"], d)
            r = await spawn(call_value(fn, [v], 0, span))
            return await coerce_to_string_d(r, d, copy_to_store=copy_to_store, coerce_more=coerce_more, span=span)
        if "outPath" in v:
            r = await force_item(v["outPath"], d)
            return await coerce_to_string_d(r, d, copy_to_store=copy_to_store, coerce_more=coerce_more, span=span)
    if coerce_more:
        if tv is bool:
            return "1" if v else ""
        if tv is int:
            return str(v)
        if tv is float:
            return format_float_tostring(v)
        if v is None:
            return ""
        if tv is list:
            out = []
            ctx: set[str] = set()
            n = len(v)
            for i, it in enumerate(v):
                x = await force_item(it, d)
                s = await coerce_to_string_d(x, d, copy_to_store=copy_to_store, coerce_more=True, span=span)
                if type(s) is NixString:
                    ctx |= s.context
                out.append(str(s))
                if i < n - 1 and not (type(x) is list and len(x) == 0):
                    out.append(" ")
            return make_string(canonical_str("".join(out)), ctx)
    raise TypeError_(f"cannot coerce {show_type(v)} to a string", span)


async def coerce_to_string(v: Any, *, copy_to_store: bool = True, coerce_more: bool = False,
                           span: Any = None) -> str:
    """Public request: Nix's string coercion of a forced value."""
    return await coerce_to_string_d(v, 1, copy_to_store=copy_to_store,
                                    coerce_more=coerce_more, span=span)


async def force_deep_d(v: Any, d: int) -> Any:
    """Force every item reachable from `v` (deepSeq); iterative, visits each
    container once."""
    seen: set[int] = set()
    stack = [v]
    while stack:
        x = stack.pop()
        tx = type(x)
        if tx is list:
            if id(x) in seen:
                continue
            seen.add(id(x))
            for i, it in enumerate(x):
                if type(it) is Thunk:
                    it = await force_item(it, d)
                    x[i] = it
                if type(it) is list or isinstance(it, dict):
                    stack.append(it)
        elif issubclass(tx, dict):
            if id(x) in seen:
                continue
            seen.add(id(x))
            for k, it in x.items():
                if type(it) is Thunk:
                    try:
                        it = await force_item(it, d)
                    except NixError as e:
                        e.add_trace(f"while evaluating the attribute '{k}'", attr_position(x, k))
                        raise
                    x[k] = it
                if type(it) is list or isinstance(it, dict):
                    stack.append(it)
    return v


async def force_deep(v: Any) -> Any:
    """Public request: force everything reachable from a value."""
    if type(v) is Thunk:
        v = await force(v)
    return await force_deep_d(v, 1)


tail_hooks(select_item=select_ev)
