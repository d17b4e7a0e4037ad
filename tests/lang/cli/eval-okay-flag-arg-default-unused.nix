{ a ? "default", b ? "b" }: a + b
