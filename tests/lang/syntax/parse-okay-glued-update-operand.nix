# `//` glued to a following operand after a token that is not a path character.
a: [ ({}//a) ((a)//a) ([a]//a) ("s"//a) (a //a) (a //./b) ]
