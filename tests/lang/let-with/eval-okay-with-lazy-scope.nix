with (throw "never forced"); 42
