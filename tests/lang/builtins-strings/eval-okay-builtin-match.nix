with builtins; [
  (match "a(b)(c)?" "ab") (match "a" "b") (match "[a-z]+" "abc") (match "(.*)\\.nix" "foo.nix")
  (match "" "") (match "a|(b)" "a") (match ".*" "") (match "(a)*" "aaa")
]
