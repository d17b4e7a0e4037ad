builtins.toXML [ 1 "s<>&\"" true null 1.5 (x: x) ({ a, b ? 1 }: a) ./lib ]
