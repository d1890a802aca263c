// SPDX-License-Identifier: GPL-2.0-only
/// Convert a SCSI low-level driver's scsi_dma_map() and the loop that copies
/// each mapped entry into its hardware SGL to dmavec (<scsi/scsi_dmavec.h>),
/// in place: scsi_dma_map() becomes scsi_dmavec_map(), which maps the
/// command's block request (one IOVA range behind an IOMMU) and returns the
/// entry count as before; the loop becomes a call of a generated
/// name_scsi_emit(), which writes the same entries through an entry hook
/// holding the loop body; scsi_dma_unmap() becomes scsi_dmavec_unmap(),
/// which also unmaps what a scsi_dma_map() left in the file mapped, so each
/// site converts on its own. The loop counter gets the count the loop left
/// in it where it is used after the loop. The generated end hook is empty.
///
/// The shape converted: scsi_for_each_sg(cmd, sg, n, i),
/// for_each_sg(scsi_sglist(cmd), sg, n, i), for_each_sg(sl, sg, n, i) or
/// for (i = 0; i < n; i++, sg = sg_next(sg)) from a variable only ever set
/// to scsi_sglist(cmd), n being the mapped count or a copy of it, whose
/// body uses the entry only through sg_dma_address() and sg_dma_len() (or
/// sg->length, its CPU length, where the DMA length is meant: the hook's
/// length, equal where no IOMMU merges entries), which leaves the loop, if
/// at all, in one way: a return of a value or a goto (no break), and may
/// skip an entry with continue (the hook then returns having written
/// nothing; not with a goto as well). The hooks get what the body uses of
/// the function: the one pointer it writes through, or a context struct
/// (filled by a generated wrapper, name_sgl_emit()) holding the values it
/// reads and the address of each variable it changes, at most eight, so
/// that the hooks, called once per entry in order, do what the iterations
/// did. Where the body returns or jumps, the entry hook (int then) refuses
/// the entry, the emit stops and fails, and the function returns or jumps
/// when it does. The first entry's DMA address and length read before the
/// loop (a one-segment shortcut), or in a function that maps without a
/// loop when the rest of the file is converted, become
/// scsi_dmavec_first(cmd). A count only the loop reads
/// goes. Refused: any other read of an entry outside the loop.
///
/// The same shape after a plain dma_map_sg(dev, sgl, nents, dir) whose
/// function also unmaps the list (every exit after the map is its failure
/// check, follows a dma_unmap_sg() of the list, or jumps to a label before
/// one) converts to <dmavec/sg.h>: a local struct dmavec_sg,
/// dmavec_sg_map(), name_sg_emit() and dmavec_sg_unmap(). A mapping that
/// outlives its function (unmapped at completion) is not taken.
///
/// A copy loop in a helper (a function that does not map, taking the
/// mapped count as a parameter) converts too, with the maps of its file,
/// if every map of the file converts or calls a converted helper, every
/// copy loop of the file converts, and no entry's DMA address is read
/// anywhere else in the file but the callers' first entries (and the
/// entries of a list the file maps with dma_map_sg() by the same
/// expression: another mapping, ibmvfc's BSG payloads). A helper
/// walking a scatterlist parameter with sg_next() takes the command
/// instead, and its callers pass it.
///
/// Not checked for a loop next to its map: a DMA address read from the
/// command's scatterlist in another function of the file (a completion
/// path, say); review each converted driver for that.
//
// Confidence: Moderate
// Options: --no-includes --include-headers --no-ifdef-to-if --macro-file coccinelle/macros.h
// Keywords: scsi_dma_map, dma_map_sg, scsi_for_each_sg, for_each_sg, sg_next, dmavec

virtual patch
virtual context
virtual report
virtual org

@loop exists@
identifier fn, sg, i;
iterator name scsi_for_each_sg, for_each_sg;
expression cmd, n, n2, sl, alias;
statement list body;
position pf, pm, pl;
@@
fn@pf(...) {
  ...
(
? n = scsi_dma_map@pm(cmd);
|
? n = dma_map_sg@pm(...);
)
  ...
(
  scsi_for_each_sg@pl(cmd, sg, n2, i) { body }
|
  for_each_sg@pl(scsi_sglist(cmd), sg, n2, i) { body }
|
  for_each_sg@pl(sl, sg, n2, i) { body }
|
  for (i = 0; i < n2; i++, sg = sg_next@pl(sg)) { body }
|
  scsi_for_each_sg@pl(alias, sg, n2, i) { body }
)
  ...
}

@initialize:python@
@@
import os
import re
import sys

# The body analysis is shared with the other scripts here. spatch tells
# Python nothing about the semantic patch's path: take it from the command
# line (--sp-file or --cocci-file, as make coccicheck passes it).
argv = open('/proc/self/cmdline').read().split('\0')
for k, a in enumerate(argv):
    if a in ('--sp-file', '--cocci-file') or a.endswith('.cocci'):
        sp = argv[k + 1] if a.startswith('--') else a
        sys.path.insert(0, os.path.dirname(os.path.abspath(sp)))
        break
import dmavec_body


def debug(msg):
    """Why a loop is refused, with DMAVEC_COCCI_DEBUG=1 in the environment."""
    if os.environ.get('DMAVEC_COCCI_DEBUG'):
        sys.stderr.write('dmavec: %s\n' % msg)

// The body may use, besides the entry (through sg_dma_address() and
// sg_dma_len()), the loop counter, fields, functions and constants, only
// values it does not change: the hooks get them, as they were where the
// loop was, in their context.
@initialize:python@
@@
frees = {}
# The functions whose loop counter is used only under #if after the
# conversion.
maybe_unused = {}

def marked_unused(p):
    """Whether p is the declaration of such a counter that the emit call
    follows, no other declaration of it between (read in the code as the
    rules changed it: a block under #if may declare its own)."""
    # (by name: p is in the code as the rules changed it, a copy spatch
    # keeps in a file of its own)
    name = p[0].current_element
    if name not in maybe_unused:
        return False
    with open(p[0].file) as src:
        lines = src.read().split('\n')[int(p[0].line):]
    for l in lines:
        if re.search(r'_sgl_(scsi_|sg_)?emit\s*\(', l):
            return True
        if dmavec_body.declarations(l, maybe_unused[name]):
            return False
    return False
# The map wrappers, by file, whose count a helper loop takes.
wrapped = {}
# How the body leaves its loop, by the loop's place: ('return', value) or
# ('goto', label), '' if it does not. The entry hook returns -ECANCELED
# where the body left, and the function does what the body did when the
# emit call fails.
loop_exits = {}
# The loops whose body skips entries with continue (their hook holds the
# body in a for (;;) until the continue statements are returns).
skipping = set()

def not_hook_return(e):
    """Whether a return in an entry hook came from the body."""
    return re.sub(r"\s+", "", e) not in ('0', '-ECANCELED')

def exit_kind(body, ex):
    """The one way the body leaves its loop ('' when it does not), or a
    reason to refuse it; ex is dmavec_body.exits_of(body)."""
    if ex is None:
        return None, 'a break or continue in a nested loop or switch'
    stops = set(e for e in ex if e[0] not in ('break', 'continue'))
    if len(stops) > 1:
        return None, 'leaves the loop in different ways: %s' % sorted(stops)
    # A continue skips the entry: the hook returns having written nothing
    # (the loop went on, the emit goes on). A break would stop the emit
    # without failing it, which a hook cannot say.
    if any(e[0] == 'break' for e in ex):
        return None, 'a break'
    # (the hook for a goto has a label after the body; one for a continue
    # holds the body in a loop until the continue statements are returns)
    if any(e[0] == 'continue' for e in ex) and any(e[0] == 'goto' for e in ex):
        return None, 'a continue and a goto'
    # A replay must not unmap or complete the command it walks: such
    # calls may only be in the block the body leaves by, which then moves
    # to the caller, run when the emit fails (myrs).
    done = r"\b(\w*unmap\w*|scsi_done|\w*_done)\s*\("
    if re.search(done, dmavec_body.strip(body)):
        block = dmavec_body.exit_block(body)
        if not block or len(re.findall(done, dmavec_body.strip(body))) != \
                len(re.findall(done, block)):
            return None, 'unmaps or completes the command outside its exit block'
        return stops.pop() + (block,), ''
    # a return of what the hook itself returns would not stop the walk
    if stops and not not_hook_return(list(stops)[0][1]) and list(stops)[0][0] == 'return':
        return None, 'returns 0 or -ECANCELED'
    return (stops.pop() + ('',) if stops else ''), ''

