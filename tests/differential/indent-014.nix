''
      ${toString 7} end
    ${"i"}
    text
  ${toString 7} end
    text
    ''
