"""Cases for builtins.match / builtins.split (recorded by record.py)."""

_MATCH = [
    ("a(b)?", "a"), ("a(b)?", "ab"), ("(a)(b)", "ab"), ("abc", "abc"), ("abc", "abcd"),
    ("", ""), ("", "a"), (".*", ""), (".*", "hello\nworld"), (".", "\n"), (".", "é"),
    ("..", "é"), ("(.)(.)", "é"), ("[[:alpha:]]+", "abcXYZ"), ("[[:alpha:]]", "é"),
    ("[[:digit:]]+", "0123"), ("[[:space:]]+", " \t\n\r\f\v"), ("[[:upper:][:digit:]]+", "A1"),
    ("[[:lower:]]+", "abc"), ("[[:punct:]]+", "!-/:@[`{~"), ("[[:xdigit:]]+", "0aF"),
    ("[[:alnum:]_]+", "a_1"), ("[[:blank:]]+", " \t"), ("[[:cntrl:]]", "\t"),
    ("[[:print:]]+", "a b~"), ("[[:graph:]]+", "a b"), ("[[:w:]]", "_"), ("[[:d:]]", "5"),
    ("[[:s:]]", " "), ("[[:foo:]]", "x"), ("[[:alpha:]", "x"), ("[[:alpha:]-z]", "x"),
    ("[a-[:alpha:]]", "x"), ("[]a]+", "]a"), ("[^]a]", "b"), ("[^]a]", "]"), ("[^a]", "\n"),
    ("[a-]", "-"), ("[-a]", "-"), ("[z-a]", "x"), ("[a-c-e]", "x"), ("[--a]", "."),
    ("[\\]", "\\"), ("[\\\\]x", "\\x"), ("[\\d]+", "d\\"), ("[[.space.]]", " "),
    ("[[.x.]]", "x"), ("[[=x=]]", "x"), ("[[.hyphen.]]", "-"), ("[[.nope.]]", "x"),
    ("[x", "x"), ("[]", "x"), ("[^]", "x"), ("[a-z]+", "hello"), ("[A-Za-z0-9.+-]+", "Ab9.+-"),
    ("\\.", "."), ("\\.", "x"), ("\\[", "["), ("\\\\", "\\"), ("\\(\\)", "()"),
    ("\\*\\+\\?\\{\\|\\^\\$", "*+?{|^$"), ("\\]", "]"), ("\\}", "}"), ("\\d+", "12"),
    ("\\w+", "ab"), ("\\s", " "), ("\\1", "x"), ("(x)\\1", "xx"), ("\\x", "x"), ("\\", "x"),
    ("x\\", "x"), ("\\n", "n"), ("}", "}"), ("]", "]"), ("x{1}}", "x}"), ("()", ""),
    ("x||", ""), ("|x", "x"), ("(|x)", "x"), ("(|x)", ""), ("*x", "x"), ("^*x", "x"),
    ("+x", "x"), ("?x", "x"), ("(*x)", "x"), ("x|*", "x"), ("x{2,1}", "xx"), ("x{1,}", "xxx"),
    ("x{0}x", "x"), ("x{2}", "xx"), ("x{2}", "xxx"), ("x{1,2}", "xx"), ("x{,2}", "x"),
    ("x{", "x{"), ("x{1", "x"), ("x{a}", "x"), ("{1}x", "x"), ("{", "{"), ("x{1,2", "x"),
    ("a{1,2}{2}", "aaa"), ("a**", "aa"), ("a*?", "aa"), ("a+?", "aa"), ("(a*?)(a*)", "aa"),
    ("(a+?)(a*)", "aaa"), ("(a??)(a)", "a"), ("x$", "x"), ("^x", "x"), ("x^", "x"),
    ("$x", "x"), ("^$", ""), ("x$", "x\n"), ("(x", "x"), ("x)", "x"), ("(x))", "x"),
    ("((x)", "x"), ("(?:a)", "a"), ("(?i)a", "a"), ("a|ab", "ab"), ("(a|ab)(c|bcd)(d*)", "abcd"),
    ("(a|ab)(bc|c)", "abc"), ("(a*)*", ""), ("(a*)+", "b"), ("(a*)+", ""), ("((a)|b)*", "ab"),
    ("(a|b|c)+", "abc"), ("(a)|(b)", "b"), ("(a)|b", "b"), ("(a(b(c)))", "abc"),
    ("x{99999}", "x"), ("x{33333}", "x"), ("x{0,50000}", "x"), ("(x{0,10000}){5}", "x"),
    ("(x|y){12498}", "x"), ("(x|y){12499}", "x"), ("x{99993}", "x"), ("x{99994}", "x"),
    ("([^/]*)/(.*)", "foo/bar/baz"), ("(.*)-([0-9].*)", "hello-1.2.3"),
    ("([a-zA-Z0-9_-]+)\\.(tar\\.gz|zip)", "foo-1.0.tar.gz"), (" *([^ ]+) *", "  abc  "),
    ("é+", "éé"), ("[é]+", "é"), ("[é]", "é"), ("[^é]", "é"), ("a.c", "aéc"), ("a..c", "aéc"),
    ("(.*)", "日本語"), ("([^x]*)x", "日本x"), ("\t", "\t"), ("a b", "a b"), ("\\$\\{x\\}", "${x}"),
]

