a b c )
