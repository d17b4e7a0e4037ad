({ a, ... } @ args: args.b) { a = 1; b = 2; }
