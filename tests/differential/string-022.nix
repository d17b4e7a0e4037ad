"$ \${x}\nxyz"
