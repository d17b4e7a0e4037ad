let c = { __functor = self: n: self.k + n; k = (-23); }; in map c [ 32 (-1) ]
