#!/usr/bin/env python3
"""Generate the differential corpus tests/differential/*.nix (deterministic).

    python tests/differential/generate.py

Writes small random programs from a fixed seed, one family of the language per
file prefix.  No expected output is stored: tests/test_differential.py runs each
program through nix-instantiate and nixeval and compares them live.  Integers
stay small so that no program overflows 64 bits (where nixeval deliberately
follows newer Nix, see tests/lang/newer-nix.txt).  Re-running the script
rewrites the same files byte for byte.
"""

from __future__ import annotations

import random
from pathlib import Path

SEED = 20240611
PER_FAMILY = 30
HERE = Path(__file__).resolve().parent


def small_int(r: random.Random) -> str:
    n = r.randint(-30, 50)
    return f"({n})" if n < 0 else str(n)


def arith(r: random.Random, depth: int) -> str:
    if depth == 0 or r.random() < 0.25:
        return small_int(r)
    op = r.choice(["+", "-", "*", "/", "+", "-"])
    a, b = arith(r, depth - 1), arith(r, depth - 1)
    if op == "/" and r.random() < 0.8:
        b = str(r.randint(1, 9))  # mostly avoid division by zero, keep a few
    form = r.choice(["{a} {op} {b}", "({a} {op} {b})", "-({a} {op} {b})", "builtins.{fn} {a} {b}"])
    fn = {"+": "add", "-": "sub", "*": "mul", "/": "div"}[op]
    if form.startswith("builtins"):
        return f"(builtins.{fn} {paren(a)} {paren(b)})"
    return form.format(a=a, op=op, b=b)


def paren(s: str) -> str:
    return s if s.lstrip("-").isdigit() and not s.startswith("-") else f"({s})"


FLOATS = ["0.5", "1.5", "2.25", "0.1", "3.0", "100.0", "1.0e10", "2.5e-4", ".75", "123456.789"]


def floaty(r: random.Random, depth: int) -> str:
    if depth == 0 or r.random() < 0.3:
        return r.choice(FLOATS) if r.random() < 0.6 else small_int(r)
    op = r.choice(["+", "-", "*", "/"])
    b = floaty(r, depth - 1)
    if op == "/":
        b = r.choice(FLOATS[:6] + ["3", "7"])
    return f"({floaty(r, depth - 1)} {op} {b})"


def boolean(r: random.Random, depth: int) -> str:
    if depth == 0 or r.random() < 0.3:
        kind = r.random()
        if kind < 0.4:
            return f"({arith(r, 1)} {r.choice(['<', '<=', '>', '>=', '==', '!='])} {arith(r, 1)})"
        if kind < 0.7:
            return f"({string_lit(r)} {r.choice(['<', '==', '!=', '>='])} {string_lit(r)})"
        return r.choice(["true", "false"])
    op = r.choice(["&&", "||", "->", "==", "!="])
    e = f"({boolean(r, depth - 1)} {op} {boolean(r, depth - 1)})"
    return f"(!{e})" if r.random() < 0.2 else e


# "$" is followed by a space so that it never meets a "{" and opens an interpolation.
PIECES = [
    "a",
    "b",
    "xyz",
    "",
    " ",
    "\\n",
    "\\t",
    '\\"',
    "\\\\",
    "$ ",
    "\\${x}",
    "é",
    "{",
    "}",
    "''",
]


def string_lit(r: random.Random) -> str:
    return '"' + "".join(r.choice(PIECES) for _ in range(r.randint(0, 4))) + '"'


def stringy(r: random.Random, depth: int) -> str:
    if depth == 0 or r.random() < 0.3:
        return string_lit(r)
    kind = r.randint(0, 4)
    if kind == 0:
        return f"({stringy(r, depth - 1)} + {stringy(r, depth - 1)})"
    if kind == 1:
        return f'"<${{{stringy(r, depth - 1)}}}|${{toString ({arith(r, 1)})}}>"'
    if kind == 2:
        return f"(builtins.concatStringsSep {string_lit(r)} [ {stringy(r, depth - 1)} {stringy(r, depth - 1)} ])"
    if kind == 3:
        s = stringy(r, depth - 1)
        return f"(builtins.substring {r.randint(0, 3)} {r.randint(0, 5)} {s})"
    return f"(toString [ ({arith(r, 1)}) {stringy(r, depth - 1)} null true ])"


def indented(r: random.Random) -> str:
    lines = []
    for _ in range(r.randint(1, 6)):
        indent = " " * r.choice([0, 2, 2, 4, 6]) if r.random() < 0.9 else "\t"
        body = r.choice(
            ["text", "a b", "''$x", "'''", "''\\n", '${"i"}', "${toString 7} end", "", "$y", "#c"]
        )
        lines.append(indent + body)
    first = r.choice(["", "  ", "head "])
    last = r.choice(["", "  ", "    "])
    return "''" + first + "\n" + "\n".join(lines) + "\n" + last + "''"


NAMES = ["a", "b", "c", "x", "y", "zz", '"q r"', '""']


