{ x = 1; inherit y z = 2; }
