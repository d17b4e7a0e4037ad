let s = { foo = { bar = 7; }; }; k = "foo"; in [ s.${k}.bar s."foo".bar s.${"f" + "oo"}."bar" ]
