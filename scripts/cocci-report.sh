#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make cocci-report: classify every scatterlist DMA mapping call of Linux
# 6.12 (dma_map_sg(), dma_map_sg_attrs(), dma_map_sgtable(),
# ib_dma_map_sg*(), scsi_dma_map()) with coccinelle/dma_map_sg_report.cocci:
# AUTO, HAND or NOT, one line per call, then the counts. A call spatch
# could not parse (a function it fails on) is listed as UNPARSED: the
# calls are found by text first, so none goes missing from the counts.
# Where coccinelle/scsi_dma_map_sgl.cocci converts a call, the verdict is
# its. The list is kept in $BUILD/report/calls.txt.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

OUT=$BUILD/report
SP=$REPO/coccinelle/dma_map_sg_report.cocci
CALL='\b(dma_map_sg(_attrs)?|dma_map_sgtable|ib_dma_map_sg(_attrs)?|scsi_dma_map)\s*\('
[ -d "$TREE/.git" ] || "$REPO/scripts/assemble-tree.sh" > /dev/null || die "no work tree"
rm -rf "$OUT" && mkdir -p "$OUT/src"

# The callers in C files, not the definitions and wrappers of the DMA API
# itself (kernel/dma, include/, Documentation).
mapfile -t files < <(git -C "$TREE" grep -l -E "$CALL" baseline -- '*.c' ':!kernel/dma' |
	sed 's/^baseline://' | sort)
for f in "${files[@]}"; do
	mkdir -p "$OUT/src/$(dirname "$f")"
	git -C "$TREE" show "baseline:$f" > "$OUT/src/$f"
done
log "classifying the calls in ${#files[@]} files"
printf '%s\n' "${files[@]}" |
	(cd "$OUT/src" && xargs -P "$JOBS" -n 1 spatch --very-quiet --no-ifdef-to-if --macro-file "$REPO/coccinelle/macros.h" --sp-file "$SP" -D report) \
	2> "$OUT/spatch.log" | grep -E '^[^ ]+:[0-9]+:[0-9]+-[0-9]+: (AUTO|HAND|NOT):' |
	sort -t: -k1,1 -k2,2n > "$OUT/classified.txt"

# Every call the text shows (comments and strings stripped, as the
# scripts' own analysis strips them) that spatch did not classify.
printf '%s\n' "${files[@]}" > "$OUT/files.txt"
python3 - "$OUT/src" "$OUT/files.txt" "$OUT/classified.txt" "$CALL" "$REPO/coccinelle" \
	> "$OUT/unparsed.txt" <<'PY'
import re, sys
src, files, done, call, lib = sys.argv[1:]
sys.path.insert(0, lib)
import dmavec_body
seen = {tuple(l.split(':')[:2]) for l in open(done)}
for name in open(files).read().split():
    code = dmavec_body.strip(open('%s/%s' % (src, name), errors='replace').read())
    for m in re.finditer(call, code):
        line = code.count('\n', 0, m.start()) + 1
        before = code[:m.start()].rstrip()
        if before.endswith(('int', '*', 'bool')) or \
                re.search(r'#\s*define[^\n]*$', code[:m.start()]):
            continue        # a definition or a macro, not a call
        if (name, str(line)) not in seen:
            print('%s:%d: UNPARSED: %s(): spatch could not parse the function'
                  % (name, line, m.group(1)))
PY
# The converting script has the last word where it runs: a call it
# converts is AUTO, whatever the classifier guessed; one the classifier
# calls AUTO but the script leaves alone is HAND. (Its diffs, per file,
# in $OUT/convert.diff.)
CONV=$REPO/coccinelle/scsi_dma_map_sgl.cocci
log "applying $(basename "$CONV") to the scsi_dma_map() and dma_map_sg() callers"
grep -l -E '\b(scsi_dma_map|dma_map_sg)\s*\(' "${files[@]/#/$OUT/src/}" | sed "s|^$OUT/src/||" |
	(cd "$OUT/src" && xargs -P "$JOBS" -n 1 spatch --very-quiet --no-ifdef-to-if --macro-file "$REPO/coccinelle/macros.h" --sp-file "$CONV" -D patch) \
	> "$OUT/convert.diff" 2>> "$OUT/spatch.log"
python3 - "$OUT/convert.diff" "$OUT/classified.txt" <<'PY'
import re, sys
diff, classified = sys.argv[1:]
converted, name, old = set(), None, 0
for l in open(diff, errors='replace'):
    if l.startswith('--- '):
        name = l[4:].split()[0]
    elif l.startswith('@@'):
        old = int(re.match(r'@@ -(\d+)', l).group(1))
    elif l.startswith('-') and not l.startswith('---'):
        if re.search(r'\b(scsi_dma_map|dma_map_sg)\s*\(', l):
            converted.add((name, old))
        old += 1
    elif l.startswith(' '):
        old += 1
out = []
for l in open(classified):
    f, line, rest = l.split(':', 2)
    pos, verdict, why = re.match(r'(\S+): (\w+): (.*)', rest.strip()).groups()
    call = why.split(' ')[0]
    if (f, int(line)) in converted:
        verdict, why = 'AUTO', '%s converted by scsi_dma_map_sgl.cocci' % why.split(':')[0]
    elif verdict == 'AUTO' and call.startswith(('scsi_dma_map', 'dma_map_sg()')):
        verdict, why = 'HAND', why + '; scsi_dma_map_sgl.cocci refuses it'
    out.append('%s:%s:%s: %s: %s\n' % (f, line, pos, verdict, why))
open(classified, 'w').writelines(out)
PY
cat "$OUT/classified.txt" "$OUT/unparsed.txt" | sort -t: -k1,1 -k2,2n > "$OUT/calls.txt"
cat "$OUT/calls.txt"
count() { grep -c ": $1:" "$OUT/calls.txt"; }
echo "per verdict and mapping function:"
sed -E 's/^[^ ]+ (AUTO|HAND|NOT|UNPARSED): ([a-z_]+)\(\).*/\1 \2/' "$OUT/calls.txt" |
	sort | uniq -c | sed 's/^/  /'
echo "dma_map_sg users in 6.12: $(wc -l < "$OUT/calls.txt") calls in ${#files[@]} files:" \
	"$(count AUTO) AUTO, $(count HAND) HAND, $(count NOT) NOT, $(count UNPARSED) UNPARSED"
