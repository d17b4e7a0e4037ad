# Nix 2.8 reports `throw` without a position, and indents the message's lines.
let f = x: throw "first  \nsecond\n\n  third  \n"; in f 1
