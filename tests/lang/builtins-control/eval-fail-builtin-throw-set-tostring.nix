throw { __toString = s: "from set"; }
