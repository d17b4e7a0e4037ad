builtins.deepSeq [ 1 { a = throw "deep inside"; } ] "ok"
