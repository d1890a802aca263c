// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmavec_odp: RDMA on-demand paging (ib_umem_odp) against a real DMA
 * device: an ib_device, never registered, whose DMA device is QEMU's edu.
 * User memory is faulted in, each page's DMA address is checked the way
 * the device sees it and read through by the edu engine, a sub-range is
 * invalidated with MADV_DONTNEED, and the umem is released with nothing
 * left mapped. It measures the DMA state kept per page.
 *
 * The suite checks the ODP code the kernel has: 6.12's (a dma_addr_t and
 * a PFN per page, one mapping per page) until dmavec's conversion of it
 * (issue 7), which must pass the same checks.
 */
#include <linux/dma-mapping.h>
#include <linux/hmm.h>
#include <linux/mman.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>
#include <kunit/test.h>
#include <rdma/ib_umem_odp.h>
#include <rdma/ib_verbs.h>

#include "edu.h"

#define TODP_PAGES	16

struct todp {
	struct ib_device *ibdev;
	struct ib_umem_odp *odp;
	unsigned long addr;
	u8 *data;
	/* the span the last invalidation unmapped */
	unsigned long inv_start, inv_end;
};

/* As mlx5 does: unmap what the range covers, under the umem's mutex. */
static bool todp_invalidate(struct mmu_interval_notifier *mni,
			    const struct mmu_notifier_range *range,
			    unsigned long cur_seq)
{
	struct ib_umem_odp *odp = container_of(mni, struct ib_umem_odp, notifier);
	struct todp *t = odp->private;
	unsigned long start, end;

	if (!mmu_notifier_range_blockable(range))
		return false;
	mutex_lock(&odp->umem_mutex);
	mmu_interval_set_seq(mni, cur_seq);
	start = max_t(u64, ib_umem_start(odp), range->start);
	end = min_t(u64, ib_umem_end(odp), range->end);
	ib_umem_odp_unmap_dma_pages(odp, start, end);
	t->inv_start = start;
	t->inv_end = end;
	mutex_unlock(&odp->umem_mutex);
	return true;
}

static const struct mmu_interval_notifier_ops todp_ops = {
	.invalidate = todp_invalidate,
};

static void todp_release(void *p)
{
	struct todp *t = p;

	if (t->odp)
		ib_umem_odp_release(t->odp);
	t->odp = NULL;
}

static void todp_dealloc(void *ibdev)
{
	ib_dealloc_device(ibdev);
}

static struct todp *todp_setup(struct kunit *test, struct edu_dev *edu)
{
	size_t len = TODP_PAGES * PAGE_SIZE;
	struct todp *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->ibdev = _ib_alloc_device(sizeof(*t->ibdev));
	KUNIT_ASSERT_NOT_NULL(test, t->ibdev);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, todp_dealloc,
							t->ibdev), 0);
	t->ibdev->dma_device = edu_device(edu);
	t->data = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->data);
	get_random_bytes(t->data, len);
	t->addr = kunit_vm_mmap(test, NULL, 0, len, PROT_READ | PROT_WRITE,
				MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(t->addr) || !t->addr);
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)t->addr, t->data, len), 0);
	t->odp = ib_umem_odp_get(t->ibdev, t->addr, len,
				 IB_ACCESS_ON_DEMAND | IB_ACCESS_LOCAL_WRITE,
				 &todp_ops);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t->odp));
	t->odp->private = t;
	/* before the mm goes: actions run in reverse order */
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, todp_release, t), 0);
	return t;
}

/* Page @i of the umem as the device sees it: its own page, and its bytes. */
static void todp_expect_page(struct kunit *test, struct edu_dev *edu,
			     struct todp *t, unsigned long i, bool read)
{
	struct device *dev = edu_device(edu);
	struct page *page = hmm_pfn_to_page(t->odp->pfn_list[i]);
	dma_addr_t dma = ib_umem_odp_dma_addr(t->odp, i);
	u8 buf[64];

