/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User memory for the KUnit suites that map what hmm_range_fault() finds
 * (dmavec_template's HMM cases, dmavec_odp).
 */
#ifndef _DMAVEC_KUNIT_USER_MEM_H
#define _DMAVEC_KUNIT_USER_MEM_H

#include <linux/mmu_notifier.h>
#include <linux/types.h>

struct kunit;

/* A notifier that only lets retries see an invalidation. */
extern const struct mmu_interval_notifier_ops user_mem_ops;

unsigned long user_mem_fill(struct kunit *test, size_t len, u8 **data);
int user_mem_fault(struct mmu_interval_notifier *mni, unsigned long addr,
		   size_t len, unsigned long *pfns, unsigned long flags);

#endif /* _DMAVEC_KUNIT_USER_MEM_H */
