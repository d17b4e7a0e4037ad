{ outputs = { self }: { greeting = "hello from sub"; }; }