@script:python check@
body << loop.body;
i << loop.i;
sg << loop.sg;
pl << loop.pl;
@@
exits, free = dmavec_body.analyse(body, sg, i)
# sg left among the names: the entry is used otherwise (sg->length, ...);
# a local of the body named ctx would hide the context. (An #ifdef in the
# body moves with it: spatch runs with --no-ifdef-to-if, which keeps the
# directives on lines of their own.)
ex = dmavec_body.exits_of(body) if exits else []
kind, why = exit_kind(body, ex) if exits else ('', '')
if kind is None or not free or sg in free or 'ctx' in dmavec_body.declared(body):
    debug('%s:%s: refused: %s' % (pl[0].file, pl[0].line, why if kind is None else
          'uses the entry otherwise' if sg in free else 'no value' if not free else
          'declares ctx'))
    cocci.include_match(False)
else:
    if kind and kind[2]:
        # the block that moves to the caller gives the hooks nothing
        rest = dmavec_body.directives_blanked(dmavec_body.strip(body)).replace(kind[2], ';')
        free = dmavec_body.analyse(rest, sg, i)[1]
        body = rest
    frees[(pl[0].file, pl[0].line)] = (free, dmavec_body.written(body, free))
    loop_exits[(pl[0].file, pl[0].line)] = kind
    if any(e[0] == 'continue' for e in ex):
        skipping.add((pl[0].file, pl[0].line))

// The loop count is the mapped count, or a copy of it made after the map.
@initialize:python@
@@
var_types = {}
params = set()
main_loops = set()
helper_loops = set()
helper_fns = set()

def start_of(text, fn, line):
    """The line where the definition of fn holding line starts."""
    lines = text.split('\n')
    for k in range(int(line) - 1, -1, -1):
        if re.match(r'^(?=\S).*?\b%s\s*\(' % re.escape(fn), lines[k]):
            return k + 1
    return int(line)
bodies = {}
counted = set()
ctx_fields = {}

# a function name no file has: a rule given it matches nothing
NO_FUNCTION = '__dmavec_no_such_function'

def is_ctx_field(fn, v, byref):
    return any(f == fn and (v, byref) in [(name, r) for _, name, r in fields]
               for (_, f), fields in ctx_fields.items())
after = set()
sg_maps = {}
emit_names = {}

def same(a, b):
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)
dead_firsts = set()
main_reads = {}

def mark_dead(f, fn, whole, before, cmd, body='', head='', helpers=(), also=()):
    """Note the variables holding scsi_sglist(cmd) that only the first
    entry's reads used: they go with those reads."""
    reads = [m.group(1) for m in dmavec_body.ENTRY_ARG.finditer(dmavec_body.strip(before))]
    for v in set(reads) | set(also):
        if (f, fn, v) not in var_types or (f, fn, v) in params or \
                not dmavec_body.first_sets(before, v, cmd):
            continue
        others = dmavec_body.count_vars(whole, v) - dmavec_body.count_vars(body, v) - \
            dmavec_body.count_vars(head, v) - dmavec_body.first_sets(before, v, cmd) - \
            len(dmavec_body.entry_uses(v).findall(dmavec_body.strip(before))) - \
            len(re.findall(r"\*\s*%s\s*[;,]" % re.escape(v), whole)) - \
            sum(len(re.findall(r"\b%s\s*\((?:[^()]|\([^()]*\))*?\b%s\b" %
                               (re.escape(h), re.escape(v)), dmavec_body.strip(whole)))
                for h in helpers)
        if others == 0:
            dead_firsts.add((fn, v))

@script:python@
n << loop.n;
n2 << loop.n2;
pl << loop.pl;
@@
if n == n2:
    counted.add((pl[0].file, pl[0].line))

@copied exists@
identifier loop.sg, loop.i;
expression loop.cmd, loop.n, loop.n2;
position loop.pm, loop.pl, q;
iterator name scsi_for_each_sg, for_each_sg;
@@
  n = scsi_dma_map@pm(cmd);
  ...
  n2@q = n;
  ...
(
  scsi_for_each_sg@pl(...) { ... }
|
  for_each_sg@pl(...) { ... }
|
  for (i = 0; i < n2; i++, sg = sg_next@pl(sg)) { ... }
)

@script:python@
pl << loop.pl;
q << copied.q;
@@
if q:
    counted.add((pl[0].file, pl[0].line))

// A dma_map_sg() of a scatterlist its function builds or is given, and
// unmaps (the mapping becomes a local of the function, <dmavec/sg.h>).
@sgmap exists@
identifier loop.fn;
expression loop.n, dev, sgl, nents, dir;
position loop.pm;
@@
  n = dma_map_sg@pm(dev, sgl, nents, dir)

@script:python@
fn << loop.fn;
n << loop.n;
dev << sgmap.dev;
sgl << sgmap.sgl;
nents << sgmap.nents;
dir << sgmap.dir;
pm << loop.pm;
@@
sg_maps[(pm[0].file, fn, n)] = (dev, sgl, nents, dir)

// The type of every parameter and local of the function.
@pparam@
identifier loop.fn, v;
type T;
@@
fn(..., T v, ...) { ... }

@script:python@
fn << loop.fn;
v << pparam.v;
T << pparam.T;
pl << loop.pl;
@@
var_types[(pl[0].file, fn, v)] = T
params.add((pl[0].file, fn, v))

@plocal@
identifier v;
type T;
expression E;
position p;
@@
(
  T v@p;
|
  T v@p = E;
)

@script:python@
v << plocal.v;
T << plocal.T;
p << plocal.p;
@@
var_types[(p[0].file, p[0].current_element, v)] = T

// The loop left its count in i: where i is read after the loop (before
// anything assigns it), the emit call sets it the same way.
@iafter exists@
identifier loop.i, loop.sg;
expression loop.n2, E;
position loop.pl, q, r;
iterator name scsi_for_each_sg, for_each_sg;
@@
(
  scsi_for_each_sg@pl@q(...) { ... }
|
  for_each_sg@pl@q(...) { ... }
|
  for (i = 0; i < n2; i++, sg = sg_next@pl@q(sg)) { ... }
)
  ... when != i = E
(
  i = E
|
  i@r
)

@script:python@
q << iafter.q;
r << iafter.r;
i << loop.i;
@@
import re
# a for loop that starts by assigning i does not read what the loop left
with open(r[0].file) as src:
    line = src.read().split('\n')[int(r[0].line) - 1]
if not re.search(r'\bfor\s*\(\s*%s\s*=[^=]' % re.escape(i), line):
    after.add((q[0].file, q[0].line))

// What the hooks get: the one pointer the body writes through, or a
// context struct holding every value the body reads and the address of
// every variable it changes (at most eight), so that the hooks, called once
// per entry in order, do what the loop's iterations did.
// A name without a declaration in the function is a global or a macro's
// argument, and stays as it is, unless the function names it outside the
// loop too (a declaration spatch did not see).
@script:python ptype@
fn << loop.fn;
sg << loop.sg;
i << loop.i;
n << loop.n = "";
n2 << loop.n2;
body << loop.body;
cmd << loop.cmd = "";
sl << loop.sl = "";
alias << loop.alias = "";
pf << loop.pf;
pl << loop.pl;
P;
T;
A;
L;
emit;
EN;
RF;
RV;
GF;
HF;
HX;
HB;
hv;
hi;
hg;
hvc;
hic;
GL;
hf;
ff;
hp;
dn;
HT;
DV;
dm;
@@
f = pl[0].file
free, written = frees[(f, pl[0].line)]
# A loop in a function that does not map (a helper): its count must be
# a parameter, the count its caller mapped (checked for the whole file
# in hgate below).
helper = not n
if helper and (f, fn, n2) in params:
    counted.add((f, pl[0].line))
