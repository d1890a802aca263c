// SPDX-License-Identifier: GPL-2.0-only
/// Convert a SCSI low-level driver's scsi_dma_map() and the loop that copies
/// each mapped entry into its hardware SGL to dmavec (<scsi/scsi_dmavec.h>),
/// in place: scsi_dma_map() becomes scsi_dmavec_map(), which maps the
/// command's block request (one IOVA range behind an IOMMU) and returns the
/// entry count as before; the loop becomes a call of a generated
/// name_scsi_emit(), which writes the same entries through an entry hook
/// holding the loop body; scsi_dma_unmap() becomes scsi_dmavec_unmap() once
/// no scsi_dma_map() is left in the file. The loop counter gets the count
/// the loop left in it where it is used after the loop. The generated end
/// hook is empty.
///
/// The shape converted: scsi_for_each_sg(cmd, sg, n, i) or
/// for_each_sg(scsi_sglist(cmd), sg, n, i), n being the mapped count or a
/// copy of it; the body writes through one pointer P, which it does not
/// change, and uses the entry only through sg_dma_address() and
/// sg_dma_len(); no break, continue, return or goto.
// Confidence: Moderate
// Options: --no-includes --include-headers
// Keywords: scsi_dma_map, scsi_for_each_sg, for_each_sg, dmavec

virtual patch
virtual context
virtual report
virtual org

@loop exists@
identifier fn, sg, i;
iterator name scsi_for_each_sg, for_each_sg;
expression cmd, n, n2;
statement list body;
position pm, pl;
@@
fn(...) {
  ...
  n = scsi_dma_map@pm(cmd);
  ...
(
  scsi_for_each_sg@pl(cmd, sg, n2, i) { body }
|
  for_each_sg@pl(scsi_sglist(cmd), sg, n2, i) { body }
)
  ...
}

@initialize:python@
@@
import os
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

// The body may name only the loop counter and one pointer, P, which it
// does not change, besides the entry (through sg_dma_address() and
// sg_dma_len()), fields, functions and constants.
@script:python check@
body << loop.body;
i << loop.i;
sg << loop.sg;
P;
@@
exits, free = dmavec_body.analyse(body, sg, i)
if exits or len(free) != 1 or dmavec_body.written(body, free):
    cocci.include_match(False)
else:
    coccinelle.P = cocci.make_ident(free.pop())

// The loop count is the mapped count, or a copy of it made after the map.
@initialize:python@
@@
ptr_types = {}
counted = set()
after = set()

@script:python@
n << loop.n;
n2 << loop.n2;
pl << loop.pl;
@@
if n == n2:
    counted.add((pl[0].file, pl[0].line))

@copied exists@
expression loop.cmd, loop.n, loop.n2;
position loop.pm, loop.pl, q;
iterator name scsi_for_each_sg, for_each_sg;
@@
  scsi_dma_map@pm(cmd);
  ...
  n2@q = n;
  ...
(
  scsi_for_each_sg@pl(...) { ... }
|
  for_each_sg@pl(...) { ... }
)

@script:python@
pl << loop.pl;
q << copied.q;
@@
if q:
    counted.add((pl[0].file, pl[0].line))

// P's type, for the hooks: a parameter's or a local's.
@pparam@
identifier loop.fn, check.P;
type T;
@@
fn(..., T *P, ...) { ... }

@script:python@
fn << loop.fn;
P << check.P;
T << pparam.T;
pm << loop.pm;
@@
ptr_types[(pm[0].file, fn, P)] = T

@plocal@
identifier loop.fn, check.P;
type T;
expression E;
@@
fn(...) {
  ... when any
(
  T *P;
|
  T *P = E;
)
  ... when any
}

@script:python@
fn << loop.fn;
P << check.P;
T << plocal.T;
pm << loop.pm;
@@
ptr_types[(pm[0].file, fn, P)] = T

// The loop left its count in i: where i is read after the loop, the emit
// call sets it the same way.
@iafter exists@
identifier loop.i;
position loop.pl, q;
iterator name scsi_for_each_sg, for_each_sg;
@@
(
  scsi_for_each_sg@pl@q(...) { ... }
|
  for_each_sg@pl@q(...) { ... }
)
  ... when any
  i

@script:python@
q << iafter.q;
@@
after.add((q[0].file, q[0].line))

@script:python ptype@
fn << loop.fn;
P << check.P;
i << loop.i;
cmd << loop.cmd;
pm << loop.pm;
pl << loop.pl;
T;
emit;
@@
t = ptr_types.get((pm[0].file, fn, P))
if t is None or (pl[0].file, pl[0].line) not in counted:
    cocci.include_match(False)
else:
    coccinelle.T = cocci.make_type(t)
    call = '%s_sgl_scsi_emit(%s, %s)' % (fn, cmd, P)
    if (pl[0].file, pl[0].line) in after:
        call = '%s = %s' % (i, call)
    coccinelle.emit = cocci.make_expr(call)

