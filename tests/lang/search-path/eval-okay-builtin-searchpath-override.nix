let __findFile = sp: name: "${name}!"; in <foo/bar>
