let k = "x"; in { ${k}.y = 1; ${k}.z = 2; }
