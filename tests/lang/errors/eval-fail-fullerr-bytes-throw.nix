let s = "a¶bÃ©"; in
builtins.throw "bad ¶ byte in ${s}"
