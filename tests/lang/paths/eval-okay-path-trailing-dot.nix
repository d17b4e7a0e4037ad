[ ./a.b ./a-b_c+d ./a/b.c/d ]
