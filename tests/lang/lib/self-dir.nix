builtins.toString ./.
