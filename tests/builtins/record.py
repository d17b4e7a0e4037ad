"""Record the reference Nix's answers for the builtin test cases.

Usage: python tests/builtins/record.py [family ...]   (default: all families)

Each family's cases live in `tests/builtins/cases_<family>.py` as a list `CASES` of
dicts with an `id` and either `expr` (Nix source) or `fn` + `args` (Python values,
rendered to Nix source by `to_nix`). For every case this runs
`nix-instantiate --eval --strict --json -E <expr>` and stores the outcome in
`tests/builtins/data/<family>.json`:

- success: `"json"` (the parsed --json output); with `"types": true` also `"types"`,
  the `builtins.typeOf` of every leaf (to tell 1 from 1.0, which --json does not);
  with `"plain": true` also `"plain"`, the non-JSON printed output.
- failure: `"error"`, the message of the `error:` line(s), without the position.

Expected values only ever come from nix-instantiate, never from nixeval. Output bytes
that are not UTF-8 are kept as surrogate escapes (`errors="surrogateescape"`), the
same representation nixeval uses for such strings.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import subprocess
import sys
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
FAMILIES = ["regex", "versions", "json", "toml", "hash", "xml"]


def nix_string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "$":
            out.append("\\$")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def to_nix(v: Any) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return f"({v})" if v < 0 else str(v)
    if isinstance(v, float):
        assert math.isfinite(v)
        text = repr(abs(v))
        if "e" in text:
            mant, exp = text.split("e")
            if "." not in mant:
                mant += ".0"
            text = f"{mant}e{exp}"
        return f"(-{text})" if v < 0 else text
    if isinstance(v, str):
        return nix_string(v)
    if isinstance(v, list):
        return "[ " + " ".join(f"({to_nix(x)})" for x in v) + " ]"
    if isinstance(v, dict):
        return "{ " + "".join(f"{nix_string(k)} = {to_nix(x)}; " for k, x in v.items()) + "}"
    raise TypeError(v)


def case_expr(case: dict[str, Any]) -> str:
    if "expr" in case:
        return case["expr"]
    return f"builtins.{case['fn']} " + " ".join(f"({to_nix(a)})" for a in case["args"])


TYPES = (
    "let f = v: if builtins.isList v then map f v else if builtins.isAttrs v "
    "then builtins.mapAttrs (n: f) v else builtins.typeOf v; in f ({})"
)


def nix(expr: str, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["nix-instantiate", "--eval", "--strict", *flags, "-E", expr],
        capture_output=True,
        cwd="/",
        timeout=60,
        encoding="utf-8",
        errors="surrogateescape",
    )


def load_nix_json(text: str) -> Any:
    """Nix 2.8's --json writes non-finite floats as bare `inf`, `-inf`, `nan`, `-nan`;
    those become the strings "inf", "-inf", "nan", "-nan" here."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
            continue
        for word in ("-inf", "inf", "-nan", "nan"):
            if text.startswith(word, i):
                out.append(f'"{word}"')
                i += len(word)
                break
        else:
            out.append(c)
            i += 1
    return json.loads("".join(out))


SHOW_TRACE_HINT = "\n(use '--show-trace' to show detailed location information)"


def error_message(stderr: str) -> str:
    """The message of an `error:` report. Nix 2.8 adds a hint line about --show-trace
    to errors that carry no position (fromJSON's, toJSON's, ...): that is the CLI's
    business, so it is cut here (and noted as `"no_position": true`)."""
    text = stderr
    if text.rstrip("\n").endswith(SHOW_TRACE_HINT):
        text = text.rstrip("\n")[: -len(SHOW_TRACE_HINT)]
    if text.startswith("error: "):
        text = text[len("error: ") :]
    cut = text.find("\n\n       at ")
    if cut >= 0:
        text = text[:cut]
    return text.rstrip()


def record(family: str) -> None:
    sys.path.insert(0, HERE)
    cases = importlib.import_module(f"cases_{family}").CASES
    out = []
    seen = set()
    for case in cases:
        assert case["id"] not in seen, case["id"]
        seen.add(case["id"])
        expr = case_expr(case)
        r = nix(expr, "--json")
        entry = dict(case)
        entry["nix_expr"] = expr
        if r.returncode == 0:
            entry["json"] = load_nix_json(r.stdout)
            if case.get("types"):
                t = nix(TYPES.format(expr), "--json")
                assert t.returncode == 0, t.stderr
                entry["types"] = json.loads(t.stdout)
            if case.get("plain"):
                entry["plain"] = nix(expr).stdout.rstrip("\n")
        else:
            entry["error"] = error_message(r.stderr)
            if r.stderr.rstrip("\n").endswith(SHOW_TRACE_HINT):
                entry["no_position"] = True
            if not entry["error"]:
                raise RuntimeError(f"{case['id']}: no error message: {r.stderr!r}")
        out.append(entry)
    path = os.path.join(HERE, "data", f"{family}.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)  # ASCII: keeps non-UTF-8 bytes as escapes
        f.write("\n")
    print(f"{family}: {len(out)} cases -> {path}")


if __name__ == "__main__":
    for fam in sys.argv[1:] or FAMILIES:
        record(fam)
