[ { __toString = self: "ts"; } ]
