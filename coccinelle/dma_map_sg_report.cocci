// SPDX-License-Identifier: GPL-2.0-only
/// Classify every scatterlist DMA mapping call (dma_map_sg(),
/// dma_map_sg_attrs(), dma_map_sgtable(), ib_dma_map_sg(),
/// ib_dma_map_sg_attrs(), scsi_dma_map()) by what dmavec can do with it:
///
///   AUTO: the function then copies each mapped entry into a descriptor in
///         the shape scsi_dma_map_sgl.cocci converts: a for_each_sg() or
///         scsi_for_each_sg() loop using the entry only through
///         sg_dma_address() and sg_dma_len(), at most eight variables of
///         its function, no early exit;
///   HAND: it copies the entries in a loop of another shape (the reason is
///         given): convertible by hand;
///         Also HAND: the mapping function hands the table to a helper of
///         the same file that copies it;
///   NOT:  no loop in the file reads the mapped entries: the table is
///         handed to another layer (a DMA engine, a crypto walk, a stored
///         sg_table), which would have to change first.
///
/// Each call gets one line; the counts per verdict and per function come at
/// the end. For scsi_dma_map(), AUTO is what scsi_dma_map_sgl.cocci
/// converts next to its map, less the checks that need types (a variable
/// it cannot type, a loop count that is not the mapped one). A loop in a
/// helper the mapping function calls is HAND here, though the converting
/// script takes it when the whole file qualifies (fnic, snic, qla4xxx).
//
// Confidence: Moderate
// Options: --no-includes --include-headers --no-ifdef-to-if --macro-file coccinelle/macros.h
// Keywords: dma_map_sg, scsi_dma_map, for_each_sg, dmavec

virtual report
virtual org

@initialize:python@
@@
import os
import sys

# See scsi_dma_map_sgl.cocci: the body analysis is shared.
argv = open('/proc/self/cmdline').read().split('\0')
for k, a in enumerate(argv):
    if a in ('--sp-file', '--cocci-file') or a.endswith('.cocci'):
        sp = argv[k + 1] if a.startswith('--') else a
        sys.path.insert(0, os.path.dirname(os.path.abspath(sp)))
        break
import dmavec_body

# (file, line, column) -> [mapping function, verdict, reason, fn]
sites = {}
# file -> [(line, function)] of every loop that reads mapped entries
copy_loops = {}
RANK = {'NOT': 0, 'HAND': 1, 'AUTO': 2}

def verdict(p, v, why):
    key = (p[0].file, int(p[0].line), int(p[0].column))
    if RANK[v] > RANK[sites[key][1]]:
        sites[key][1:3] = [v, why]

@call@
identifier mapf =~ "^(dma_map_sg|dma_map_sg_attrs|dma_map_sgtable|ib_dma_map_sg|ib_dma_map_sg_attrs|scsi_dma_map)$";
position p;
@@
mapf@p(...)

@script:python@
mapf << call.mapf;
p << call.p;
@@
fn = p[0].current_element
sites.setdefault((p[0].file, int(p[0].line), int(p[0].column)),
                 [mapf, 'NOT', 'no loop over the mapped entries in ' + fn + '()', fn])

// A for_each_sg()-style loop after the map that reads the entries.
@each exists@
identifier fn, call.mapf, sg, i;
iterator name for_each_sg, scsi_for_each_sg, for_each_sgtable_dma_sg;
expression e1, e2;
statement S;
position call.p, pl;
@@
fn(...) {
  ... when any
  mapf@p(...)
  ... when any
(
  for_each_sg@pl(e1, sg, e2, i) S
|
  scsi_for_each_sg@pl(e1, sg, e2, i) S
|
  for_each_sgtable_dma_sg@pl(e1, sg, i) S
)
  ... when any
}

@script:python@
p << call.p;
pl << each.pl;
S << each.S;
sg << each.sg;
i << each.i;
@@
if dmavec_body.copies_entries(S, sg):
    exits, free = dmavec_body.analyse(S, sg, i)
    if exits:
        verdict(p, 'HAND', 'the copy loop (line %s) exits early' % pl[0].line)
    elif sg in free:
        verdict(p, 'HAND', 'the copy loop (line %s) uses the entry beyond its '
                'DMA address and length' % pl[0].line)
    elif dmavec_body.declared(S) & {'addr', 'len', 'ctx'}:
        verdict(p, 'HAND', 'the copy loop (line %s) declares addr, len or ctx'
                % pl[0].line)
    elif not free or len(free) > 8:
        verdict(p, 'HAND', 'the copy loop (line %s) uses %d variables of its '
                'function' % (pl[0].line, len(free)))
    else:
        verdict(p, 'AUTO', 'copy loop (line %s) uses %s' %
                (pl[0].line, ', '.join(sorted(free))))

// Any other loop after the map that reads the entries: sg_next() walks,
// while loops, index loops over an array of entries. (A do-while body
// cannot carry a position in spatch 1.1; none of 6.12's sites needs it.)
@other exists@
identifier fn, call.mapf;
statement S;
position call.p, pl;
@@
fn(...) {
  ... when any
  mapf@p(...)
  ... when any
(
  for (...;...;...) S@pl
|
  while (...) S@pl
)
  ... when any
}

@script:python@
p << call.p;
pl << other.pl;
S << other.S;
@@
if 'sg_dma_address' in S or 'sg_dma_len' in S:
    verdict(p, 'HAND', 'a loop of another shape (line %s) copies the entries' % pl[0].line)

// A loop reading mapped entries in another function of the file: the
// mapping function hands the table to a helper of the driver.
@helper@
iterator I;
statement S;
expression list es;
position pl;
@@
(
  I@pl(es) S
|
  for (...;...;...) S@pl
|
  while (...) S@pl
)

@script:python@
pl << helper.pl;
S << helper.S;
@@
if 'sg_dma_address' in S or 'sg_dma_len' in S:
    copy_loops.setdefault(pl[0].file, []).append((int(pl[0].line), pl[0].current_element))

@finalize:python@
@@
import re
from collections import Counter

def body_of(path, fn):
    """The text of fn's definition in path (to its closing brace at the
    start of a line), or ''."""
    text = open(path, errors='replace').read()
    m = re.search(r'\b%s\s*\([^;{]*\)\s*\{' % re.escape(fn), text)
    if not m:
        return ''
    end = text.find('\n}', m.end())
    return text[m.end():end if end >= 0 else len(text)]

per = Counter()
for (f, line, col), site in sorted(sites.items()):
    others = [c for c in copy_loops.get(f, []) if c[1] != site[3]]
    if site[1] == 'NOT' and others:
        body = body_of(f, site[3])
        called = [c for c in others if re.search(r'\b%s\s*\(' % re.escape(c[1]), body)]
        if called:
            why = 'the entries are copied in %s() (line %d), which it calls' % (called[0][1], called[0][0])
        else:
            why = 'the file copies entries in %s() (line %d), reached another way' % (others[0][1], others[0][0])
        site[1:3] = ['HAND', why]
    mapf, v, why, fn = site
    per[v] += 1
    print('%s:%d:%d-%d: %s: %s() in %s(): %s' % (f, line, col, col + len(mapf), v, mapf, fn, why))
total = sum(per.values())
print('dma_map_sg users: %d calls: %d AUTO, %d HAND, %d NOT' %
      (total, per['AUTO'], per['HAND'], per['NOT']))
