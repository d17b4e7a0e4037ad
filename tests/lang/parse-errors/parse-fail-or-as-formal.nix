let f = { or ? 1 }: or; in f { }
