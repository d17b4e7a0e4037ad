let c = { __functor = self: n: self.k + n; k = 43; }; in map c [ 11 7 ]