// A file is converted only if every scsi_dma_map() in it is: its
// scsi_dma_unmap() calls cannot tell a scatterlist from a dmavec mapping.
@initialize:python@
@@
maps = set()
convertible = set()

@every@
position p;
@@
scsi_dma_map@p(...)

@script:python@
p << every.p;
@@
maps.add((p[0].file, p[0].line, p[0].column))

@script:python@
pm << loop.pm;
P << check.P;
T << ptype.T;
@@
convertible.add((pm[0].file, pm[0].line, pm[0].column))

@script:python gate@
pm << loop.pm;
P << check.P;
T << ptype.T;
@@
import re
here = pm[0].file
# Count the calls in the text too: one in code spatch could not parse
# would be missing from maps.
with open(here) as f:
    code = re.sub(r'/\*.*?\*/|//[^\n]*', ' ', f.read(), flags=re.S)
calls = len(re.findall(r'\bscsi_dma_map\s*\(', code))
mine = {c for c in convertible if c[0] == here}
if {m for m in maps if m[0] == here} != mine or calls != len(mine):
    cocci.include_match(False)

@ctx depends on context@
identifier loop.fn, check.P;
type ptype.T;
expression loop.cmd;
position loop.pm;
@@
* scsi_dma_map@pm(cmd)

@script:python depends on report@
pm << loop.pm;
fn << loop.fn;
P << check.P;
T << ptype.T;
@@
coccilib.report.print_report(pm[0], "scsi_dma_map() and copy loop in %s() can be a dmavec SGL mapper writing through %s" % (fn, P))

@script:python depends on org@
pm << loop.pm;
fn << loop.fn;
P << check.P;
T << ptype.T;
@@
coccilib.org.print_todo(pm[0], "dmavec SGL mapper for %s() through %s" % (fn, P))

@map depends on patch exists@
identifier loop.sg, loop.i;
expression loop.cmd, loop.n, loop.n2, ptype.emit;
position loop.pm, loop.pl;
statement list loop.body;
iterator name scsi_for_each_sg, for_each_sg;
@@
  n =
- scsi_dma_map@pm(cmd)
+ scsi_dmavec_map(cmd)
  ;
  ...
(
- scsi_for_each_sg@pl(cmd, sg, n2, i) { body }
+ emit;
|
- for_each_sg@pl(scsi_sglist(cmd), sg, n2, i) { body }
+ emit;
)

@hooks depends on map@
identifier loop.fn, check.P, loop.i;
statement list loop.body;
type ptype.T;
fresh identifier entry = fn ## "_sgl_entry";
@@
+static void entry(T *P, u32 i, dma_addr_t addr, u32 len)
+{
+	body
+}
+
 fn(...) { ... }

@endhook depends on map@
identifier loop.fn, check.P;
type ptype.T;
fresh identifier end = fn ## "_sgl_end";
@@
+static void end(T *P, u32 last)
+{
+}
+
 fn(...) { ... }

@define depends on map@
identifier loop.fn;
type ptype.T;
fresh identifier sgl = fn ## "_sgl";
@@
+DEFINE_SCSI_DMAVEC_SGL(sgl, T);
+
 fn(...) { ... }

// In the entry hook, the entry's address and length are its arguments.
@depends on patch@
identifier hooks.entry, loop.sg;
@@
entry(...) {
<...
(
- sg_dma_address(sg)
+ addr
|
- sg_dma_len(sg)
+ len
)
...>
}

@depends on patch@
expression loop.n;
@@
- if (n) {}

@depends on map@
expression E, e1, e2;
identifier f =~ "_sgl_scsi_emit$";
@@
- if (E) {
-	f(e1, e2);
- }
+ if (E)
+	f(e1, e2);

@inc depends on map@
@@
#include <scsi/scsi_host.h>
+#include <scsi/scsi_dmavec.h>

@inc2 depends on map && !inc@
@@
#include <scsi/scsi_cmnd.h>
+#include <scsi/scsi_dmavec.h>

// A driver whose SCSI headers come through its own header: after its
// last system include.
@depends on map && !inc && !inc2@
@@
#include <...>
+#include <scsi/scsi_dmavec.h>

// The entry and the loop counter may have no other use left: their
// declarations go only if no statement of the function still names them
// (on any path: the removal itself needs exists for nested blocks).
@sgused depends on map@
identifier loop.fn, loop.sg;
@@
fn(...) { <+... sg ...+> }

@depends on map && !sgused exists@
identifier loop.fn, loop.sg;
type S;
@@
fn(...) {
  ...
- S *sg;
  ...
}

@iused depends on map@
identifier loop.fn, loop.i;
@@
fn(...) { <+... i ...+> }

@depends on map && !iused exists@
identifier loop.fn, loop.i;
type I;
@@
fn(...) {
  ...
- I i;
  ...
}

// Every map of the file was converted (gate): so are the unmaps.
@depends on map@
expression E;
@@
- scsi_dma_unmap(E)
+ scsi_dmavec_unmap(E)
