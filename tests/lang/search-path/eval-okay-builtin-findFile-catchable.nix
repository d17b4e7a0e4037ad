[ (builtins.tryEval <nope>).success (builtins.tryEval (builtins.findFile [ ] "x")).success ]
