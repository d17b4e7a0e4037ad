# imported from its copy in the store
{ greeting = "hello from the store"; }
