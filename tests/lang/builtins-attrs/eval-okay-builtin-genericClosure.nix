{
  basic = builtins.genericClosure {
    startSet = [ { key = 1; } ];
    operator = e: if e.key < 5 then [ { key = e.key + 1; } { key = e.key * 2; } ] else [ ];
  };
  strings = builtins.genericClosure {
    startSet = [ { key = "a"; x = 1; } { key = "a"; x = 2; } ];
    operator = e: [ ];
  };
  floats = builtins.genericClosure {
    startSet = [ { key = 1; } { key = 1.0; } { key = 2.5; } ];
    operator = e: [ ];
  };
  lists = builtins.genericClosure {
    startSet = [ { key = [ 1 2 ]; } { key = [ 1 2 ]; } { key = [ 1 ]; } ];
    operator = e: [ ];
  };
  empty = builtins.genericClosure { startSet = [ ]; operator = x: throw "no"; };
  extra = builtins.length (builtins.genericClosure { startSet = [ { key = 1; y = throw "lazy"; } ]; operator = e: [ ]; });
}
