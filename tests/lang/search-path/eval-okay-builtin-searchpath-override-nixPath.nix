let __nixPath = [ { prefix = "q"; path = toString ./lib/sp1/pkg; } ]; in import <q>