whole = dmavec_body.function_text(f, int(pf[0].line))
before = '\n'.join(whole.split('\n')[:int(pl[0].line) - int(pf[0].line)])
# or a local the function set from a call of a map wrapper given the
# command (ncr53c8xx: use_sg = map_scsi_sg_data(np, cmd)); the wrapper
# converts with the file (hgate)
if helper and cmd and (f, fn, n2) in var_types and (f, fn, n2) not in params:
    with open(f) as src:
        w = dmavec_body.counted_by_wrapper(src.read(), whole, n2, cmd,
                                           int(pl[0].line) - int(pf[0].line))
    if w:
        counted.add((f, pl[0].line))
        wrapped.setdefault(f, set()).add(w)
# An sg_next() walk: in a helper, of a scatterlist parameter it uses for
# nothing else (it gets the command instead, named hp); in the mapping
# function, of a variable only ever set to scsi_sglist(cmd) before the
# loop and not used after it (the variable goes).
with open(f) as src:
    head = src.read().split('\n')[int(pl[0].line) - 1]
walk = 'for_each_sg' not in head
walk_ok = True
# for_each_sg(sl, sg, ...) from a variable only set to scsi_sglist(cmd)
sl_walk = bool(sl) and not re.search(r'for_each_sg\s*\(\s*scsi_sglist', head)
# or, after dma_map_sg(dev, sgl, nents, dir), over sgl, which the function
# unmaps with dma_unmap_sg() and no other function of the file does
sgm = sg_maps.get((f, fn, n)) if n else None
dv = next(c for c in ('dmavec', 'dmavec_sg', '__dmavec') if not dmavec_body.count_vars(whole, c))
if sgm:
    with open(f) as src:
        ftext = dmavec_body.strip(src.read())
    unmap = r"\bdma_unmap_sg\s*\(\s*(?:[^(),]|\([^()]*\))*,\s*%s\s*," % \
        dmavec_body.spaced(sgm[1])
    sl_walk = False
    # every exit after the map (return, goto, the end) is the map's failure
    # check (nothing mapped then), comes after an unmap that dominates it,
    # or is a goto to a label from which an unmap comes before any exit;
    # a list named by an expression (hw->sgl) no other function unmaps
    lines = whole.split('\n')
    at = next(k for k, l in enumerate(lines) if re.search(r'\bdma_map_sg\s*\(', l))
    unmapped = [k for k, l in enumerate(lines) if re.search(unmap, l)]
    failed = r'(?:!\s*%s\b|\b%s\s*(?:==|<=)\s*0)' % ((re.escape(n),) * 2)
    depth, d = [], 0
    for l in lines:
        depth.append(d)
        d += l.count('{') - l.count('}')

    def covered(k):
        # no block the unmap is in closes before k (structured code)
        return any(u < k and min(depth[u:k + 1]) >= depth[u] for u in unmapped)

    def failure(k):
        # in the block of an if testing the map's result for failure
        for j in range(k, max(at, k - 5), -1):
            if re.search(r'\bif\s*\(', lines[j]):
                return bool(re.search(failed, lines[j])) and depth[k] <= depth[j] + 1
        return False

    def unwinds(k):
        lab = next((j for j, l in enumerate(lines) if re.match(
            r'\s*%s\s*:' % re.search(r'\bgoto\s+(\w+)', lines[k]).group(1), l)), None)
        return lab is not None and any(
            u > lab and not re.search(r'\b(return|goto)\b', '\n'.join(lines[lab:u]))
            for u in unmapped)
    exits = [k for k in range(at + 1, len(lines))
             if re.search(r'\b(return|goto)\b', lines[k]) or k == len(lines) - 1]
    early = [k for k in exits if not failure(k) and
             not (unwinds(k) if re.search(r'\bgoto\b', lines[k]) else covered(k))]
    local = re.fullmatch(r'[A-Za-z_]\w*', sgm[1]) and (f, fn, sgm[1]) in var_types
    walk_ok = walk_ok and same(sl, sgm[1]) and unmapped and not early and \
        (local or len(re.findall(unmap, whole)) == len(re.findall(unmap, ftext)))
elif sl_walk:
    walk_ok = not helper and re.fullmatch(r'[A-Za-z_]\w*', sl) and \
        dmavec_body.first_sets(before, sl, cmd)
if walk:
    outside = dmavec_body.count_vars(whole, sg) - dmavec_body.count_vars(body, sg) - 2
    if helper:
        name = next((c for c in ('cmd', 'scmd', 'sc')
                     if not dmavec_body.count_vars(whole, c)), None)
        walk_ok = (f, fn, sg) in params and outside == 1 and name and \
            'scatterlist' in var_types[(f, fn, sg)]
        cmd = name
    else:
        sets = dmavec_body.first_sets(before, sg, cmd) or 0
        walk_ok = sets and outside == sets + \
            len(re.findall(r"\*\s*%s\s*[;,]" % re.escape(sg), whole)) + \
            len(dmavec_body.entry_uses(sg).findall(dmavec_body.strip(before)))
vals = sorted(v for v in free if (f, fn, v) in var_types)
unknown = [v for v in free if (f, fn, v) not in var_types and
           dmavec_body.count_names(before, v)]
types = [var_types[(f, fn, v)].strip() for v in vals]
byref = written & set(vals)
one = len(vals) == 1 and types[0].endswith('*') and not byref and \
    vals[0] != 'last'
# A count variable read nowhere but in the loop, and not a local that
# can go, would be left set but unused: W=1 would say so.
unused_count = False
# An entry's DMA address or length read outside the loop would read a
# scatterlist nothing mapped; the first entry's, before the loop (the
# one-segment shortcuts of megaraid and myrb), becomes
# scsi_dmavec_first(cmd). A variable left with no other use goes.
stray = dmavec_body.entry_reads(whole) - dmavec_body.entry_reads(body)
firsts = dmavec_body.first_reads(before, cmd) if stray and not helper and cmd else []
if firsts is not None and len(firsts) == stray:
    stray = 0
# A counter not read after the loop but named under #if, and nowhere
# else outside the loop but in its declaration (aha1740's DEBUG dump),
# would be left declared but unused in the usual build: its declaration
# gets __maybe_unused.
plain = dmavec_body.unconditional(whole)
i_decls = dmavec_body.declarations(plain, i)
# (under #if in the body is in the hook, where i is the hook's argument)
if_outside = dmavec_body.count_names(whole, i) - dmavec_body.count_names(plain, i) - \
    dmavec_body.count_names(body, i) + \
    dmavec_body.count_names(dmavec_body.unconditional(body), i)
i_hidden = (if_outside > 0 and
            (pl[0].file, pl[0].line) not in after and
            dmavec_body.count_names(plain, i) - dmavec_body.count_names(head, i) -
            dmavec_body.count_names(dmavec_body.unconditional(body), i) <= i_decls)
# A local count the loop alone reads (bnx2i never checks the map's result)
# is dropped with its declaration: scsi_dmavec_map()'s result is ignored
# as scsi_dma_map()'s was.
drop_n = NO_FUNCTION
if not helper and re.match(r'^[A-Za-z_]\w*$', n):
    header_and_body = dmavec_body.count_names(body, n) + (1 if n2 == n else 0)
    rest = dmavec_body.count_names(whole, n) - 1 - header_and_body
    if rest == 1 and (f, fn, n) in var_types and (f, fn, n) not in params:
        drop_n = n
    else:
        unused_count = rest < 1
# The hook's parameters for the entry: addr and len, unless the body
# has names of its own like that.
used = dmavec_body.declared(body) | free
addr, len_ = [next(c for c in cands if c not in used) for cands in
              (('addr', 'dma_addr', 'sge_addr'), ('len', 'dma_len', 'sge_len'))]
# Where the body stops the loop, the function does what the body did
# after the emit call fails: with a value or label of its own, not one
# the body declares or the entry.
kind = loop_exits[(f, pl[0].line)]
# The loop names the command otherwise than the map (3w-xxxx maps srb,
# set once to tw_dev->srb[request_id], and walks the latter): only if
# the map's command is a variable set to that once and never changed.
alias_bad = bool(alias) and not (
    re.fullmatch(r'[A-Za-z_]\w*', cmd) and (f, fn, cmd) in var_types and
    (f, fn, cmd) not in params and dmavec_body.sets_only_to(whole, cmd, alias))
