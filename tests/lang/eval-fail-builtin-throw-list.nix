builtins.throw [ "a" ]
