let a = throw "from let"; in a + 1
