# A missing attribute gets Nix's suggestions (edit distance 2 or less, closest first,
# at most 5) after the source excerpt; the selection frame makes Nix print the hint.
let s = { a = 1; ab = 2; abc = 3; b2 = 4; abcd = 5; xyz = 6; }; t = { inner = s.b; }; in t.inner
