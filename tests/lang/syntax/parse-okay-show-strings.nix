# `show` escapes every `$`; an interpolated path starts with a canonical path literal.
x: [ "a$b" "$${x}" "\${x}" "a${x}$" ./a/${x} ./a${x}/b ./a/../b/${x}/c ~/a${x} "$" ]
