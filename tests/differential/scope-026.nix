assert (-11) == (-11); if 45 < 13 then "lt" else "ge"
