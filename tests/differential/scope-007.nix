let inherit ({ p = (-24); q = (-5); }) p q; in { inherit p; r = q; }
