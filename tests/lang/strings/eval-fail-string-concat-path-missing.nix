"a" + ./lib/does-not-exist
