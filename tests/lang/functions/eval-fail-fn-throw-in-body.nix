(x: throw "body ${x}") "arg"
