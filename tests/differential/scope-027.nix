let c = { __functor = self: n: self.k + n; k = 3; }; in map c [ 30 29 ]
