{ n, s }: [ n s ]
