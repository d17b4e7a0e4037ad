with builtins; {
  a = seq 1 2;
  b = seq { x = throw "no"; } "shallow";
  c = seq [ (throw "no") ] "shallow";
  d = deepSeq { x = [ 1 { y = 2; } ]; } "deep";
  e = (tryEval (deepSeq { x = [ (throw "no") ]; } 1)).success;
  f = (tryEval (seq (throw "no") 1)).success;
  h = deepSeq (x: throw "no") "fn";
}
