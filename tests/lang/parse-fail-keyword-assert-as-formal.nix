{ assert }: assert
