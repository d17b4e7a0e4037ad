# a comment, then code
1
