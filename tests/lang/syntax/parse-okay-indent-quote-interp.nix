# A lone quote before `${` in an indented string is text, after an escape or an
# interpolation too.
x: [ ''${x}'${x}'' ''''\x'${x}'' ''''$'${x}'' ''a''''${x}'' ''a''\n'${x}'' ''a'${x}'' ]
