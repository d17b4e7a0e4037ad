with builtins; map typeOf [ 1 1.5 "s" true null [ ] { } (x: x) ./p add (add 1) ]
