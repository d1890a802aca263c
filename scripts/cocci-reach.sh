#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make cocci-reach: how far coccinelle/ reaches in Linux 6.12's SCSI
# low-level drivers. In a copy of the work tree (the pristine source with
# patches/ applied and our files linked in, $BUILD/reach/src), apply
# scsi_dma_map_sgl.cocci to every scsi_dma_map() user; list each driver
# converted; build each converted file with W=1 and sparse in a config that
# enables it ($BUILD/reach/obj); print
#   converted N of 53 (F fully, P in part), building M (U not built: ...)
# A driver x86_64 cannot select (PowerMac's, pSeries') is built for
# powerpc instead, in a config of configs/compile-only/
# ($BUILD/reach/obj-NAME). One that builds nowhere here even as 6.12 has
# it is listed as not built, with the pristine x86_64 build's first error,
# and counts neither as building nor as failing.
# The same script also takes the dma_map_sg() users of the tree that copy
# the mapped entries and unmap in the same function (<dmavec/sg.h>): every
# other C file calling dma_map_sg() goes through it, and the files it
# converts are built the same way and counted on their own line.
# Exit non-zero if a converted file does not build cleanly. The
# conversions are kept in $BUILD/reach/src (git diff there shows them).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

REACH=$BUILD/reach
SRC=$REACH/src
OBJ=$REACH/obj
SP=$REPO/coccinelle/scsi_dma_map_sgl.cocci
mkdir -p "$REACH"

"$REPO/scripts/assemble-tree.sh" > /dev/null || die "no work tree"
head=$(git -C "$TREE" rev-parse HEAD)
if [ "$(git -C "$SRC" rev-parse HEAD 2>/dev/null)" != "$head" ]; then
	log "checking out the work tree's $head into $SRC (once per tree change)"
	git -C "$TREE" worktree remove --force "$SRC" 2> /dev/null
	rm -rf "$SRC"
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q --detach "$SRC" "$head" || die "worktree add failed"
fi
git -C "$SRC" checkout -q -- . || die "cannot reset $SRC"
repo_kernel_files | while read -r f; do
	t=$(tree_path "$f")
	mkdir -p "$(dirname "$SRC/$t")"
	ln -sfn "$REPO/$f" "$SRC/$t"
done

# The scsi_dma_map() users of pristine 6.12, one driver per module: the two
# megaraid_sas files are one driver, aic7xxx and aic79xx two.
mapfile -t files < <(git -C "$TREE" grep -l 'scsi_dma_map(' baseline -- drivers |
	sed 's/^baseline://' | grep -v 'drivers/scsi/scsi_lib_dma.c' | sort)
driver_of() {
	case $1 in
	drivers/scsi/megaraid/megaraid_sas_*) echo megaraid_sas ;;
	*) basename "$1" .c ;;
	esac
}
total=$(for f in "${files[@]}"; do driver_of "$f"; done | sort -u | wc -l)
sites=$(git -C "$TREE" grep -c 'scsi_dma_map(' baseline -- "${files[@]}" |
	awk -F: '{ n += $NF } END { print n }')

# The other dma_map_sg() callers (not the DMA core, not the files above).
mapfile -t sgfiles < <(git -C "$TREE" grep -l -E '\bdma_map_sg\(' baseline -- '*.c' |
	sed 's/^baseline://' | grep -v -E '^(kernel/dma|lib)/' | sort |
	comm -23 - <(printf '%s\n' "${files[@]}" drivers/scsi/scsi_lib_dma.c | sort))

# One spatch per file: files named together form one group for spatch.
# The drivers as 6.12 has them: patches/ may convert some already.
git -C "$SRC" checkout -q baseline -- "${files[@]}" "${sgfiles[@]}" ||
	die "cannot reset the drivers"
