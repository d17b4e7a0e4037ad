(args@{ a, ... }: args) { }