exit_names = set(re.findall(r'[A-Za-z_]\w*', kind[1] + ' ' + kind[2])) & \
    (dmavec_body.declared(body) | {i, sg}) if kind else set()
refusal = [why for why, bad in (
    ('names without a declaration: %s' % unknown, unknown),
    ('a value named ctx, cmd, %s or %s' % (addr, len_), set(vals) & {'ctx', 'cmd', addr, len_}),
    ('no value', not vals), ('more than 8 values: %s' % vals, len(vals) > 8),
    ('a count only the loop reads', unused_count),
    ('%d entry reads outside the loop' % stray, stray),
    ('the counter is used under #if and not declared in the function',
     i_hidden and (f, fn, i) not in var_types),
    ('the walk is not of the mapped list', not walk_ok),
    ('a dma_map_sg() count only the loop reads', sgm and drop_n != NO_FUNCTION),
    ('the loop count is not the mapped count', (f, pl[0].line) not in counted),
    ('it leaves early and its counter is read after it', kind and (f, pl[0].line) in after),
    ('its exit names %s, of the body' % sorted(exit_names), exit_names),
    ('a return without a value', kind and kind[:2] == ('return', '')),
    ('the loop walks %s, not the mapped %s' % (alias, cmd), alias_bad)) if bad]
if refusal:
    debug('%s:%s: %s(): refused: %s' % (f, pl[0].line, fn, '; '.join(refusal)))
    cocci.include_match(False)
else:
    coccinelle.A = cocci.make_ident(addr)
    coccinelle.L = cocci.make_ident(len_)
    # the handle the generated emit takes: the SCSI command, or the local
    # struct dmavec_sg of a dma_map_sg() user
    handle, emit_names[(f, fn)] = ('&' + dv, fn + '_sgl_sg_emit') if sgm else \
        (cmd, fn + '_sgl_scsi_emit')
    coccinelle.HT = cocci.make_type('struct dmavec_sg' if sgm else 'struct scsi_cmnd')
    coccinelle.DV = cocci.make_ident(dv if sgm else NO_FUNCTION)
    coccinelle.dm = cocci.make_ident('DEFINE_DMAVEC_SG_SGL' if sgm else 'DEFINE_SCSI_DMAVEC_SGL')
    if one:
        coccinelle.P = cocci.make_ident(vals[0])
        coccinelle.T = cocci.make_type(types[0][:-1].strip())
        call = '%s(%s, %s)' % (emit_names[(f, fn)], handle, vals[0])
    else:
        # through a wrapper filling the context struct: the values the
        # body reads, and the address of each variable it changes
        ctx_fields[(f, fn)] = [(t.rstrip() + ' *' if v in byref else t, v, v in byref)
                               for t, v in zip(types, vals)]
        coccinelle.P = cocci.make_ident('ctx')
        coccinelle.T = cocci.make_type('struct %s_sgl_ctx' % fn)
        call = '%s_sgl_emit(%s, %s)' % (fn, handle, ', '.join(
            ('&' if v in byref else '') + v for v in vals))
    if (pl[0].file, pl[0].line) in after:
        call = '%s = %s' % (i, call)
    coccinelle.emit = cocci.make_expr(call)
    coccinelle.EN = cocci.make_ident(fn + '_sgl_entry')
    # the hook variant: void or int, with a label for a goto, in a for (;;)
    # for a continue
    skips = (f, pl[0].line) in skipping
    for h, k in (('hv', not kind and not skips),
                 ('hi', kind and (kind[0] != 'goto' or kind[2]) and not skips),
                 ('hg', kind and kind[0] == 'goto' and not kind[2]),
                 ('hvc', not kind and skips), ('hic', kind and skips)):
        setattr(coccinelle, h, cocci.make_ident(fn if k else NO_FUNCTION))
    coccinelle.GL = cocci.make_ident(kind[1] if kind and kind[0] == 'goto' else NO_FUNCTION)
    # the caller leaves as the body did when the emit fails, or runs the
    # block the body left by (hoisted: it unmaps or completes)
    hoist = kind[2] if kind else ''
    plain = kind and not hoist
    coccinelle.RF = cocci.make_ident(fn if plain and kind[0] == 'return' else NO_FUNCTION)
    coccinelle.RV = cocci.make_expr(kind[1] if plain and kind[0] == 'return' else '0')
    coccinelle.GF = cocci.make_ident(fn if plain and kind[0] == 'goto' else NO_FUNCTION)
    coccinelle.HF = cocci.make_ident(fn if hoist else NO_FUNCTION)
    coccinelle.HX = cocci.make_ident(fn + '_sgl_entry' if hoist else NO_FUNCTION)
    block = re.sub(r'^if\s*\((.*?)\)\s*\{', '{', hoist, count=1, flags=re.S) if hoist else '{}'
    coccinelle.HB = cocci.make_stmt('if (%s < 0) %s' % (call, block))
    coccinelle.hf = cocci.make_ident(fn if helper else NO_FUNCTION)
    (helper_loops if helper else main_loops).add((f, pl[0].line))
    coccinelle.ff = cocci.make_ident(fn if firsts or sl_walk or walk and not helper
                                     else NO_FUNCTION)
    coccinelle.hp = cocci.make_ident(cmd if walk and helper else NO_FUNCTION)
    coccinelle.dn = cocci.make_ident(drop_n)
    if i_hidden:
        maybe_unused[fn] = i
    if walk and not helper:
        dead_firsts.add((fn, sg))
    if not helper:
        main_reads[(f, pl[0].line)] = dmavec_body.entry_reads(body) + len(firsts)
    mark_dead(f, fn, whole, before, cmd, body, head, also=[sl] if sl_walk else [])
    if helper:
        helper_fns.add((f, fn))
    bodies[(f, pl[0].line)] = body

// A helper's loop converts only if the whole file goes over: the helper
// cannot tell which map its command had. So every scsi_dma_map() of the
// file must convert (with its own loop, or calling a converted helper),
// every copy loop over a command's entries must convert, and no entry's
// DMA address may be read anywhere else in the file.
@initialize:python@
@@
all_maps = set()
all_loops = set()
main_maps = set()
helper_gate = {}
map_cmds = {}
gate_callers = set()
caller_firsts = {}

@allmaps@
position p;
expression c;
@@
scsi_dma_map@p(c)

@script:python@
p << allmaps.p;
c << allmaps.c;
@@
all_maps.add((p[0].file, p[0].line, p[0].current_element))
map_cmds[(p[0].file, p[0].current_element)] = c

@allloops@
position p;
iterator name scsi_for_each_sg, for_each_sg;
@@
(
  scsi_for_each_sg@p(...) { ... }
|
  for_each_sg@p(scsi_sglist(...), ...) { ... }
)

@script:python@
p << allloops.p;
@@
all_loops.add((p[0].file, p[0].line))

// (A site ptype refused is gone from every later rule.)
@script:python@
pm << loop.pm;
@@
main_maps.add((pm[0].file, pm[0].line))

@script:python hgate@
pl << loop.pl;
fn << loop.fn;
hf << ptype.hf;
@@
f = pl[0].file
if hf == fn:
    if f not in helper_gate:        # once per file
        done = main_loops | helper_loops
        helpers = {h for g, h in helper_fns if g == f}
        with open(f) as src:
            text = src.read()
        def calls_helper(caller):
            line = next(l for (g, l, c) in all_maps if g == f and c == caller)
            code = dmavec_body.function_text(f, start_of(text, caller, line))
            if not any(re.search(r'\b%s\s*\(' % re.escape(h), code) for h in helpers):
                return False
            # the caller's reads of the first entry (vmw_pvscsi's single
            # segment) become scsi_dmavec_first() (rule single_first)
            caller_firsts[(f, caller)] = dmavec_body.first_reads(code, map_cmds[(f, caller)])
            return caller_firsts[(f, caller)] is not None
        # or a map wrapper that sets the count of converted helpers
        maps_ok = all((g, l) in main_maps or calls_helper(c) or c in wrapped.get(f, ())
                      for (g, l, c) in all_maps if g == f)
        loops_ok = all(k in done for k in all_loops if k[0] == f)
        mine = sum(dmavec_body.entry_reads(b) for k, b in bodies.items()
                   if k[0] == f and k in done) + \
            sum(len(r) for (g, _), r in caller_firsts.items() if g == f and r)
        # (reads of a list mapped by dma_map_sg() are of another mapping)
        reads = dmavec_body.entry_reads(text) - dmavec_body.foreign_reads(text)
        helper_gate[f] = maps_ok and loops_ok and reads == mine
        if not helper_gate[f]:
            debug('%s: helpers refused: %s' % (f, ', '.join(why for why, bad in (
                ('a map converts neither with its loop nor through a helper', not maps_ok),
                ('a copy loop does not convert', not loops_ok),
                ('entries read outside the converted loops', reads != mine)) if bad)))
        if helper_gate[f]:
            gate_callers.update(c for (g, _, c) in all_maps if g == f)
    if not helper_gate[f]:
        cocci.include_match(False)

