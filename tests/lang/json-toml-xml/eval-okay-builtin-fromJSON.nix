builtins.fromJSON ''{ "a": [1, 2.5, -3, 1e3, true, false, null, "s\u00e9\n"], "b": {}, "a": 2 }''
