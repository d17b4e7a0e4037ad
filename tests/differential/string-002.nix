(builtins.substring 1 1 ("''" + "<${"\"{b"}|${toString (32 + (-17))}>"))