@ctx depends on context@
identifier loop.fn, ptype.P;
type ptype.T;
position loop.pm;
@@
(
* scsi_dma_map@pm(...)
|
* dma_map_sg@pm(...)
)

@script:python depends on report@
pm << loop.pm;
fn << loop.fn;
P << ptype.P;
T << ptype.T;
@@
coccilib.report.print_report(pm[0], "%s and copy loop in %s() can be a dmavec SGL mapper writing through %s" % ("dma_map_sg()" if (pm[0].file, fn) in [(g, h) for g, h, _ in sg_maps] else "scsi_dma_map()", fn, P))

@script:python depends on org@
pm << loop.pm;
fn << loop.fn;
P << ptype.P;
T << ptype.T;
@@
coccilib.org.print_todo(pm[0], "dmavec SGL mapper for %s() through %s" % (fn, P))

@map depends on patch exists@
identifier loop.sg, loop.i, ptype.DV;
expression loop.cmd, loop.n, loop.n2, loop.alias, ptype.emit, E1, E2, E3, E4;
position loop.pm, loop.pl;
statement list loop.body;
iterator name scsi_for_each_sg, for_each_sg;
@@
(
  n =
- scsi_dma_map@pm(cmd)
+ scsi_dmavec_map(cmd)
  ;
|
  n =
- dma_map_sg@pm(E1, E2, E3, E4)
+ dmavec_sg_map(&DV, E1, E2, E3, E4)
  ;
)
  ...
(
- scsi_for_each_sg@pl(cmd, sg, n2, i) { body }
+ emit;
|
- for_each_sg@pl(..., sg, n2, i) { body }
+ emit;
|
- for (i = 0; i < n2; i++, sg = sg_next@pl(sg)) { body }
+ emit;
|
- scsi_for_each_sg@pl(alias, sg, n2, i) { body }
+ emit;
)

// A map with no copy loop, whose function reads the first entry only (a
// command of one segment: myrb's pass-through), converts when every other
// read of an entry in the file is in a converted loop or a first read.
@single depends on patch exists@
identifier fn;
expression cmd;
position pf;
@@
fn@pf(...) {
  <+... scsi_dma_map(cmd) ...+>
}

@script:python sgate@
fn << single.fn;
cmd << single.cmd;
pf << single.pf;
sf;
@@
f = pf[0].file
whole = dmavec_body.function_text(f, int(pf[0].line))
reads = dmavec_body.first_reads(whole, cmd)
with open(f) as src:
    text = src.read()
loops = re.search(r"\b(for_each_sg|sg_next)\b", whole)
mine = sum(r for (g, _), r in main_reads.items() if g == f)
if helper_gate.get(f) and caller_firsts.get((f, fn)):
    coccinelle.sf = cocci.make_ident(fn)        # hgate checked the file
    mark_dead(f, fn, whole, whole, cmd,
              helpers=[h for g, h in helper_fns if g == f])
elif loops or not reads or len(reads) != dmavec_body.entry_reads(whole) or \
        dmavec_body.entry_reads(text) - len(reads) != mine:
    # (include_match(False) would drop the match for every later rule)
    coccinelle.sf = cocci.make_ident(NO_FUNCTION)
else:
    coccinelle.sf = cocci.make_ident(fn)
    mark_dead(f, fn, whole, whole, cmd)

@single_first depends on patch@
identifier sgate.sf;
expression single.cmd, E;
@@
sf(...) {
<...
(
- scsi_dma_map(cmd)
+ scsi_dmavec_map(cmd)
|
- sg_dma_address(E)
+ scsi_dmavec_first(cmd).addr
|
- sg_dma_len(E)
+ scsi_dmavec_first(cmd).len
)
...>
}

// A dma_map_sg() user's mapping: a local of the function, undone where
// the function called dma_unmap_sg().
@depends on map@
identifier loop.fn, ptype.DV;
expression sgmap.sgl, E1, E3, E4;
@@
fn(...) {
<...
- dma_unmap_sg(E1, sgl, E3, E4)
+ dmavec_sg_unmap(&DV)
...>
}

@depends on map exists@
identifier loop.fn, ptype.DV;
expression list es;
@@
fn(...) {
+ struct dmavec_sg DV;
  ... when any
  dmavec_sg_map(&DV, es)
  ... when any
}

// A count only the loop read.
@depends on map@
identifier ptype.dn;
expression C;
@@
- dn = scsi_dmavec_map(C);
+ scsi_dmavec_map(C);

@dnused depends on map exists@
identifier loop.fn, ptype.dn;
@@
fn(...) { <+... dn ...+> }

@depends on map && !dnused exists@
identifier loop.fn, ptype.dn;
type T;
@@
fn(...) {
  ...
- T dn;
  ...
}

// The first entry read before the loop, where the loop was converted.
// (ptype checked that every read the loop's removal left in ff is one:
// python cannot give lines of code an earlier rule changed.)
@firstr depends on map@
identifier ptype.ff;
expression loop.cmd, E;
@@
ff(...) {
<...
(
- sg_dma_address(E)
+ scsi_dmavec_first(cmd).addr
|
- sg_dma_len(E)
+ scsi_dmavec_first(cmd).len
)
...>
}

// A variable that held scsi_sglist(cmd) for those reads only.
@depends on firstr@
identifier ptype.ff;
identifier v : script:python(ff) { (ff, v) in dead_firsts };
expression C;
@@
ff(...) {
<...
- v = scsi_sglist(C);
...>
}

@depends on firstr exists@
identifier ptype.ff;
identifier v : script:python(ff) { (ff, v) in dead_firsts };
expression C;
type S;
@@
ff(...) {
  ...
(
- S *v = scsi_sglist(C);
|
- S *v;
)
  ...
}

// A helper's loop becomes the emit call; the file's maps become
// scsi_dmavec_map() below. (Found by its text in the helper: a position
// cannot be inherited past the map rule's changes.)
@hmap depends on patch exists@
identifier ptype.hf, loop.sg, loop.i;
expression loop.n2, ptype.emit, C;
statement list loop.body;
iterator name scsi_for_each_sg, for_each_sg;
@@
hf(...) {
  <...
(
- scsi_for_each_sg(C, sg, n2, i) { body }
+ emit;
|
- for_each_sg(scsi_sglist(C), sg, n2, i) { body }
+ emit;
|
- for (i = 0; i < n2; i++, sg = sg_next(sg)) { body }
+ emit;
)
  ...>
}

// A helper walking a scatterlist parameter with sg_next() (vmw_pvscsi)
// takes the command instead; its callers pass the command whose
// scsi_sglist() they passed.
@hidx depends on hmap@
identifier ptype.hf, loop.sg;
parameter list[k] ps;
@@
hf(ps, struct scatterlist *sg, ...) { ... }

@depends on hidx@
identifier ptype.hf, loop.sg, ptype.hp;
parameter list[hidx.k] ps;
@@
hf(ps,
- struct scatterlist *sg
+ struct scsi_cmnd *hp
  , ...) { ... }

@depends on hidx@
identifier ptype.hf;
expression list[hidx.k] es;
expression C;
@@
hf(es,
- scsi_sglist(C)
+ C
  , ...)

@depends on hidx exists@
identifier ptype.hf, v;
expression list[hidx.k] es;
expression C, E;
@@
  v = scsi_sglist(C);
  ... when != v = E
  hf(es,
- v
+ C
  , ...);

