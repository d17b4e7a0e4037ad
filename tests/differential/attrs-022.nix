[
  (({ }).b or "default")
  ({ } // { })
  (builtins.attrNames ({ } // { }))
  (({ }) ? b)
]
