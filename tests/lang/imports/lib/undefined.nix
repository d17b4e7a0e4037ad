{ x = 1;
  y = undefined_in_lib;
}
