toString { __toString = self: { __toString = s: "inner"; }; }
