[ ''abc'' '' spaced '' ''''  ]
