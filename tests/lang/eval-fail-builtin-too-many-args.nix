builtins.length [ ] 1
