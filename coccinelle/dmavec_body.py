# SPDX-License-Identifier: GPL-2.0-only
"""What a loop copying mapped scatterlist entries into a hardware SGL uses.

Shared by the semantic patches in coccinelle/ (each imports it in its first
@initialize:python@ rule) and scripts/cocci-report.sh: the convertible
shape is the same for the converting and the classifying scripts.
"""
import re

EXITS = re.compile(r"\b(return|break|continue|goto)\b")
DECL = re.compile(r"(?:^|(?<=[;{}]))\s*((?:const\s+|volatile\s+|struct\s+|union\s+|enum\s+)*"
                  r"[A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)[\s*]+([A-Za-z_]\w*)\s*(?:[=;,\[])")
NOT_TYPES = {"return", "else", "case", "goto", "do", "sizeof", "break", "continue"}
KEYWORDS = {"if", "else", "sizeof", "for", "while", "do", "switch", "case",
            "default", "u8", "u16", "u32", "u64", "int", "unsigned", "long",
            "dma_addr_t", "struct", "union"}


ENTRY_READ = re.compile(r"\bsg_dma_(address|len)\s*\(")


def strip(text):
    """The code of text without its comments and string literals; their
    lines stay (a literal never spans one), so that line numbers do."""
    text = re.sub(r"/\*.*?\*/|//[^\n]*",
                  lambda m: re.sub(r"[^\n]", " ", m.group()), text, flags=re.S)
    return re.sub(r'"(\\.|[^"\\\n])*"' + r"|'(\\.|[^'\\\n])*'", '""', text)


def entry_reads(text):
    """How many times the code in text reads a mapped entry's DMA address
    or length."""
    return len(ENTRY_READ.findall(strip(text)))


ENTRY_ARG = re.compile(r"\bsg_dma_(?:address|len)\s*\(\s*((?:[^()]|\([^()]*\))*?)\s*\)")

# dma_map_sg(dev, list, ...): the list
MAP_SG_LIST = re.compile(r"\bdma_map_sg(?:_attrs)?\s*\((?:[^(),]|\([^()]*\))*,\s*"
                         r"((?:[^(),]|\([^()]*\))*?)\s*,")


def foreign_reads(text):
    """How many of the entry reads in text read a list the file maps with
    dma_map_sg() by that very expression (ibmvfc's BSG payloads): the
    entries of another mapping, which a conversion of the command's does
    not touch."""
    code = strip(text)
    lists = {re.sub(r"\s+", "", m.group(1)) for m in MAP_SG_LIST.finditer(code)}
    lists = {l for l in lists if "scsi_sglist" not in l}
    return sum(1 for m in ENTRY_ARG.finditer(code)
               if re.sub(r"\s+", "", m.group(1)) in lists)


def spaced(expr):
    """A pattern for the expression expr, whatever its spacing."""
    return r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", expr))


def _sglist(cmd):
    """A pattern for scsi_sglist(cmd), whatever its spacing."""
    return r"scsi_sglist\s*\(\s*%s\s*\)" % spaced(cmd)


def _var(v):
    """A pattern for the variable v, not a member of that name."""
    return r"(?<!->)(?<!\.)\b%s" % re.escape(v)


def _assigned(v):
    """A pattern for v assigned, incremented or decremented."""
    return r"%s\s*(?:[-+*/|&]?=(?!=)|\+\+|--)" % _var(v)


def _writes(code, v):
    """How many times code changes v or takes its address."""
    return len(re.findall(_assigned(v), code)) + \
        len(re.findall(r"(?:\+\+|--|&)\s*%s\b" % re.escape(v), code))


def first_sets(code, v, cmd):
    """How many times code sets v to scsi_sglist(cmd); None if it changes v
    any other way (sg_next(), a loop's cursor, its address taken)."""
    code = strip(code)
    cast = r"(?:\(\s*struct\s+scatterlist\s*\*\s*\)\s*)?"     # storvsc casts it
    sets = len(re.findall(r"%s\s*=\s*%s%s" % (_var(v), cast, _sglist(cmd)), code))
    writes = _writes(code, v) + \
        len(re.findall(r"for_each_sg\s*\((?:[^(),]|\([^()]*\))*,\s*%s\s*," % re.escape(v), code))
    return sets if sets and writes == sets else None


def sets_only_to(code, v, value):
    """Whether code sets v once, to value (an expression, whatever its
    spacing), and changes it nowhere else."""
    code = strip(code)
    sets = len(re.findall(r"%s\s*=\s*%s\s*;" % (_var(v), spaced(value)), code))
    return sets == 1 and _writes(code, v) == 1


