{
  path = (import ./lib/value.nix).answer;
  string = (import "${toString ./lib/value.nix}").answer;
  dir = import ./lib/dir;
  set = (import { outPath = toString ./lib/value.nix; }).answer;
}
