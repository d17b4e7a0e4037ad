{ f = x: x; g = { x }: x; h = builtins.head; }
