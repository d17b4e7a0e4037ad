assert ({ a = false; }.a or true); 1
