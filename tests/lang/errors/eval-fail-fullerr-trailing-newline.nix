# The message's trailing white space is trimmed before the --show-trace hint.
let s = { a = throw "b\n\n  "; }; in s.a
