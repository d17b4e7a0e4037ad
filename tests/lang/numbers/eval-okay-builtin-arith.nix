with builtins; {
  add = [ (add 1 2) (add 1 2.5) (add 1.5 2) (add (-1) 1) ];
  sub = [ (sub 1 2) (sub 1.5 1) (sub 3 0.5) ];
  mul = [ (mul 3 4) (mul 1.5 2) (mul (-2) 3) ];
  div = [ (div 7 2) (div (-7) 2) (div 7 (-2)) (div 7.0 2) (div 1 4.0) ];
  lt = [ (lessThan 1 2) (lessThan 2 1) (lessThan 1 1.5) (lessThan "a" "b") (lessThan 1.5 1) ];
  bits = [ (bitAnd 12 10) (bitOr 12 10) (bitXor 12 10) (bitAnd (-1) 5) (bitXor (-1) 0) ];
  ceil = [ (ceil 1.5) (ceil (-1.5)) (ceil 2) (ceil 2.0) ];
  floor = [ (floor 1.5) (floor (-1.5)) (floor 2) ];
}
