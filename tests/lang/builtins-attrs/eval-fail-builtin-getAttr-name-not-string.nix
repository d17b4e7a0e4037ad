builtins.getAttr true { }
