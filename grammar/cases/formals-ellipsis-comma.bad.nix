# `...` ends the formals: no comma may follow it
{ a, ..., }: a
