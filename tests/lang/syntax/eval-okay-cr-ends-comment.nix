# a comment ends at a bare CR1 + 2
