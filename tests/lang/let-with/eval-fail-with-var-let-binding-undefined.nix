with { a = 1; }; if a == 1 then (let c = b; in 3) else 0
