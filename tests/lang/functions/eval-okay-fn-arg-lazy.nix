(x: 5) (throw "lazy")
