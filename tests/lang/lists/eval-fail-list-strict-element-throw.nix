[ 1 (throw "element two") ]
