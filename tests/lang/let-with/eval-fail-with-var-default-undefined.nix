with { a = 1; }; if a == 1 then ({ x ? b }: 1) { } else 0
