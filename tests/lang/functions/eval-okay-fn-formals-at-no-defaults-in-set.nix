(args@{ a ? 5 }: builtins.attrNames args) { }
