(false != ((false && ("a'' " >= "")) == (((builtins.add ((-3)) 50) < (builtins.sub ((-2)) 2)) == (-(24 - 26) <= (-20)))))
