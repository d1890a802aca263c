// SPDX-License-Identifier: GPL-2.0-only
/*
 * User memory for the KUnit suites that map what hmm_range_fault() finds.
 */
#include <linux/err.h>
#include <linux/hmm.h>
#include <linux/mman.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/uaccess.h>
#include <kunit/test.h>

#include "user_mem.h"

static bool user_mem_invalidate(struct mmu_interval_notifier *mni,
				const struct mmu_notifier_range *range,
				unsigned long cur_seq)
{
	mmu_interval_set_seq(mni, cur_seq);
	return true;
}

const struct mmu_interval_notifier_ops user_mem_ops = {
	.invalidate = user_mem_invalidate,
};

/**
 * user_mem_fill() - anonymous user memory holding random bytes
 * @test: the test; the mapping goes with it
 * @len: bytes, a multiple of PAGE_SIZE
 * @data: set to a kernel copy of the bytes (freed with the test)
 *
 * Return: the user address of the mapping, read-write and populated.
 */
unsigned long user_mem_fill(struct kunit *test, size_t len, u8 **data)
{
	unsigned long addr;

	*data = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, *data);
	get_random_bytes(*data, len);
	addr = kunit_vm_mmap(test, NULL, 0, len, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(addr) || !addr);
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)addr, *data, len), 0);
	return addr;
}

/**
 * user_mem_fault() - hmm_range_fault() of a range, retried until stable
 * @mni: an interval notifier covering the range
 * @addr: start of the range
 * @len: its length
 * @pfns: one entry per page, hmm_range_fault()'s output
 * @flags: HMM_PFN_REQ_* asked for every page (0: a snapshot)
 *
 * Return: hmm_range_fault()'s result, never -EBUSY.
 */
int user_mem_fault(struct mmu_interval_notifier *mni, unsigned long addr,
		   size_t len, unsigned long *pfns, unsigned long flags)
{
	struct hmm_range range = {
		.notifier = mni, .start = addr, .end = addr + len,
		.hmm_pfns = pfns, .default_flags = flags,
	};
	int ret;

	do {
		range.notifier_seq = mmu_interval_read_begin(mni);
		mmap_read_lock(current->mm);
		ret = hmm_range_fault(&range);
		mmap_read_unlock(current->mm);
	} while (ret == -EBUSY);
	return ret;
}
