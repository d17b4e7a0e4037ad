[ https://x.y/a#frag
]
