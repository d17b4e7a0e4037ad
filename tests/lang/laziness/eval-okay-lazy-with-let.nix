let v = 1; in { inherit v; w = v; }
