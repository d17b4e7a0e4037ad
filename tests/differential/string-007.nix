((builtins.concatStringsSep "{{''" [ "<${"\\"}|${toString ((-22))}>" "<${"éxyzxyz"}|${toString (((-1) + 16))}>" ]) + "")
