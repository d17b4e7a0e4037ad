removeAttrs { } "a"
