"""Cases for compareVersions / splitVersion / parseDrvName (recorded by record.py)."""

DRV = '(derivation { name = "a"; system = "x"; builder = "y"; })'
DRV_OUT = "/nix/store/r2m0kpmix9pzmcy0b82hk9xim6pis86c-a"
DRV_CTX = ["!out!/nix/store/046nslrgj26ds8rqyxhbhvccjr73hxwh-a.drv"]

_VERSIONS = [
    "", "1", "1.0", "1.0.0", "1.0pre1", "1.0pre", "1.0-pre", "pre", "prefoo", "1.0a",
    "1.0.1", "1.0b", "2.3a", "2.3.1", "1..2", "1.", ".1", "-1", "a", "b", "ab", "A",
    "01", "001.2", "1_2 3+4", "1.2.3a-pre4..5--x", ".-a1", "é1ü", "2147483647",
    "2147483648", "99999999999999999999", "99999999999999999998", "9223372036854775807",
    "1.2rc1", "1.2rc2", "1.2-rc1", "1.2alpha", "1.2beta", "1.2p1", "20220101", "0",
    "0.0", "unstable-2022-01-01", "1.0-unstable", "pre1", "1pre", "1.0preview",
]

_DRV_NAMES = [
    "hello-1.0", "hello", "hello-", "a-b-1-c", "-1", "a-é", "a-_1", "nix-2.8.0pre",
    "foo-bar-baz", "foo-bar-1.2", "foo--1", "foo-1-2-3", "", "-", "a-B1", "a-.1",
    "python3.10-requests-2.27.1", "gcc-wrapper-11.3.0", "x-1-y-2",
]

CASES = (
    [{"id": f"split-{i}", "fn": "splitVersion", "args": [v]} for i, v in enumerate(_VERSIONS)]
    + [{"id": f"cmp-{i}-{j}", "fn": "compareVersions", "args": [a, b]}
       for i, a in enumerate(_VERSIONS) for j, b in enumerate(_VERSIONS)
       if (i + 3 * j) % 5 == 0 or abs(i - j) <= 1]
    + [{"id": f"parse-{i}", "fn": "parseDrvName", "args": [v]} for i, v in enumerate(_DRV_NAMES)]
    + [
        {"id": "cmp-type-1", "fn": "compareVersions", "args": ["1", 1]},
        {"id": "cmp-type-2", "fn": "compareVersions", "args": [None, "1"]},
        {"id": "split-type", "fn": "splitVersion", "args": [1.5]},
        {"id": "parse-type", "fn": "parseDrvName", "args": [{}]},
        # strings with context (args[k] is wrapped with DRV_CTX by the test)
        {"id": "parse-ctx", "expr": f'builtins.parseDrvName "${{{DRV}}}-1"',
         "fn": "parseDrvName", "args": [DRV_OUT + "-1"], "ctx": [0], "context": DRV_CTX},
        {"id": "split-ctx", "expr": f'builtins.splitVersion "${{{DRV}}}"',
         "fn": "splitVersion", "args": [DRV_OUT], "ctx": [0], "context": DRV_CTX},
        {"id": "cmp-ctx", "expr": f'builtins.compareVersions "1" "${{{DRV}}}"',
         "fn": "compareVersions", "args": ["1", DRV_OUT], "ctx": [1], "context": DRV_CTX},
    ]
)