_SPLIT = [
    ("a", "bab"), ("a", ""), ("a", "a"), ("a", "aaa"), ("(a)", "bab"), ("(a)|b", "xaybz"),
    ("a*", "baaac"), ("", "abc"), ("", ""), ("a*", ""), ("(a|ab)(c|bcd)(d*)", "abcd"),
    ("a|ab", "xabx"), ("ab|a", "xabx"), ("a*(ab)?", "aab"), ("(a|ab)*c", "xababcx"),
    ("(a|ab)*", "abab"), ("b*|a", "a"), ("^a", "a\na"), ("a$", "a\na\n"), ("a$", "aa"),
    ("(a)|(b)", "ab"), ("[[:space:]]+", "  a b\tc\n"), ("([[:upper:]])", "fooBarBaz"),
    (",", "a,b,,c,"), ("(,)", ",,"), ("\\.", "1.2.3"), ("(\\.|-)", "1.2-3"),
    ("([0-9]+)", "abc123def45"), ("x*", "xxyxx"), ("(x*)", "axb"), ("é", "aéb"),
    (".", "é"), ("", "é"), ("(", "x"), ("[", "x"), ("\\d", "x"), ("a|b|", "cab"),
    ("(|a)", "aa"), ("(a|)", "aa"), ("(aa|a)", "aaa"), ("(a|aa)", "aaa"),
    ("(a|aa)(a|aa)", "aaaa"), ("x|xy|xyz", "axyzb"), ("(a|b)*c|d", "ababcd"),
    ("(foo|foobar)$", "foobar foobar"), ("(foo|foobar)$", "foo foobar"),
    ("^(a|ab)", "abab"), ("\n", "a\nb\n"), ("(\r?\n)", "a\r\nb\nc"),
]

CASES = (
    [{"id": f"match-{i}", "fn": "match", "args": list(a)} for i, a in enumerate(_MATCH)]
    + [{"id": f"split-{i}", "fn": "split", "args": list(a)} for i, a in enumerate(_SPLIT)]
    + [
        {"id": "match-type-re", "fn": "match", "args": [1, "a"]},
        {"id": "match-type-str", "fn": "match", "args": ["a", 1]},
        {"id": "match-type-null", "fn": "match", "args": ["a", None]},
        {"id": "split-type-re", "fn": "split", "args": [[], "a"]},
        {"id": "split-type-str", "fn": "split", "args": ["x", 1]},
    ]
)

DRV = '(derivation { name = "a"; system = "x"; builder = "y"; })'
DRV_OUT = "/nix/store/r2m0kpmix9pzmcy0b82hk9xim6pis86c-a"
DRV_CTX = ["!out!/nix/store/046nslrgj26ds8rqyxhbhvccjr73hxwh-a.drv"]

CASES += [
    {"id": "match-ctx-re", "expr": f'builtins.match "${{{DRV}}}" "a"',
     "fn": "match", "args": [DRV_OUT, "a"], "ctx": [0], "context": DRV_CTX},
    {"id": "match-ctx-str", "expr": f'builtins.match "/nix/(.*)" "${{{DRV}}}"',
     "fn": "match", "args": ["/nix/(.*)", DRV_OUT], "ctx": [1], "context": DRV_CTX},
    {"id": "split-ctx-re", "expr": f'builtins.split "${{{DRV}}}" "a"',
     "fn": "split", "args": [DRV_OUT, "a"], "ctx": [0], "context": DRV_CTX},
    {"id": "split-ctx-str", "expr": f'builtins.split "/" "${{{DRV}}}"',
     "fn": "split", "args": ["/", DRV_OUT], "ctx": [1], "context": DRV_CTX},
]
