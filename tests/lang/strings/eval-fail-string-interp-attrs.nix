"value ${{ a = 1; }}"