	KUNIT_EXPECT_TRUE_MSG(test, ib_umem_odp_mapped(t->odp, i), "page %lu", i);
	KUNIT_EXPECT_EQ_MSG(test, edu_dev_phys(dev, dma), page_to_phys(page),
			    "page %lu", i);
	KUNIT_EXPECT_EQ_MSG(test, edu_dev_phys(dev, dma + PAGE_SIZE - 1),
			    page_to_phys(page) + PAGE_SIZE - 1, "page %lu", i);
	if (!read)
		return;
	KUNIT_ASSERT_EQ(test, edu_read(edu, dma + 200, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, t->data + i * PAGE_SIZE + 200, sizeof(buf));
}

/*
 * Fault the umem in for read and write, check every page, invalidate pages
 * 4-6 with MADV_DONTNEED and check exactly those go, fault them back,
 * release; nothing stays mapped.
 */
static void odp_map_invalidate(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);
	struct device *dev = edu_device(edu);
	int before = edu_debug_entries(dev, NULL);
	struct todp *t;
	unsigned long i;
	int ret;

	if (edu_profile() == EDU_PROFILE_SWIOTLB)
		kunit_skip(test, "ODP through swiotlb: the device sees bounce pages");
	t = todp_setup(test, edu);
	ret = ib_umem_odp_map_dma_and_lock(t->odp, t->addr, TODP_PAGES * PAGE_SIZE,
					   ODP_READ_ALLOWED_BIT | ODP_WRITE_ALLOWED_BIT,
					   true);
	KUNIT_ASSERT_EQ(test, ret, TODP_PAGES);
	for (i = 0; i < TODP_PAGES; i++) {
		KUNIT_EXPECT_TRUE(test, ib_umem_odp_writable(t->odp, i));
		todp_expect_page(test, edu, t, i, i == 3 || i == TODP_PAGES - 1);
	}
	mutex_unlock(&t->odp->umem_mutex);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), before + TODP_PAGES);

	KUNIT_ASSERT_EQ(test, do_madvise(current->mm, t->addr + 4 * PAGE_SIZE,
					 3 * PAGE_SIZE, MADV_DONTNEED), 0);
	KUNIT_EXPECT_EQ(test, t->inv_start, t->addr + 4 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, t->inv_end, t->addr + 7 * PAGE_SIZE);
	mutex_lock(&t->odp->umem_mutex);
	for (i = 0; i < TODP_PAGES; i++) {
		if (i >= 4 && i < 7)
			KUNIT_EXPECT_FALSE_MSG(test, ib_umem_odp_mapped(t->odp, i),
					       "page %lu", i);
		else
			todp_expect_page(test, edu, t, i, false);
	}
	mutex_unlock(&t->odp->umem_mutex);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), before + TODP_PAGES - 3);

	/* faulted back: fresh zero pages */
	memset(t->data + 4 * PAGE_SIZE, 0, 3 * PAGE_SIZE);
	ret = ib_umem_odp_map_dma_and_lock(t->odp, t->addr + 4 * PAGE_SIZE,
					   3 * PAGE_SIZE,
					   ODP_READ_ALLOWED_BIT | ODP_WRITE_ALLOWED_BIT,
					   true);
	KUNIT_ASSERT_EQ(test, ret, 3);
	todp_expect_page(test, edu, t, 5, true);
	mutex_unlock(&t->odp->umem_mutex);

	todp_release(t);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), before);
}

/* The DMA state ODP keeps per page, measured from its structures. */
static void odp_state_bytes(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);
	struct todp *t = todp_setup(test, edu);
	size_t per_page = sizeof(t->odp->pfn_list[0]) + sizeof(t->odp->dma_list[0]);

	kunit_info(test, "ODP DMA state: %zu bytes per page (pfn_list %zu, dma_list %zu)\n",
		   per_page, sizeof(t->odp->pfn_list[0]), sizeof(t->odp->dma_list[0]));
	KUNIT_EXPECT_LE(test, per_page, (size_t)16);
}

static struct kunit_case odp_cases[] = {
	KUNIT_CASE(odp_map_invalidate),
	KUNIT_CASE(odp_state_bytes),
	{}
};

static struct kunit_suite odp_suite = {
	.name = "dmavec_odp",
	.test_cases = odp_cases,
};

kunit_test_suite(odp_suite);
