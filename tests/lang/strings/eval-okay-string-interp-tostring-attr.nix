let o = { __toString = self: "custom"; }; in "<${o}>"
