map builtins.parseDrvName [ "nix-0.12pre12876" "a-b-c-1.0" "hello" "foo-" "-1" "x-Y1" "x-1y" "" "a--1" ]
