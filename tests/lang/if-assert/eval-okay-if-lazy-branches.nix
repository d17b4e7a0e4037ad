if true then "yes" else throw "no"