def declarations(text, name):
    """How many times text declares name as an integer variable."""
    return len(re.findall(r"\b(?:int|unsigned|long|short|char|u8|u16|u32|u64|size_t)\s+"
                          r"(?:[A-Za-z_]\w*\s*,\s*)*%s\b" % re.escape(name), text))


def first_reads(code, cmd):
    """The lines (0-based) where code reads the DMA address or length of
    the command's first entry: of scsi_sglist(cmd), or of a variable code
    only ever sets to that (a one-segment path); None if code reads any
    other entry."""
    code = strip(code)
    lines = []
    for m in ENTRY_ARG.finditer(code):
        arg = m.group(1)
        if not re.fullmatch(_sglist(cmd), arg) and \
                not (re.fullmatch(r"[A-Za-z_]\w*", arg) and first_sets(code, arg, cmd)):
            return None
        lines.append(code.count("\n", 0, m.start()))
    return lines


def entry_uses(sg):
    """The entry's accessors a hook can replace by its (addr, len)."""
    return re.compile(r"sg_dma_(address|len)\s*\(\s*" + re.escape(sg) + r"\s*\)")


# A statement leaving the loop: its kind and its argument.
EXIT = re.compile(r"\b(break|continue)\s*;|\b(return)\b\s*([^;]*?)\s*;|\b(goto)\s+(\w+)\s*;")


def exits_of(body):
    """The statements by which the body leaves its loop, as (kind, what):
    ('break', ''), ('continue', ''), ('return', value), ('goto', label);
    None when a break or continue may belong to a loop or switch nested in
    the body (the hook could not tell them apart)."""
    text = directives_blanked(strip(body))
    if re.search(r"\b(for|while|do|switch)\b", text) and \
            re.search(r"\b(break|continue)\b", text):
        return None
    out = []
    for m in EXIT.finditer(text):
        if m.group(1):
            out.append((m.group(1), ''))
        elif m.group(2):
            out.append(('return', m.group(3)))
        else:
            out.append(('goto', m.group(5)))
    return out


def _close(text, k, open_, close):
    """The index just past the bracket closing the one at text[k]."""
    depth = 0
    for j in range(k, len(text)):
        depth += {open_: 1, close: -1}.get(text[j], 0)
        if depth == 0:
            return j + 1
    return None


def exit_block(body):
    """The block holding the body's one exit, as 'if (cond) { ... }'
    text, when that block is an if's whose last statement is the exit;
    None otherwise."""
    text = directives_blanked(strip(body))
    exits = list(EXIT.finditer(text))
    if len(exits) != 1:
        return None
    for m in re.finditer(r"\bif\s*\(", text):
        cond_end = _close(text, m.end() - 1, "(", ")")
        if cond_end is None:
            return None
        brace = re.match(r"\s*\{", text[cond_end:])
        if not brace:
            continue
        start = cond_end + brace.end() - 1
        end = _close(text, start, "{", "}")
        x = exits[0]
        if end and start < x.start() and x.end() <= end and \
                not text[x.end():end - 1].strip():
            return text[m.start():end]
    return None


def analyse(body, sg, i):
    """Return (exits, free): whether the body leaves the loop early, and
    the names it uses besides the entry's address and length, the loop
    counter, struct members, called functions, keywords and constants.
    A returned value or a goto's label is not the body's: where the body
    leaves the loop, its function does that after the emit call."""
    text = entry_uses(sg).sub(" ", directives_blanked(strip(body)))
    # the entry's CPU length, where its DMA length is meant (dc395x): the
    # hook's length, equal under dma-direct and swiotlb, right where an
    # IOMMU merged entries (which the loop over sg->length got wrong)
    text = re.sub(r"\b%s\s*->\s*length\b" % re.escape(sg), " ", text)
    exits = bool(EXITS.search(text))
    text = EXIT.sub(";", text)
    local = declared(text)
    free = set()
    # a struct, union or enum tag is no variable of the function
    text = re.sub(r"\b(struct|union|enum)\s+[A-Za-z_]\w*", " ", text)
    for m in re.finditer(r"(->|\.)?\s*\b([A-Za-z_]\w*)\b(\s*\()?", text):
        member, name, call = m.group(1), m.group(2), m.group(3)
        if member or call or name in KEYWORDS or name.isupper() or name == i or \
                name in local:
            continue
        free.add(name)
    return exits, free


def copies_entries(body, sg):
    """Whether the body reads the mapped entry at all."""
    return bool(entry_uses(sg).search(body))


def declared(body):
    """The names the body declares itself (they stay the hook's own)."""
    out = set()
    for m in DECL.finditer(strip(body)):
        words = m.group(1).split()
        if words[0] not in NOT_TYPES and words[-1] not in NOT_TYPES:
            out.add(m.group(2))
    return out


