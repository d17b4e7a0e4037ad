with { }; if false then undefinedButWith else 1
