"""Cases for builtins.hashString (recorded by record.py)."""

DRV = '(derivation { name = "a"; system = "x"; builder = "y"; })'
DRV_OUT = "/nix/store/r2m0kpmix9pzmcy0b82hk9xim6pis86c-a"
DRV_CTX = ["!out!/nix/store/046nslrgj26ds8rqyxhbhvccjr73hxwh-a.drv"]

_INPUTS = ["", "a", "abc", "hello world\n", "é日本", "x" * 1000, "\t\r\n\\\"$"]

CASES = (
    [{"id": f"{algo}-{i}", "fn": "hashString", "args": [algo, s]}
     for algo in ("md5", "sha1", "sha256", "sha512") for i, s in enumerate(_INPUTS)]
    + [
        {"id": "unknown-md6", "fn": "hashString", "args": ["md6", "a"]},
        {"id": "unknown-upper", "fn": "hashString", "args": ["SHA256", "a"]},
        {"id": "unknown-empty", "fn": "hashString", "args": ["", ""]},
        {"id": "unknown-sha224", "fn": "hashString", "args": ["sha224", ""]},
        {"id": "type-algo", "fn": "hashString", "args": [1, "a"]},
        {"id": "type-str", "fn": "hashString", "args": ["md5", 1]},
        {"id": "type-str-null", "fn": "hashString", "args": ["md5", None]},
        {"id": "ctx-str", "expr": f'builtins.hashString "sha1" "${{{DRV}}}"',
         "fn": "hashString", "args": ["sha1", DRV_OUT], "ctx": [1], "context": DRV_CTX},
    ]
)
