with builtins; {
  exact = findFile [ { path = toString ./lib/sp1/pkg; prefix = "foo"; } ] "foo";
  sub = findFile [ { path = toString ./lib/sp2; prefix = "foo"; } ] "foo/other";
  no-prefix = findFile [ { path = toString ./lib/sp2; } ] "pkg";
  empty-prefix = findFile [ { path = toString ./lib/sp1; prefix = ""; } ] "pkg";
  first-wins = findFile [ { path = toString ./lib/sp1; prefix = ""; } { path = toString ./lib/sp2; prefix = ""; } ] "pkg";
  skip-missing = findFile [ { path = toString ./lib/sp1; prefix = ""; } { path = toString ./lib/sp2; prefix = ""; } ] "other";
  path-value = findFile [ { path = ./lib/sp1; prefix = ""; } ] "pkg";
  type = typeOf (findFile [ { path = toString ./lib/sp1; } ] "pkg");
  imported = import (findFile [ { path = toString ./lib/sp1; } ] "pkg");
  prefix-not-dir = findFile [ { path = toString ./lib/sp2/pkg; prefix = "fo"; } { path = toString ./lib/sp1/pkg; prefix = "foo"; } ] "foo";
  extra-attrs = findFile [ { path = toString ./lib/sp1; x = throw "lazy"; } ] "pkg";
}
