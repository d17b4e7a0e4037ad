let x = "no"; in [ "\${x}" "$${x}" "$\{x}" ]