def written(body, names):
    """The names the body assigns, increments or decrements."""
    out = set()
    body = strip(body)
    for name in names:
        n = re.escape(name)
        for m in re.finditer(r"(\+\+|--)\s*\b%s\b|\b%s\s*(\+\+|--|[-+*/%%&|^]?=(?!=)|<<=|>>=)"
                             % (n, n), body):
            # a write through a pointer (*p += x) leaves p as it was
            if not m.group(1) and body[:m.start()].rstrip().endswith("*"):
                continue
            out.add(name)
    return out


def map_wrappers(text):
    """The functions of a file's text that map a command parameter with
    scsi_dma_map() and return the count (ncr53c8xx's
    __map_scsi_sg_data()), with every function-like macro calling one
    (map_scsi_sg_data()): {name: the wrapper it is or calls}."""
    code = strip(text)
    out = {}
    for m in re.finditer(r"\b(\w+)\s*=\s*scsi_dma_map\s*\(\s*(\w+)\s*\)", code):
        head = code.rfind("\n{", 0, m.start())
        # the definition: from the last line before the brace that starts
        # at column 0 with a word
        starts = [k.start() for k in re.finditer(r"(?m)^\w", code[:head + 1])]
        sig = re.match(r"(?:static\s+)?(?:inline\s+)?\w[\w\s*]*?\b(\w+)\s*"
                       r"\(([^)]*)\)\s*$", code[starts[-1]:head + 1]) if starts else None
        if not sig:
            continue
        body = code[head:]
        end = body.find("\n}")
        body = body[:end]
        if re.search(r"\b%s\s*[,)]" % re.escape(m.group(2)), sig.group(2) + ")") and \
                re.search(r"\breturn\s+%s\s*;" % re.escape(m.group(1)), body) and \
                len(re.findall(r"\bscsi_dma_map\s*\(", body)) == 1 and \
                not re.search(r"\bsg_dma_(address|len)\b", body):
            out[sig.group(1)] = sig.group(1)
    for m in re.finditer(r"(?m)^#\s*define\s+(\w+)\s*\([^)]*\)\s*(\w+)\s*\(", code):
        if m.group(2) in out:
            out[m.group(1)] = m.group(2)
    return out


def counted_by_wrapper(text, fn_text, n, cmd, loop_line):
    """The wrapper (map_wrappers()) whose call, with cmd among its
    arguments, last set n before the loop at loop_line (0-based in
    fn_text), n being written nowhere after it; None if there is none."""
    wrappers = map_wrappers(text)
    lines = strip(fn_text).split("\n")[:loop_line]
    for k in range(len(lines) - 1, -1, -1):
        if not re.search(_assigned(n), lines[k]):
            continue
        m = re.search(r"%s\s*=\s*(\w+)\s*\((.*)\)\s*;" % re.escape(n), lines[k])
        if not m or m.group(1) not in wrappers:
            return None
        args = m.group(2).split(",")
        return wrappers[m.group(1)] if any(
            re.fullmatch(r"\s*%s\s*" % spaced(cmd), a) for a in args) else None
    return None


def function_text(path, line):
    """The text of the function whose definition starts at line (1-based),
    to its closing brace, counted on code without comments and strings."""
    with open(path, errors="replace") as f:
        text = "\n".join(f.read().split("\n")[line - 1:])
    code = strip(text)
    start = code.find("{")
    depth = 0
    for k in range(start, len(code)):
        depth += {"{": 1, "}": -1}.get(code[k], 0)
        if depth == 0:
            return code[:k + 1]
    return code


def count_names(text, name):
    """How many times the code in text names the identifier."""
    return len(re.findall(r"\b%s\b" % re.escape(name), strip(text)))


def count_vars(text, name):
    """How many times the code in text names the identifier, members of
    that name (->name, .name) aside."""
    return len(re.findall(r"(?<!->)(?<!\.)\b%s\b" % re.escape(name), strip(text)))


# An #ifdef, #ifndef, #else or #endif, on a line of its own or inline in
# the one-line text spatch gives for a statement list.
DIRECTIVE = re.compile(r"#\s*(?:(?:ifdef|ifndef)\s+\w+|else|endif)\b")


def directives_blanked(text):
    """text without its #ifdef-style directives: the code under one is
    code of the body, the directive names no variable."""
    return DIRECTIVE.sub(" ", text)


def unconditional(text):
    """text without the lines under #if, #ifdef or #ifndef."""
    # a statement list from spatch: one line, directives inline
    text = DIRECTIVE.sub(lambda m: "\n%s\n" % m.group(), text)
    out, depth = [], 0
    for line in text.split("\n"):
        directive = re.match(r"\s*#\s*(if|ifdef|ifndef|endif)\b", line)
        if directive:
            depth += -1 if directive.group(1) == "endif" else 1
            continue
        if depth == 0:
            out.append(line)
    return "\n".join(out)
