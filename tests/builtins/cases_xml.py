"""Cases for builtins.toXML (recorded by record.py). Cases with `build` are checked
against values the test builds by hand (see cases_json.py)."""

DRV = '(derivation { name = "a"; system = "x"; builder = "y"; })'

_TO = [
    1,
    -1,
    1.0,
    1e20,
    0.1,
    1 / 3,
    True,
    False,
    None,
    "",
    "abc",
    "x<>&\"'\n\t\ré",
    "日本😀",
    [],
    {},
    [None, True, 1.5, [[]]],
    {"b": 1, "a": {"c": []}, "é": 2, "B": 3},
    {"type": "derivation"},
    {"type": "derivation", "drvPath": "d"},
    [{"type": "derivation", "drvPath": "d"}, {"type": "derivation", "drvPath": "d", "x": 1}],
    {"type": "derivation", "drvPath": 1, "outPath": 2},
    {"type": "derivation", "drvPath": "d", "outPath": "o<", "name": "n"},
    {"type": "derivation", "drvPath": ""},
    {"type": "derivatio", "drvPath": "d"},
    {"type": 1},
    {"outPath": "x"},
    {"__toString": "x"},
]

CASES = [{"id": f"to-{i}", "fn": "toXML", "args": [v]} for i, v in enumerate(_TO)] + [
    {"id": "lambda-var", "expr": "builtins.toXML (x: x)", "build": "lambda_var"},
    {"id": "lambda-formals", "expr": "builtins.toXML ({ z, a ? 1 }: 1)", "build": "lambda_formals"},
    {
        "id": "lambda-ellipsis-at",
        "expr": "builtins.toXML ({ y ? 1, z, ... }@w: 1)",
        "build": "lambda_ellipsis_at",
    },
    {"id": "lambda-empty", "expr": "builtins.toXML ({}: 1)", "build": "lambda_empty"},
    {
        "id": "lambda-empty-ellipsis",
        "expr": "builtins.toXML ({...}: 1)",
        "build": "lambda_empty_ellipsis",
    },
    {
        "id": "primop",
        "expr": "builtins.toXML [ builtins.add (builtins.add 1) ]",
        "build": "primops",
    },
    {"id": "path", "expr": "builtins.toXML /tmp/a", "build": "path"},
    {"id": "ctx", "expr": f'builtins.toXML ["${{{DRV}}}"]', "build": "ctx"},
    {"id": "thunks", "expr": 'builtins.toXML [ (1 + 1) { a = "x" + "y"; } ]', "build": "thunks"},
    {
        "id": "deep",
        "expr": "let f = n: if n == 0 then [] else [ (f (n - 1)) ]; in builtins.toXML (f 1000)",
        "build": "deep",
    },
]
