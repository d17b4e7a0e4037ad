let x = "let"; in with { x = "w1"; }; with { x = "w2"; }; x
