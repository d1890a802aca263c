#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the lines of nvme-pci's data and metadata mapping code.

Prints, for pristine 6.12 and for the work tree, each mapping function (and
each hook or DEFINE_DMAVEC_MAPPER() of ours) with its line count, from its
first line to its closing brace, blank lines and comments included, and the
totals. The lists name what maps, describes (PRP/SGL) and unmaps data and
metadata; setup, submission and completion code common to both is left out.

    scripts/nvme-map-lines.py [--stock FILE] [--patched FILE]
"""
import argparse
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREE = os.path.join(os.environ.get("BUILD", os.path.join(REPO, "build")), "tree")

STOCK = {
    "data": ["nvme_pci_use_sgls", "nvme_free_prps", "nvme_unmap_data",
             "nvme_print_sgl", "nvme_pci_setup_prps", "nvme_pci_sgl_set_data",
             "nvme_pci_sgl_set_seg", "nvme_pci_setup_sgls",
             "nvme_setup_prp_simple", "nvme_setup_sgl_simple", "nvme_map_data"],
    "metadata": ["nvme_pci_metadata_use_sgls", "nvme_pci_setup_meta_sgls",
                 "nvme_pci_setup_meta_mptr", "nvme_map_metadata",
                 "nvme_unmap_metadata"],
}
PATCHED = {
    "data": ["nvme_pci_use_sgls", "nvme_free_prps", "nvme_free_lists",
             "nvme_unmap_data", "struct nvme_map_ctx", "nvme_prp_geometry",
             "nvme_prp_list", "nvme_prp_set", "DEFINE_DMAVEC_MAPPER(nvme_prp",
             "nvme_pci_sgl_set_data", "nvme_pci_sgl_set_seg", "NVME_SMALL_SGES",
             "nvme_sgl_geometry", "nvme_sgl_entry", "nvme_sgl_chain",
             "nvme_sgl_end", "DEFINE_DMAVEC_MAPPER(nvme_sgl,",
             "nvme_map_status", "nvme_map_data"],
    "metadata": ["nvme_pci_metadata_use_sgls",
                 "DEFINE_DMAVEC_MAPPER(nvme_meta_mptr",
                 "nvme_meta_sgl_geometry", "nvme_meta_sgl_entry",
                 "nvme_meta_sgl_chain", "nvme_meta_sgl_end",
                 "DEFINE_DMAVEC_MAPPER(nvme_meta_sgl", "nvme_map_metadata",
                 "nvme_unmap_metadata"],
}


def span(lines, name):
    """Lines of the definition of name: with its leading comment block."""
    if name.startswith(("DEFINE_", "#define", "NVME_")):
        pat = re.compile(re.escape(name) if not name.startswith("NVME_")
                         else r"^#define " + re.escape(name) + r"\b")
    elif name.startswith("struct "):
        pat = re.compile(r"^" + re.escape(name) + r" \{")
    else:
        pat = re.compile(r"^(static |const |struct |void |bool |int |blk_status_t )"
                         r"[^;=]*\b" + re.escape(name) + r"(\(| =)")
    for i, l in enumerate(lines):
        if pat.search(l) if name.startswith(("DEFINE_", "NVME_")) else pat.match(l):
            start = i
            while start > 0 and lines[start - 1].strip().startswith(("/*", "*", "*/")):
                start -= 1
            end = i
            if not name.startswith(("DEFINE_", "NVME_")):
                while not lines[end].startswith(("}", "};")):
                    end += 1
            return end - start + 1
    sys.exit(f"nvme-map-lines: {name} not found")


def count(path, groups, label):
    with open(path) as f:
        lines = f.read().split("\n")
    total = 0
    print(f"{label}: {os.path.relpath(path, REPO) if path.startswith(REPO) else path}")
    for g, names in groups.items():
        sub = 0
        for n in names:
            c = span(lines, n)
            sub += c
            print(f"  {g:8} {c:4}  {n}")
        print(f"  {g:8} {sub:4}  total in {len(names)} definitions")
        total += sub
    print(f"  {'all':8} {total:4}")
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stock", help="pristine pci.c (default: the tree's baseline)")
    ap.add_argument("--patched", default=os.path.join(TREE, "drivers/nvme/host/pci.c"))
    args = ap.parse_args()
    stock = args.stock
    if not stock:
        stock = "/tmp/nvme-pci-stock.c"
        with open(stock, "w") as f:
            f.write(subprocess.run(["git", "-C", TREE, "show",
                                    "baseline:drivers/nvme/host/pci.c"],
                                   check=True, capture_output=True, text=True).stdout)
    a = count(stock, STOCK, "6.12")
    b = count(args.patched, PATCHED, "dmavec")
    print(f"6.12 {a} lines, dmavec {b} lines ({b - a:+d})")


if __name__ == "__main__":
    main()