@depends on hidx exists@
identifier ptype.hf, v;
expression list[hidx.k] es;
expression C, E;
type S;
@@
  S *v = scsi_sglist(C);
  ... when != v = E
  hf(es,
- v
+ C
  , ...);

// What held scsi_sglist(cmd) for the reads of the first entry (and the
// helper's argument) only, in a function converted by single_first.
@depends on single_first@
identifier sgate.sf;
identifier v : script:python(sf) { (sf, v) in dead_firsts };
expression C;
@@
sf(...) {
<...
- v = scsi_sglist(C);
...>
}

@depends on single_first exists@
identifier sgate.sf;
identifier v : script:python(sf) { (sf, v) in dead_firsts };
expression C;
type S;
@@
sf(...) {
  ...
(
- S *v = scsi_sglist(C);
|
- S *v;
)
  ...
}

// Where the body returned or jumped, the function does when the emit
// fails (the hook refused an entry).
@depends on map || hmap@
identifier ptype.RF;
expression ptype.emit, ptype.RV;
@@
RF(...) {
<...
- emit;
+ if (emit < 0) return RV;
...>
}

@depends on map || hmap@
identifier ptype.GF, ptype.GL;
expression ptype.emit;
@@
GF(...) {
<...
- emit;
+ if (emit < 0) goto GL;
...>
}

// Where the body left by a block that unmaps or completes the command,
// that block runs in the function when the emit fails.
@depends on map || hmap@
identifier ptype.HF;
expression ptype.emit;
statement ptype.HB;
@@
HF(...) {
<...
- emit;
+ HB
...>
}

// The context struct, before the hooks.
@script:python ctx1@
fn << loop.fn;
pl << loop.pl;
P << ptype.P;
fk;
ek;
T1;
v1;
@@
# Not include_match(False): that drops the match for every later rule.
fields = ctx_fields.get((pl[0].file, fn), [])
if len(fields) != 1:
    fields, fn = [('int', 'unused' + str(j), False) for j in range(1)], NO_FUNCTION
coccinelle.fk = cocci.make_ident(fn)
coccinelle.ek = cocci.make_ident(emit_names.get((pl[0].file, fn), NO_FUNCTION))
for j, (t, v, _) in enumerate(fields, 1):
    setattr(coccinelle, 'T' + str(j), cocci.make_type(t))
    setattr(coccinelle, 'v' + str(j), cocci.make_ident(v))

@depends on map || hmap@
identifier ctx1.fk, ctx1.v1;
type ptype.T, ctx1.T1;
@@
+T {
+	T1 v1;
+};
+
 fk(...) { ... }

@script:python ctx2@
fn << loop.fn;
pl << loop.pl;
P << ptype.P;
fk;
ek;
T1;
T2;
v1;
v2;
@@
# Not include_match(False): that drops the match for every later rule.
fields = ctx_fields.get((pl[0].file, fn), [])
if len(fields) != 2:
    fields, fn = [('int', 'unused' + str(j), False) for j in range(2)], NO_FUNCTION
coccinelle.fk = cocci.make_ident(fn)
coccinelle.ek = cocci.make_ident(emit_names.get((pl[0].file, fn), NO_FUNCTION))
for j, (t, v, _) in enumerate(fields, 1):
    setattr(coccinelle, 'T' + str(j), cocci.make_type(t))
    setattr(coccinelle, 'v' + str(j), cocci.make_ident(v))

@depends on map || hmap@
identifier ctx2.fk, ctx2.v1, ctx2.v2;
type ptype.T, ctx2.T1, ctx2.T2;
@@
+T {
+	T1 v1;
+	T2 v2;
+};
+
 fk(...) { ... }

@script:python ctx3@
fn << loop.fn;
pl << loop.pl;
P << ptype.P;
fk;
ek;
T1;
T2;
T3;
v1;
v2;
v3;
@@
# Not include_match(False): that drops the match for every later rule.
fields = ctx_fields.get((pl[0].file, fn), [])
if len(fields) != 3:
    fields, fn = [('int', 'unused' + str(j), False) for j in range(3)], NO_FUNCTION
coccinelle.fk = cocci.make_ident(fn)
coccinelle.ek = cocci.make_ident(emit_names.get((pl[0].file, fn), NO_FUNCTION))
for j, (t, v, _) in enumerate(fields, 1):
    setattr(coccinelle, 'T' + str(j), cocci.make_type(t))
    setattr(coccinelle, 'v' + str(j), cocci.make_ident(v))

@depends on map || hmap@
identifier ctx3.fk, ctx3.v1, ctx3.v2, ctx3.v3;
type ptype.T, ctx3.T1, ctx3.T2, ctx3.T3;
@@
+T {
+	T1 v1;
+	T2 v2;
+	T3 v3;
+};
+
 fk(...) { ... }

@script:python ctx4@
fn << loop.fn;
pl << loop.pl;
P << ptype.P;
fk;
ek;
T1;
T2;
T3;
T4;
v1;
v2;
v3;
v4;
@@
# Not include_match(False): that drops the match for every later rule.
fields = ctx_fields.get((pl[0].file, fn), [])
if len(fields) != 4:
    fields, fn = [('int', 'unused' + str(j), False) for j in range(4)], NO_FUNCTION
coccinelle.fk = cocci.make_ident(fn)
coccinelle.ek = cocci.make_ident(emit_names.get((pl[0].file, fn), NO_FUNCTION))
for j, (t, v, _) in enumerate(fields, 1):
    setattr(coccinelle, 'T' + str(j), cocci.make_type(t))
    setattr(coccinelle, 'v' + str(j), cocci.make_ident(v))

@depends on map || hmap@
identifier ctx4.fk, ctx4.v1, ctx4.v2, ctx4.v3, ctx4.v4;
type ptype.T, ctx4.T1, ctx4.T2, ctx4.T3, ctx4.T4;
@@
+T {
+	T1 v1;
+	T2 v2;
+	T3 v3;
+	T4 v4;
+};
+
 fk(...) { ... }

@script:python ctx5@
fn << loop.fn;
pl << loop.pl;
P << ptype.P;
fk;
ek;
T1;
T2;
T3;
T4;
T5;
v1;
v2;
v3;
v4;
v5;
@@
# Not include_match(False): that drops the match for every later rule.
fields = ctx_fields.get((pl[0].file, fn), [])
if len(fields) != 5:
    fields, fn = [('int', 'unused' + str(j), False) for j in range(5)], NO_FUNCTION
coccinelle.fk = cocci.make_ident(fn)
coccinelle.ek = cocci.make_ident(emit_names.get((pl[0].file, fn), NO_FUNCTION))
for j, (t, v, _) in enumerate(fields, 1):
    setattr(coccinelle, 'T' + str(j), cocci.make_type(t))
    setattr(coccinelle, 'v' + str(j), cocci.make_ident(v))

@depends on map || hmap@
identifier ctx5.fk, ctx5.v1, ctx5.v2, ctx5.v3, ctx5.v4, ctx5.v5;
type ptype.T, ctx5.T1, ctx5.T2, ctx5.T3, ctx5.T4, ctx5.T5;
@@
+T {
+	T1 v1;
+	T2 v2;
+	T3 v3;
+	T4 v4;
+	T5 v5;
+};
+
 fk(...) { ... }

@script:python ctx6@
fn << loop.fn;
pl << loop.pl;
P << ptype.P;
fk;
ek;
T1;
T2;
T3;
T4;
T5;
T6;
v1;
v2;
v3;
v4;
v5;
v6;
@@
# Not include_match(False): that drops the match for every later rule.
fields = ctx_fields.get((pl[0].file, fn), [])
if len(fields) != 6:
    fields, fn = [('int', 'unused' + str(j), False) for j in range(6)], NO_FUNCTION
coccinelle.fk = cocci.make_ident(fn)
coccinelle.ek = cocci.make_ident(emit_names.get((pl[0].file, fn), NO_FUNCTION))
for j, (t, v, _) in enumerate(fields, 1):
    setattr(coccinelle, 'T' + str(j), cocci.make_type(t))
    setattr(coccinelle, 'v' + str(j), cocci.make_ident(v))

