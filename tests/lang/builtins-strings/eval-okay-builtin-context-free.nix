{
  plain = builtins.hasContext "abc";
  discard = builtins.unsafeDiscardStringContext "abc";
  interp = builtins.hasContext "${"a"}b";
  path-tostring = builtins.hasContext (toString ./.);
}
