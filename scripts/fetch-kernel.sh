#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch and unpack Debian's linux-source-6.12 (suite trixie) into $BUILD/src.
#
# apt runs with a private configuration: its own sources list, lists, cache
# and status under $BUILD/apt. The machine's apt configuration is never read
# or written. With KERNEL_SRC=/path a user's own tree is used instead and
# nothing is fetched.
set -euo pipefail

BUILD=${BUILD:-$(cd "$(dirname "$0")/.." && pwd)/build}
PKG=${KERNEL_PKG:-linux-source-6.12}
SUITE=${KERNEL_SUITE:-trixie}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SRC=$BUILD/src

die() { echo "fetch-kernel: $*" >&2; exit 1; }

if [ -n "${KERNEL_SRC:-}" ]; then
	[ -f "$KERNEL_SRC/Makefile" ] && grep -q '^VERSION = 6' "$KERNEL_SRC/Makefile" ||
		die "KERNEL_SRC=$KERNEL_SRC is not a Linux 6.x source tree"
	echo "$KERNEL_SRC"
	exit 0
fi

if [ -f "$SRC/.version" ] && [ -f "$SRC/linux/Makefile" ]; then
	echo "$SRC/linux"
	exit 0
fi

A=$BUILD/apt
mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/etc/preferences.d" \
	"$A/etc/apt.conf.d" "$A/state" "$SRC"
: > "$A/state/status"
cat > "$A/etc/sources.list" <<EOS
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR $SUITE main
EOS
APT_OPTS=(-o Dir::Etc="$A/etc" -o Dir::Etc::sourcelist="$A/etc/sources.list"
	-o Dir::Etc::sourceparts=- -o Dir::Etc::parts="$A/etc/apt.conf.d"
	-o Dir::Etc::preferencesparts="$A/etc/preferences.d"
	-o Dir::State="$A/state" -o Dir::State::lists="$A/lists"
	-o Dir::State::status="$A/state/status" -o Dir::Cache="$A/cache"
	-o APT::Architecture=amd64 -o Acquire::Languages=none
	-o Debug::NoLocking=1 -o APT::Sandbox::User=root)

echo "fetch-kernel: updating private package lists for $SUITE" >&2
apt-get "${APT_OPTS[@]}" -qq update >&2 || die "apt-get update of $SUITE failed"
VER=$(apt-cache "${APT_OPTS[@]}" show "$PKG" 2>/dev/null | sed -n 's/^Version: //p' | head -n1)
[ -n "$VER" ] || die "package $PKG not found in $SUITE"

echo "fetch-kernel: downloading $PKG $VER" >&2
(cd "$SRC" && apt-get "${APT_OPTS[@]}" -qq download "$PKG=$VER" >&2) ||
	die "apt-get download $PKG=$VER failed"
DEB=$(ls "$SRC"/"${PKG}"_*.deb | head -n1)
rm -rf "$SRC/deb" "$SRC/linux"
dpkg-deb -x "$DEB" "$SRC/deb"
TARBALL=$(ls "$SRC"/deb/usr/src/linux-source-*.tar.* | head -n1)
[ -f "$TARBALL" ] || die "no source tarball in $DEB"

echo "fetch-kernel: unpacking $(basename "$TARBALL")" >&2
mkdir -p "$SRC/linux"
tar -xf "$TARBALL" -C "$SRC/linux" --strip-components=1
rm -rf "$SRC/deb" "$DEB"
echo "$PKG $VER" > "$SRC/.version"
echo "$SRC/linux"
