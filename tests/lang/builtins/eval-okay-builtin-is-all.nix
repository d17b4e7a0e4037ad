let vals = [ 1 1.0 "s" true null [ ] { } (x: x) builtins.add (builtins.add 1) ./. ];
    preds = with builtins; [ isInt isFloat isString isBool isNull isList isAttrs isFunction isPath ];
in map (p: map p vals) preds
