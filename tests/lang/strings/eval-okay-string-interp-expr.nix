let xs = { a = "1"; }; in "v=${xs.a}${if true then "t" else "f"}${toString (1 + 2)}"
