/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SHIM_ASM_BYTEORDER_H
#define _SHIM_ASM_BYTEORDER_H
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the host tests assume a little-endian host"
#endif
#define cpu_to_le64(x) ((__le64)(x))
#define le64_to_cpu(x) ((u64)(x))
#endif
