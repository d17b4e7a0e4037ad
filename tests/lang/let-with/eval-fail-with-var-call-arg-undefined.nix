# All arguments of a call are made before the function is called: the undefined
# `with` variable `e20` fails before `toString 1` is applied to it.
with { a = 1; }; if a == 1 then builtins.toString 1 e20 else 0