@depends on map || hmap@
identifier ctx6.fk, ctx6.v1, ctx6.v2, ctx6.v3, ctx6.v4, ctx6.v5, ctx6.v6;
type ptype.T, ctx6.T1, ctx6.T2, ctx6.T3, ctx6.T4, ctx6.T5, ctx6.T6;
@@
+T {
+	T1 v1;
+	T2 v2;
+	T3 v3;
+	T4 v4;
+	T5 v5;
+	T6 v6;
+};
+
 fk(...) { ... }

@script:python ctx7@
fn << loop.fn;
pl << loop.pl;
P << ptype.P;
fk;
ek;
T1;
T2;
T3;
T4;
T5;
T6;
T7;
v1;
v2;
v3;
v4;
v5;
v6;
v7;
@@
# Not include_match(False): that drops the match for every later rule.
fields = ctx_fields.get((pl[0].file, fn), [])
if len(fields) != 7:
    fields, fn = [('int', 'unused' + str(j), False) for j in range(7)], NO_FUNCTION
coccinelle.fk = cocci.make_ident(fn)
coccinelle.ek = cocci.make_ident(emit_names.get((pl[0].file, fn), NO_FUNCTION))
for j, (t, v, _) in enumerate(fields, 1):
    setattr(coccinelle, 'T' + str(j), cocci.make_type(t))
    setattr(coccinelle, 'v' + str(j), cocci.make_ident(v))

@depends on map || hmap@
identifier ctx7.fk, ctx7.v1, ctx7.v2, ctx7.v3, ctx7.v4, ctx7.v5, ctx7.v6, ctx7.v7;
type ptype.T, ctx7.T1, ctx7.T2, ctx7.T3, ctx7.T4, ctx7.T5, ctx7.T6, ctx7.T7;
@@
+T {
+	T1 v1;
+	T2 v2;
+	T3 v3;
+	T4 v4;
+	T5 v5;
+	T6 v6;
+	T7 v7;
+};
+
 fk(...) { ... }

@script:python ctx8@
fn << loop.fn;
pl << loop.pl;
P << ptype.P;
fk;
ek;
T1;
T2;
T3;
T4;
T5;
T6;
T7;
T8;
v1;
v2;
v3;
v4;
v5;
v6;
v7;
v8;
@@
# Not include_match(False): that drops the match for every later rule.
fields = ctx_fields.get((pl[0].file, fn), [])
if len(fields) != 8:
    fields, fn = [('int', 'unused' + str(j), False) for j in range(8)], NO_FUNCTION
coccinelle.fk = cocci.make_ident(fn)
coccinelle.ek = cocci.make_ident(emit_names.get((pl[0].file, fn), NO_FUNCTION))
for j, (t, v, _) in enumerate(fields, 1):
    setattr(coccinelle, 'T' + str(j), cocci.make_type(t))
    setattr(coccinelle, 'v' + str(j), cocci.make_ident(v))

@depends on map || hmap@
identifier ctx8.fk, ctx8.v1, ctx8.v2, ctx8.v3, ctx8.v4, ctx8.v5, ctx8.v6, ctx8.v7, ctx8.v8;
type ptype.T, ctx8.T1, ctx8.T2, ctx8.T3, ctx8.T4, ctx8.T5, ctx8.T6, ctx8.T7, ctx8.T8;
@@
+T {
+	T1 v1;
+	T2 v2;
+	T3 v3;
+	T4 v4;
+	T5 v5;
+	T6 v6;
+	T7 v7;
+	T8 v8;
+};
+
 fk(...) { ... }

// The entry hook: the loop's body, void where it does not leave the loop;
// int where it does, 0 when the body went through. A goto out of the body
// goes to a label of the hook that refuses the entry (a hook with a goto
// to a label it lacks would not parse, for the rules after this one).
@hooks depends on map || hmap@
identifier loop.fn, ptype.P, loop.i, ptype.A, ptype.L, ptype.hv;
statement list loop.body;
type ptype.T;
fresh identifier entry = fn ## "_sgl_entry";
@@
+static void entry(T *P, u32 i, dma_addr_t A, u32 L)
+{
+	body
+}
+
 hv(...) { ... }

@depends on map || hmap@
identifier loop.fn, ptype.P, loop.i, ptype.A, ptype.L, ptype.hi;
statement list loop.body;
type ptype.T;
fresh identifier entry = fn ## "_sgl_entry";
@@
+static int entry(T *P, u32 i, dma_addr_t A, u32 L)
+{
+	body
+	return 0;
+}
+
 hi(...) { ... }

@depends on map || hmap@
identifier loop.fn, ptype.P, loop.i, ptype.A, ptype.L, ptype.hg, ptype.GL;
statement list loop.body;
type ptype.T;
fresh identifier entry = fn ## "_sgl_entry";
@@
+static int entry(T *P, u32 i, dma_addr_t A, u32 L)
+{
+	body
+	return 0;
+GL:
+	return -ECANCELED;
+}
+
 hg(...) { ... }

// A body that skips entries with continue: in a for (;;) until the rules
// below make its continue statements returns (out of any loop, a continue
// would not parse).
@depends on map || hmap@
identifier loop.fn, ptype.P, loop.i, ptype.A, ptype.L, ptype.hvc;
statement list loop.body;
type ptype.T;
fresh identifier entry = fn ## "_sgl_entry";
@@
+static void entry(T *P, u32 i, dma_addr_t A, u32 L)
+{
+	for (;;) {
+	body
+	}
+}
+
 hvc(...) { ... }

@depends on map || hmap@
identifier loop.fn, ptype.P, loop.i, ptype.A, ptype.L, ptype.hic;
statement list loop.body;
type ptype.T;
fresh identifier entry = fn ## "_sgl_entry";
@@
+static int entry(T *P, u32 i, dma_addr_t A, u32 L)
+{
+	for (;;) {
+	body
+	}
+	return 0;
+}
+
 hic(...) { ... }

@endhook depends on map || hmap@
identifier loop.fn, ptype.P;
type ptype.T;
fresh identifier end = fn ## "_sgl_end";
@@
+static void end(T *P, u32 last)
+{
+}
+
 fn(...) { ... }

@define depends on map || hmap@
identifier loop.fn, ptype.dm;
type ptype.T;
fresh identifier sgl = fn ## "_sgl";
@@
+dm(sgl, T);
+
 fn(...) { ... }

// The wrapper the emit call goes through: it fills the context struct.
@depends on map || hmap@
identifier ctx1.ek, ctx1.fk, ctx1.v1;
type ptype.T, ptype.HT, ctx1.T1;
fresh identifier w = fk ## "_sgl_emit";
@@
+static int w(HT *cmd, T1 v1)
+{
+	T ctx = { v1 };
+
+	return ek(cmd, &ctx);
+}
+
 fk(...) { ... }

@depends on map || hmap@
identifier ctx2.ek, ctx2.fk, ctx2.v1, ctx2.v2;
type ptype.T, ptype.HT, ctx2.T1, ctx2.T2;
fresh identifier w = fk ## "_sgl_emit";
@@
+static int w(HT *cmd, T1 v1, T2 v2)
+{
+	T ctx = { v1, v2 };
+
+	return ek(cmd, &ctx);
+}
+
 fk(...) { ... }

@depends on map || hmap@
identifier ctx3.ek, ctx3.fk, ctx3.v1, ctx3.v2, ctx3.v3;
type ptype.T, ptype.HT, ctx3.T1, ctx3.T2, ctx3.T3;
fresh identifier w = fk ## "_sgl_emit";
@@
+static int w(HT *cmd, T1 v1, T2 v2, T3 v3)
+{
+	T ctx = { v1, v2, v3 };
+
+	return ek(cmd, &ctx);
+}
+
 fk(...) { ... }

@depends on map || hmap@
identifier ctx4.ek, ctx4.fk, ctx4.v1, ctx4.v2, ctx4.v3, ctx4.v4;
type ptype.T, ptype.HT, ctx4.T1, ctx4.T2, ctx4.T3, ctx4.T4;
fresh identifier w = fk ## "_sgl_emit";
@@
+static int w(HT *cmd, T1 v1, T2 v2, T3 v3, T4 v4)
+{
+	T ctx = { v1, v2, v3, v4 };
+
+	return ek(cmd, &ctx);
+}
+
 fk(...) { ... }