log "applying $(basename "$SP") to ${#files[@]} + ${#sgfiles[@]} files"
: > "$REACH/spatch.log"
for f in "${files[@]}" "${sgfiles[@]}"; do
	(cd "$SRC" && spatch --very-quiet --no-ifdef-to-if --macro-file "$REPO/coccinelle/macros.h" --sp-file "$SP" -D patch --in-place "$f" \
		>> "$REACH/spatch.log" 2>&1) || die "spatch failed on $f; see $REACH/spatch.log"
done
mapfile -t converted < <(git -C "$SRC" diff --name-only baseline -- "${files[@]}")
mapfile -t sgconverted < <(git -C "$SRC" diff --name-only baseline -- "${sgfiles[@]}")
left=$(cd "$SRC" && grep -c 'scsi_dma_map(' "${files[@]}" | awk -F: '{ n += $NF } END { print n }')

# A config with every converted driver: the test kernel's fragments plus
# the converted files' options, from their Makefiles.
frag=$REACH/converted.config
: > "$frag"
# syms DIR OBJ: every option that builds OBJ in DIR's Makefile
# ("obj-$(CONFIG_X) += f.o" or ":=")
syms() {
	grep -h -E "^obj-\\\$\(CONFIG_[A-Z0-9_]+\)[[:space:]]*[:+]?=.*\b$2\b" "$SRC/$1/Makefile" |
		sed -n 's/^obj-\$(\(CONFIG_[A-Z0-9_]*\)).*/\1/p'
}
# (COMPILE_TEST: the other callers are often drivers of other SoCs)
[ ${#sgconverted[@]} -gt 0 ] && echo "CONFIG_COMPILE_TEST=y" >> "$frag"
for f in "${converted[@]}" "${sgconverted[@]}"; do
	d=$(dirname "$f")
	o=$(basename "$f" .c).o
	# the object's options, or those of the module it is part of
	# ("m-objs := f.o ...", "m-y")
	sym=$(syms "$d" "$o")
	if [ -z "$sym" ]; then	# a module made of several objects
		m=$(grep -h -E "^[a-z0-9_]+-(y|objs)[[:space:]]*[:+]?=.*\b$o\b" "$SRC/$d/Makefile" |
			sed -n 's/^\([a-z0-9_]*\)-.*/\1/p' | head -n 1)
		[ -n "$m" ] && sym=$(syms "$d" "$m.o")
	fi
	for x in $sym; do echo "$x=y"; done >> "$frag"
done
sort -u -o "$frag" "$frag"
merge_fragments "$SRC" 0 "$REPO"/configs/*.config "$frag"
# The builds a file is tried in, in order, as "NAME ARCH CROSS_COMPILE":
# x86_64 with the test kernel's fragments, then the compile-only configs
# of other architectures, for drivers x86_64 cannot select (PowerMac's
# and pSeries'), with the same options added.
targets=("x86_64 x86_64 -")
for c in "$REPO"/configs/compile-only/powerpc-*.config; do
	t=$(basename "$c" .config)
	OBJ=$REACH/obj-$t KARCH=powerpc KCROSS=powerpc64-linux-gnu- \
		merge_fragments "$SRC" 0 "$c" "$frag"
	targets+=("$t powerpc powerpc64-linux-gnu-")
done

# warnings FILE NAME ARCH CROSS_COMPILE: the W=1 and sparse warnings a
# build of FILE's object in target NAME gives for FILE itself, without
# line numbers, so that the converted and the pristine file compare.
warnings() {
	local obj=$OBJ cross=
	[ "$2" != x86_64 ] && obj=$REACH/obj-$2 && cross=$4
	make -C "$SRC" O="$obj" ARCH="$3" ${cross:+CROSS_COMPILE=$cross} \
		CC="ccache ${cross}gcc" HOSTCC="ccache gcc" \
		-j"$JOBS" C=2 W=1 "${1%.c}.o" > "$REACH/one.log" 2>&1 || return 1
	{ grep -E "^($SRC/)?$1:[0-9]+:[0-9]+: (warning|error):" "$REACH/one.log" || true; } |
		sed -E 's/^[^:]*:[0-9]+:[0-9]+: //' | sort
}

broken=()
foreign=()
sgbroken=0
sgforeign=0
echo "converted drivers:"
for f in "${converted[@]}" "${sgconverted[@]}"; do
	sg=0
	case " ${sgconverted[*]} " in *" $f "*) sg=1 ;; esac
	cp "$SRC/$f" "$REACH/converted.c"
	git -C "$SRC" show "baseline:$f" > "$SRC/$f"
	# the first target the pristine file builds in
	target=
	for t in "${targets[@]}"; do
		# (unquoted: $t is NAME ARCH CROSS_COMPILE)
		if warnings "$f" $t > "$REACH/stock.w"; then
			target=$t
			break
		fi
		[ "$t" = "${targets[0]}" ] && cp "$REACH/one.log" "$REACH/x86.log"
	done
	if [ -z "$target" ]; then
		# one whose options no target here can select
		cp "$REACH/converted.c" "$SRC/$f"
		[ $sg = 1 ] && sgforeign=$((sgforeign + 1)) || foreign+=("$(driver_of "$f")")
		echo "  $(driver_of "$f") ($f): NOT BUILT: pristine 6.12 does not build here either:"
		grep -m 1 -E "error" "$REACH/x86.log" | sed 's/^/      /'
		continue
	fi
	on=""
	[ "${target%% *}" != x86_64 ] && on=" for ${target%% *}"
	cp "$REACH/converted.c" "$SRC/$f"
	# scsi_sg_count() is the midlayer's entry count, not the mapping's:
	# a driver handing it to its hardware as the table's length (3w-sas,
	# 3w-9xxx) relies on the two being equal, which an IOMMU breaks for
	# dma_map_sg() already and for dmavec (one range) always. Listed for
	# review, not counted against the build.
	sgc=$(grep -c 'scsi_sg_count(' "$SRC/$f")
	review=""
	[ "$sgc" -gt 0 ] && review="; review: reads scsi_sg_count() $sgc times"
	if warnings "$f" $target > "$REACH/new.w" &&
		! comm -13 "$REACH/stock.w" "$REACH/new.w" | grep -q .; then
		echo "  $(driver_of "$f") ($f): builds$on, no new W=1 or sparse warning$review"
	else
		[ $sg = 1 ] && sgbroken=$((sgbroken + 1)) || broken+=("$(driver_of "$f")")
		echo "  $(driver_of "$f") ($f): DOES NOT BUILD CLEAN$on"
		{ comm -13 "$REACH/stock.w" "$REACH/new.w"; grep -E "error" "$REACH/one.log"; } |
			head -n 5 | sed 's/^/      /'
	fi
done
# A driver builds when every file of it converted builds clean.
n=$(for f in "${converted[@]}"; do driver_of "$f"; done | sort -u | wc -l)
m=$((n - $(printf '%s\n' "${broken[@]}" "${foreign[@]}" | sort -u | grep -c .)))
u=$(printf '%s\n' "${foreign[@]}" | sort -u | grep -c .)
# Fully: no scsi_dma_map() left in any file of the driver. (A driver
# converted in part keeps scsi_dma_map() on the other paths;
# scsi_dmavec_unmap() unmaps both kinds.)
done_drivers=$(for f in "${converted[@]}"; do driver_of "$f"; done | sort -u)
partial=$(for f in "${files[@]}"; do
	grep -q 'scsi_dma_map(' "$SRC/$f" && driver_of "$f"
done | sort -u | comm -12 - <(echo "$done_drivers") | grep -c .)
echo "scsi_dma_map() sites: $sites in pristine 6.12, $left left after conversion"
sgn=${#sgconverted[@]}
echo "dma_map_sg() users converted (a mapping local to its function): $sgn of" \
	"${#sgfiles[@]} files, building $((sgn - sgbroken - sgforeign))"
echo "converted $n of $total ($((n - partial)) fully, $partial in part), building $m" \
	"($u not built: pristine 6.12 does not build here)"
[ "$((m + u))" -eq "$n" ] && [ "$sgbroken" -eq 0 ]
