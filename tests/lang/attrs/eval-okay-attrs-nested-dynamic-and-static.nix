let k = "b"; in { a.${k} = 1; a.c = 2; }
