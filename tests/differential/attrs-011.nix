[
  (({ x = { a = (-8); c = "xyzb\"\t"; x = { zz = null; }; }; b = 2; a = { "" = { "q r" = "{{$ "; "" = 14; c = null; }; y = true; x = { }; }; }) == ({ c = { "q r" = 19; y = null; a = 44; zz = 1.5; }; x = { "" = { b = [ 1 2 ]; }; y = { zz = null; }; }; a = { b = { y = null; a = "$ "; "" = true; "q r" = 1.5; }; x = { }; y = { zz = null; a = 1.5; }; }; }))
  (builtins.mapAttrs (n: v: n) ({ x = { a = (-8); c = "xyzb\"\t"; x = { zz = null; }; }; b = 2; a = { "" = { "q r" = "{{$ "; "" = 14; c = null; }; y = true; x = { }; }; }))
  (({ x = { a = (-8); c = "xyzb\"\t"; x = { zz = null; }; }; b = 2; a = { "" = { "q r" = "{{$ "; "" = 14; c = null; }; y = true; x = { }; }; }) ? a)
]
