{
  foo = <foo>;
  foo-pkg = import <foo/pkg>;
  bar = import <bar>;
  plain = import <pkg>;
  other = import <other>;
  nixPath = map (e: e.prefix) builtins.nixPath;
}
