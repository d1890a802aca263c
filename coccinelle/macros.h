/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Macros spatch cannot parse from their use alone, for the scripts of
 * coccinelle/ (spatch --macro-file coccinelle/macros.h). Each expands to
 * something of the same kind, not to its real definition: spatch only
 * needs to see where the construct ends.
 */

/*
 * "static DEF_SCSI_QCMD(name)" has no semicolon: followed by a function
 * whose return type is a keyword, spatch reads both as one declaration
 * and loses the function (3w-9xxx, atp870u).
 */
#define DEF_SCSI_QCMD(func_name) int func_name(void);
