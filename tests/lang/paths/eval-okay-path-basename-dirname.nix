with builtins; [ (baseNameOf /a/b/c) (baseNameOf "/a/b/c/") (baseNameOf "x") (dirOf "/a/b/c") (dirOf /a/b/c) (dirOf "a") (dirOf "/") (baseNameOf "") (dirOf "a/b/") ]
