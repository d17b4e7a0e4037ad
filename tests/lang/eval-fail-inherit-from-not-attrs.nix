let s = 1; in { inherit (s) b; }
