with builtins; {
  partial = typeOf (add 1);
  partial2 = (foldl' add) 0 [ 1 2 ];
  printed = [ add (add 1) map ];
  sub-curried = map (sub 10) [ 1 2 ];
  substr = map (substring 0 1) [ "ab" "cd" ];
}
