assert 1 == 1; if 2 < (-8) then "lt" else "ge"
