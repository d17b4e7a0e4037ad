let n = "x"; in throw "bad ${n} value"
