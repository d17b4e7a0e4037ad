"<${(toString [ (-(41 + (-29))) "xyz" null true ])}|${toString (-((-2) * 38))}>"
