#!/usr/bin/env python3
"""Regenerates README's generated blocks: between
`<!-- generated: pact ARGS -->` and `<!-- end generated -->` goes what
`pact ARGS` prints now. tests/suite/readme.rs fails while a block is stale.

    contrib/readme/regenerate.py [PACT_BINARY]   (default target/release/pact)
"""
import re
import subprocess
import sys

pact = sys.argv[1] if len(sys.argv) > 1 else "target/release/pact"
block = re.compile(r"(<!-- generated: pact (.*?) -->\n)(.*?)(<!-- end generated -->)", re.S)
text = open("README.md", encoding="utf-8").read()


def fill(m):
    args = m.group(2).split()
    out = subprocess.run([pact, *args], check=True, capture_output=True, text=True).stdout
    print("regenerated: pact", " ".join(args), file=sys.stderr)
    return m.group(1) + out + m.group(4)


open("README.md", "w", encoding="utf-8").write(block.sub(fill, text))
