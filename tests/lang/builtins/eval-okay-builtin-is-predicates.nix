with builtins; let vs = [ 1 1.5 "s" true null [ ] { } (x: x) ./p add ]; in map (v: [ (isInt v) (isFloat v) (isString v) (isBool v) (isNull v) (isList v) (isAttrs v) (isFunction v) (isPath v) ]) vs
