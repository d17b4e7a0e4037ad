f a:b )
