let
  dir = ./lib/drvsrc;
  d = derivation {
    name = "sources";
    system = "x86_64-linux";
    builder = "/bin/sh";
    src = dir;
    script = ./lib/drvsrc/run.sh;
    data = ./lib/drvsrc/data.txt;
    link = ./lib/drvsrc/link;
    sub = ./lib/drvsrc/sub;
    text = builtins.toFile "text" "hello";
  };
in {
  inherit (d) drvPath outPath;
  interp = [ "${dir}" "${./lib/drvsrc/run.sh}" "${./lib/drvsrc/link}" ];
  ctx = builtins.getContext "${dir}";
  path = builtins.path { path = dir; };
  named = builtins.path { path = dir; name = "named"; };
  flat = builtins.path { path = ./lib/drvsrc/run.sh; recursive = false; };
  flatData = builtins.path { path = ./lib/drvsrc/data.txt; recursive = false; name = "d"; };
  noSymlinks = builtins.path { path = dir; filter = p: t: t != "symlink"; };
  onlyTop = builtins.path { path = dir; filter = p: t: t != "directory"; };
  seen = builtins.path { path = dir; filter = p: t: builtins.match ".*/lib/drvsrc/.*" p != null; };
  source = builtins.filterSource (p: t: baseNameOf p != "data.txt") dir;
  pinned = builtins.path { path = ./lib/drvsrc/data.txt; sha256 = "sha256-Zmey0aq2oAyqWu5a+K2fFGXlZ6vxwgnRVyfVez6Pbl8="; recursive = false; };
  toFile = builtins.toFile "with-refs" "uses ${dir} and ${builtins.toFile "inner" "x"}";
  toFileCtx = builtins.getContext (builtins.toFile "with-refs" "uses ${dir}");
  placeholders = map builtins.placeholder [ "out" "dev" "" ];
}
