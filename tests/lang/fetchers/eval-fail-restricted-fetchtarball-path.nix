builtins.fetchTarball "file:///etc/hosts"
