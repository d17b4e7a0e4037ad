# Once every enclosing `with` has been looked through, a `with` variable in a lazy
# position (list element) is looked up at once: an undefined name fails here.
with { a = 1; }; if a == 1 then builtins.length [ b ] else 0
