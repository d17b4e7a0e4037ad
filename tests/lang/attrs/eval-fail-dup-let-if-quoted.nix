let "if" = 1; "if" = 2; in 1
