# SPDX-License-Identifier: GPL-2.0-only
"""What a loop copying mapped scatterlist entries into a hardware SGL uses.

Shared by the semantic patches in coccinelle/ (imported through
load_from_cocci_dir() in their @initialize:python@ rules): the convertible
shape is the same for the converting and the classifying scripts.
"""
import re

EXITS = re.compile(r"\b(return|break|continue|goto)\b")
KEYWORDS = {"if", "else", "sizeof", "for", "while", "do", "switch", "case",
            "default", "u8", "u16", "u32", "u64", "int", "unsigned", "long",
            "dma_addr_t", "struct", "union"}


def entry_uses(sg):
    """The entry's accessors a hook can replace by its (addr, len)."""
    return re.compile(r"sg_dma_(address|len)\s*\(\s*" + re.escape(sg) + r"\s*\)")


def analyse(body, sg, i):
    """Return (exits, free): whether the body leaves the loop early, and
    the names it uses besides the entry's address and length, the loop
    counter, struct members, called functions, keywords and constants."""
    text = entry_uses(sg).sub(" ", body)
    free = set()
    for m in re.finditer(r"(->|\.)?\s*\b([A-Za-z_]\w*)\b(\s*\()?", text):
        member, name, call = m.group(1), m.group(2), m.group(3)
        if member or call or name in KEYWORDS or name.isupper() or name == i:
            continue
        free.add(name)
    return bool(EXITS.search(text)), free


def copies_entries(body, sg):
    """Whether the body reads the mapped entry at all."""
    return bool(entry_uses(sg).search(body))


def written(body, names):
    """The names the body assigns, increments or decrements."""
    out = set()
    for name in names:
        n = re.escape(name)
        if re.search(r"(\+\+|--)\s*\b%s\b|\b%s\s*(\+\+|--|[-+*/%%&|^]?=(?!=)|<<=|>>=)"
                     % (n, n), body):
            out.add(name)
    return out
