builtins.typeOf /tmp/.
