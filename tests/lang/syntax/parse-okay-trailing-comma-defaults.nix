# A trailing comma in formals, with defaults, `@` patterns, comments, inside parentheses.
[ ({ a ? 1, }: a) ({ a, b ? 2, }: a) ({ a ? 1, }@x: a) (x@{ a ? 1, }: a) ({ a, /* c */ }: a)
  ({ a ? { }, # c
   }: a) ({ a, b ? [ 1 ], c ? import ./x.nix { }, }: a) ]
