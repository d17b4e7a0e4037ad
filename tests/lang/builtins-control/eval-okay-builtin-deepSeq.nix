builtins.deepSeq [ 1 { a = 2; } ] "ok"
