with builtins; [ (isFunction map) (isAttrs builtins) (builtins ? add) (builtins.builtins ? map) ]