@depends on map || hmap@
identifier ctx5.ek, ctx5.fk, ctx5.v1, ctx5.v2, ctx5.v3, ctx5.v4, ctx5.v5;
type ptype.T, ptype.HT, ctx5.T1, ctx5.T2, ctx5.T3, ctx5.T4, ctx5.T5;
fresh identifier w = fk ## "_sgl_emit";
@@
+static int w(HT *cmd, T1 v1, T2 v2, T3 v3, T4 v4, T5 v5)
+{
+	T ctx = { v1, v2, v3, v4, v5 };
+
+	return ek(cmd, &ctx);
+}
+
 fk(...) { ... }

@depends on map || hmap@
identifier ctx6.ek, ctx6.fk, ctx6.v1, ctx6.v2, ctx6.v3, ctx6.v4, ctx6.v5, ctx6.v6;
type ptype.T, ptype.HT, ctx6.T1, ctx6.T2, ctx6.T3, ctx6.T4, ctx6.T5, ctx6.T6;
fresh identifier w = fk ## "_sgl_emit";
@@
+static int w(HT *cmd, T1 v1, T2 v2, T3 v3, T4 v4, T5 v5, T6 v6)
+{
+	T ctx = { v1, v2, v3, v4, v5, v6 };
+
+	return ek(cmd, &ctx);
+}
+
 fk(...) { ... }

@depends on map || hmap@
identifier ctx7.ek, ctx7.fk, ctx7.v1, ctx7.v2, ctx7.v3, ctx7.v4, ctx7.v5, ctx7.v6, ctx7.v7;
type ptype.T, ptype.HT, ctx7.T1, ctx7.T2, ctx7.T3, ctx7.T4, ctx7.T5, ctx7.T6, ctx7.T7;
fresh identifier w = fk ## "_sgl_emit";
@@
+static int w(HT *cmd, T1 v1, T2 v2, T3 v3, T4 v4, T5 v5, T6 v6, T7 v7)
+{
+	T ctx = { v1, v2, v3, v4, v5, v6, v7 };
+
+	return ek(cmd, &ctx);
+}
+
 fk(...) { ... }

@depends on map || hmap@
identifier ctx8.ek, ctx8.fk, ctx8.v1, ctx8.v2, ctx8.v3, ctx8.v4, ctx8.v5, ctx8.v6, ctx8.v7, ctx8.v8;
type ptype.T, ptype.HT, ctx8.T1, ctx8.T2, ctx8.T3, ctx8.T4, ctx8.T5, ctx8.T6, ctx8.T7, ctx8.T8;
fresh identifier w = fk ## "_sgl_emit";
@@
+static int w(HT *cmd, T1 v1, T2 v2, T3 v3, T4 v4, T5 v5, T6 v6, T7 v7, T8 v8)
+{
+	T ctx = { v1, v2, v3, v4, v5, v6, v7, v8 };
+
+	return ek(cmd, &ctx);
+}
+
 fk(...) { ... }

// A continue in the body skips the entry: the hook returns, and its
// for (;;) goes.
@depends on patch@
identifier ptype.EN;
@@
void EN(...) {
<...
- continue;
+ return;
...>
}

@depends on patch@
identifier ptype.EN;
@@
int EN(...) {
<...
- continue;
+ return 0;
...>
}

@depends on patch@
identifier ptype.EN;
statement list SL;
@@
EN(...) {
- for (;;) {
  SL
- }
  ...
}

// In a context struct's hooks, the values the body read are its fields,
// and the variables it changed are reached through theirs. (Before the
// entry's accessors become addr and len: a variable may have those names.)
@depends on patch@
identifier ptype.EN, ptype.P, loop.fn;
identifier v : script:python(fn) { is_ctx_field(fn, v, False) };
@@
EN(...) {
<...
- v
+ P->v
...>
}

@depends on patch@
identifier ptype.EN, ptype.P, loop.fn;
identifier v : script:python(fn) { is_ctx_field(fn, v, True) };
@@
EN(...) {
<...
- v
+ (*P->v)
...>
}

// Where the body left the loop, the hook refuses the entry: the emit
// stops there and fails, and its caller leaves as the body did.
@depends on patch@
identifier ptype.EN;
expression E : script:python() { not_hook_return(E) };
@@
EN(...) {
<...
- return E;
+ return -ECANCELED;
...>
}

// The block the body left by moved to the function: the hook refuses
// the entry where it ran.
@depends on patch@
identifier ptype.HX, L;
expression C, E;
@@
HX(...) {
<...
(
- if (C) { ... return E; }
+ if (C)
+	return -ECANCELED;
|
- if (C) { ... goto L; }
+ if (C)
+	return -ECANCELED;
)
...>
}

// Once the hook parses, its gotos refuse the entry directly.
@depends on patch@
identifier ptype.EN, ptype.GL;
@@
EN(...) {
<...
(
- goto GL;
+ return -ECANCELED;
|
- GL:
- return -ECANCELED;
)
...>
}

// In the entry hook, the entry's address and length are its arguments.
@depends on patch@
identifier ptype.EN, loop.sg, ptype.A, ptype.L;
@@
EN(...) {
<...
(
- sg_dma_address(sg)
+ A
|
- sg_dma_len(sg)
+ L
|
- sg->length
+ L
)
...>
}

@depends on patch@
expression loop.n;
@@
- if (n) {}

@depends on map || hmap@
expression E, e1, e2;
identifier f =~ "_sgl_scsi_emit$";
@@
- if (E) {
-	f(e1, e2);
- }
+ if (E)
+	f(e1, e2);

// Which glue the file uses now: <scsi/scsi_dmavec.h>, <dmavec/sg.h>.
@sck depends on map || hmap || single_first@
identifier f =~ "(_sgl_scsi_emit|^scsi_dmavec_map|^scsi_dmavec_first)$";
@@
f(...)

@sgk depends on map@
@@
dmavec_sg_map(...)

@inc depends on sck@
@@
#include <scsi/scsi_host.h>
+#include <scsi/scsi_dmavec.h>

@inc2 depends on sck && !inc@
@@
#include <scsi/scsi_cmnd.h>
+#include <scsi/scsi_dmavec.h>

// A driver whose SCSI headers come through its own header: after its
// last system include.
@depends on sck && !inc && !inc2@
@@
#include <...>
+#include <scsi/scsi_dmavec.h>

@sginc depends on sgk@
@@
#include <linux/scatterlist.h>
+#include <dmavec/sg.h>

@depends on sgk && !sginc@
@@
#include <...>
+#include <dmavec/sg.h>

// The entry and the loop counter may have no other use left: their
// declarations go only if no statement of the function still names them
// (on any path: the removal itself needs exists for nested blocks).
@sgused depends on map || hmap exists@
identifier loop.fn, loop.sg;
@@
fn(...) { <+... sg ...+> }

@depends on (map || hmap) && !sgused exists@
identifier loop.fn, loop.sg;
type S;
@@
fn(...) {
  ...
- S *sg;
  ...
}

// A counter used only under #if after the conversion: kept, for that
// build, but marked.
@depends on map || hmap@
identifier loop.fn, loop.i;
type I;
position p : script:python() { marked_unused(p) };
attribute name __maybe_unused;
@@
fn(...) {
  <...
- I i@p;
+ I i __maybe_unused;
  ...>
}

@iused depends on map || hmap exists@
identifier loop.fn, loop.i;
@@
fn(...) { <+... i ...+> }

@depends on (map || hmap) && !iused exists@
identifier loop.fn, loop.i;
type I;
@@
fn(...) {
  ...
- I i;
  ...
}

// The maps of a file whose helpers converted (hgate): every one left.
// (By the name of their function: a position in code an earlier rule
// changed is in another file, spatch's copy of the function.)
@depends on hmap@
identifier fc : script:python() { fc in gate_callers };
expression c;
@@
fc(...) {
<...
- scsi_dma_map(c)
+ scsi_dmavec_map(c)
...>
}

// One unmap for both kinds of mapping (scsi_dmavec_unmap() tells them
// apart): a site left with scsi_dma_map() keeps working.
@depends on sck@
expression E;
@@
- scsi_dma_unmap(E)
+ scsi_dmavec_unmap(E)
