"""Cases for builtins.fromTOML (recorded by record.py)."""

DRV = '(derivation { name = "a"; system = "x"; builder = "y"; })'
DRV_OUT = "/nix/store/r2m0kpmix9pzmcy0b82hk9xim6pis86c-a"
DRV_CTX = ["!out!/nix/store/046nslrgj26ds8rqyxhbhvccjr73hxwh-a.drv"]

_OK = [
    "",
    "a = 1",
    "a = -1\nb = +2",
    "a = 0x10\nb = 0o17\nc = 0b11\nd = 1_000",
    "a = 9223372036854775807",
    "a = 9223372036854775808",
    "a = -9223372036854775808",
    "a = -9223372036854775809",
    "a = 99999999999999999999999",
    "a = 1e3\nb = 1.5\nc = -0.0\nd = 6.626e-34\ne = 1_000.5",
    "a = 1e400",
    "a = -1e400",
    "a = 1e-400",
    "a = inf\nb = +inf\nc = -inf",
    "a = nan\nb = +nan\nc = -nan",
    "a = \"x\"\nb = 'y'",
    "a = \"\"\"\nx\ny\"\"\"\nb = '''lit\\n'''",
    'a = "\\u00e9\\U0001F600\\t\\n\\"\\\\"',
    "a = true\nb = false",
    '[a]\nb.c = 1\n[[d]]\ne = "x"\n[[d]]\n',
    'a = [1, "x"]',
    "a = [[1, 2], [3]]",
    "a = { b = 1, c = { d = [] } }",
    '"quoted key" = 1\n"" = 2\n\'lit\' = 3',
    "a.b.c = 1\na.b.d = 2",
    "[x.y]\nz = 1\n[x]\nw = 2",
    "a = []\nb = {}",
    "# comment\na = 1 # trailing\n",
    'a = "é日本"',
    "[[a.b]]\nc = 1\n[[a.b]]\nc = 2",
]

_ERR = [
    "a = 1979-05-27T07:32:00Z",
    "a = 1979-05-27T07:32:00",
    "a = 1979-05-27",
    "a = 07:32:00",
    "a = [1979-05-27]",
    "a = { b = 07:32:00 }",
]

CASES = (
    [{"id": f"ok-{i}", "fn": "fromTOML", "args": [s], "types": True} for i, s in enumerate(_OK)]
    + [{"id": f"date-{i}", "fn": "fromTOML", "args": [s]} for i, s in enumerate(_ERR)]
    + [
        {"id": "type", "fn": "fromTOML", "args": [1]},
        {
            "id": "ctx",
            "expr": f'builtins.fromTOML "${{{DRV}}}"',
            "fn": "fromTOML",
            "args": [DRV_OUT],
            "ctx": [0],
            "context": DRV_CTX,
        },
    ]
)

# Malformed TOML: Nix 2.8 (toml11) explains these with a multi-line excerpt we do not
# reproduce; the tests check only the common prefix of the message (see test file).
SYNTAX_ERRORS = [
    "a = ",
    "a = 1\na = 2",
    "a",
    "[a]\n[a]",
    "a = [1,",
    'a = "x',
    "a = 1 2",
    "= 1",
    "a = 01",
    "a = 1__0",
    "a = tru",
    "[[a]]\n[a]",
    "a.b = 1\na = 2",
]
CASES += [
    {"id": f"syntax-{i}", "fn": "fromTOML", "args": [s], "syntax_error": True}
    for i, s in enumerate(SYNTAX_ERRORS)
]
