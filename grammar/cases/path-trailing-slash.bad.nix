/a/b/
