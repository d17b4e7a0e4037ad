let a = 1; s = { b = 2; }; in { inherit; inherit (s); inherit a; }
