let inherit ({ p = 17; q = 11; }) p q; in { inherit p; r = q; }
