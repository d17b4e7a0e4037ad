"$ xyz"