def attrset(r: random.Random, depth: int) -> str:
    items = []
    used = set()
    for _ in range(r.randint(0, 4)):
        name = r.choice(NAMES)
        if name in used:
            continue
        used.add(name)
        val = attrset(r, depth - 1) if depth > 0 and r.random() < 0.4 else value(r)
        items.append(f"{name} = {val};")
    return "{ " + " ".join(items) + (" " if items else "") + "}"


def value(r: random.Random) -> str:
    return r.choice([small_int(r), string_lit(r), "null", "true", "[ 1 2 ]", "1.5"])


def attrs_prog(r: random.Random) -> str:
    a, b = attrset(r, 2), attrset(r, 2)
    key = r.choice(["a", "b", "x", "zz", "missing"])
    exprs = [
        f"({a} // {b})",
        f"(builtins.attrNames ({a} // {b}))",
        f"(({a}) ? {key})",
        f'(({a}).{key} or "default")',
        f'(builtins.removeAttrs ({b}) [ "{key}" "c" ])',
        f"(({a}) == ({b}))",
        f"(builtins.mapAttrs (n: v: n) ({a}))",
        f'(builtins.listToAttrs [ {{ name = "{key}"; value = {value(r)}; }} {{ name = "k"; value = ({a}); }} ])',
    ]
    r.shuffle(exprs)
    return "[\n  " + "\n  ".join(exprs[: r.randint(2, 5)]) + "\n]"


def list_prog(r: random.Random) -> str:
    xs = " ".join(small_int(r) for _ in range(r.randint(0, 7)))
    ys = " ".join(small_int(r) for _ in range(r.randint(0, 5)))
    exprs = [
        f"([ {xs} ] ++ [ {ys} ])",
        f"(builtins.sort (a: b: a < b) [ {xs} {ys} ])",
        f"(builtins.foldl' (acc: v: acc * 2 + v) 0 [ {ys} ])",
        f"(builtins.filter (v: v > {r.randint(-5, 20)}) [ {xs} ])",
        f"(map (v: v * v) [ {xs} ])",
        f"(builtins.genList (i: i * {r.randint(-3, 3)}) {r.randint(0, 6)})",
        f"(builtins.length [ {xs} ])",
        f"(builtins.elemAt [ {xs} 0 ] {r.randint(0, 3)})",
        f"(builtins.concatLists [ [ {ys} ] [ ] [ [ {xs} ] ] ])",
        f"([ {xs} ] == [ {ys} ])",
        f"([ {xs} ] < [ {ys} ])",
    ]
    r.shuffle(exprs)
    return "[\n  " + "\n  ".join(exprs[: r.randint(2, 5)]) + "\n]"


def scope_prog(r: random.Random) -> str:
    v1, v2, v3 = (small_int(r) for _ in range(3))
    templates = [
        f"let a = {v1}; b = a + {v2}; in let a = {v3}; in [ a b ]",
        f"rec {{ a = {v1}; b = a * {v2}; c = [ a b ]; }}",
        f"let s = {{ a = {v1}; b = {v2}; }}; in with s; [ a b (let a = {v3}; in a) ]",
        f"with {{ x = {v1}; }}; with {{ x = {v2}; y = {v3}; }}; [ x y ]",
        f"let f = {{ a, b ? a + {v2}, ... }}@args: [ a b (builtins.attrNames args) ]; in f {{ a = {v1}; z = {v3}; }}",
        f"let f = x: y: x - y; g = f {v1}; in [ (g {v2}) (g {v3}) ]",
        f"let fix = f: let x = f x; in x; in (fix (self: {{ a = {v1}; b = self.a + {v2}; }})).b",
        f"let inherit ({{ p = {v1}; q = {v2}; }}) p q; in {{ inherit p; r = q; }}",
        f'assert {v1} == {v1}; if {v2} < {v3} then "lt" else "ge"',
        f"let c = {{ __functor = self: n: self.k + n; k = {v1}; }}; in map c [ {v2} {v3} ]",
        f'builtins.tryEval (if {v1} > {v2} then throw "big" else {v3})',
        f"let t = {{ a.b = {v1}; a.c = {v2}; }}; in [ t.a (t ? a.b) (t.a.d or {v3}) ]",
    ]
    return r.choice(templates)


FAMILIES = {
    "arith": lambda r: arith(r, 4),
    "float": lambda r: f"[ {floaty(r, 3)} {floaty(r, 2)} ]",
    "bool": lambda r: boolean(r, 3),
    "string": lambda r: stringy(r, 3),
    "indent": indented,
    "attrs": attrs_prog,
    "list": list_prog,
    "scope": scope_prog,
}


def main() -> None:
    for old in HERE.glob("*.nix"):
        old.unlink()
    r = random.Random(SEED)
    for family, gen in FAMILIES.items():
        for i in range(PER_FAMILY):
            src = gen(r)
            (HERE / f"{family}-{i:03d}.nix").write_text(src + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
