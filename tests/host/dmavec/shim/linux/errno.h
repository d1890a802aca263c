/* SPDX-License-Identifier: GPL-2.0 */
/* the system's uapi errno values (E2BIG, EINVAL, ...) */
#include_next <linux/errno.h>
