{ "if" = 1; "let" = 2; }."if"
