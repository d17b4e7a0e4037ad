let a = import ./lib/traced.nix; b = import ./lib/traced.nix; c = import (./lib + "/traced.nix"); in [ a.v b.v c.v ]
