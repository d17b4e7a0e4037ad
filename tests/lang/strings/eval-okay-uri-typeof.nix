builtins.typeOf https://example.org
