// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmavec_odp: RDMA on-demand paging (ib_umem_odp) against a real DMA
 * device: an ib_device, never registered, whose DMA device is QEMU's edu.
 * User memory is faulted in, each page's DMA address is checked the way
 * the device sees it and read through by the edu engine, a sub-range is
 * invalidated with MADV_DONTNEED, and the umem is released with nothing
 * left mapped. It measures the DMA state kept per page.
 *
 * With dmavec's conversion (patch 0024) a umem behind a DMA IOMMU domain
 * is one IOVA range, page i at base + i pages, and the state per page is
 * one word; a device that would bounce is refused.
 */
#include <linux/dma-mapping.h>
#include <linux/hmm.h>
#include <linux/mman.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>
#include <kunit/test.h>
#include <rdma/ib_umem_odp.h>
#include <rdma/ib_verbs.h>

#include "edu.h"
#include "user_mem.h"

#define TODP_PAGES	16

struct todp {
	struct ib_device *ibdev;
	struct ib_umem_odp *odp;
	unsigned long addr;
	u8 *data;
	/* the span the invalidations unmapped, since reset to ULONG_MAX, 0 */
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
	/* the span of every invalidation since the test reset it */
	t->inv_start = min(t->inv_start, start);
	t->inv_end = max(t->inv_end, end);
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

static struct todp *todp_setup(struct kunit *test, struct edu_dev *edu,
			       int *err)
{
	size_t len = TODP_PAGES * PAGE_SIZE;
	struct todp *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	if (!err && edu_profile() == EDU_PROFILE_SWIOTLB)
		kunit_skip(test, "ODP refuses bounce buffers (odp_refuse_bounce)");
	t->ibdev = _ib_alloc_device(sizeof(*t->ibdev));
	KUNIT_ASSERT_NOT_NULL(test, t->ibdev);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, todp_dealloc,
							t->ibdev), 0);
	t->ibdev->dma_device = edu_device(edu);
	t->addr = user_mem_fill(test, len, &t->data);
	t->odp = ib_umem_odp_get(t->ibdev, t->addr, len,
				 IB_ACCESS_ON_DEMAND | IB_ACCESS_LOCAL_WRITE,
				 &todp_ops);
	if (err && IS_ERR(t->odp)) {
		*err = PTR_ERR(t->odp);
		return NULL;
	}
	KUNIT_ASSERT_FALSE(test, IS_ERR(t->odp));
	t->odp->private = t;
	/* before the mm goes: actions run in reverse order */
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, todp_release, t), 0);
	return t;
}

/*
 * The page backing user page @i, as the CPU's page tables have it. Not
 * under umem_mutex: the notifier takes it under mmap_lock.
 */
static phys_addr_t todp_user_phys(struct kunit *test, struct todp *t,
				  unsigned long i)
{
	struct page *page;
	phys_addr_t phys;

	KUNIT_ASSERT_EQ(test, get_user_pages_fast(t->addr + i * PAGE_SIZE, 1, 0,
						  &page), 1);
	phys = page_to_phys(page);
	put_page(page);
	return phys;
}

/* Page @i of the umem as the device sees it: @phys, and its bytes. */
static void todp_expect_page(struct kunit *test, struct edu_dev *edu,
			     struct todp *t, unsigned long i, phys_addr_t phys,
			     bool read)
{
	struct device *dev = edu_device(edu);
	dma_addr_t dma = ib_umem_odp_dma_addr(t->odp, i);
	u8 buf[64];

	KUNIT_EXPECT_TRUE_MSG(test, ib_umem_odp_mapped(t->odp, i), "page %lu", i);
	KUNIT_EXPECT_EQ_MSG(test, edu_dev_phys(dev, dma), phys, "page %lu", i);
	KUNIT_EXPECT_EQ_MSG(test, edu_dev_phys(dev, dma + PAGE_SIZE - 1),
			    phys + PAGE_SIZE - 1, "page %lu", i);
	/* behind an IOMMU, page i at a fixed place in the umem's one range */
	if (dma_use_iova(&t->odp->map.state))
		KUNIT_EXPECT_EQ_MSG(test, dma, t->odp->map.state.addr + i * PAGE_SIZE,
				    "page %lu", i);
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
	int before = edu_debug_entries(dev, NULL), reserved;
	phys_addr_t phys[TODP_PAGES];
	struct todp *t;
	unsigned long i;
	int ret;

	t = todp_setup(test, edu, NULL);
	KUNIT_EXPECT_EQ(test, dma_use_iova(&t->odp->map.state),
			edu_profile() == EDU_PROFILE_STRICT ||
			edu_profile() == EDU_PROFILE_LAZY);
	/* the umem's IOVA reservation, if any, is one dma-debug entry */
	reserved = edu_debug_entries(dev, NULL);
	for (i = 0; i < TODP_PAGES; i++)
		phys[i] = todp_user_phys(test, t, i);
	ret = ib_umem_odp_map_dma_and_lock(t->odp, t->addr, TODP_PAGES * PAGE_SIZE,
					   ODP_READ_ALLOWED_BIT | ODP_WRITE_ALLOWED_BIT,
					   true);
	KUNIT_ASSERT_EQ(test, ret, TODP_PAGES);
	for (i = 0; i < TODP_PAGES; i++) {
		KUNIT_EXPECT_TRUE(test, ib_umem_odp_writable(t->odp, i));
		todp_expect_page(test, edu, t, i, phys[i], i == 3 || i == TODP_PAGES - 1);
	}
	KUNIT_EXPECT_EQ(test, t->odp->npages, TODP_PAGES);
	mutex_unlock(&t->odp->umem_mutex);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), reserved + TODP_PAGES);

	t->inv_start = ULONG_MAX;
	t->inv_end = 0;
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
			todp_expect_page(test, edu, t, i, phys[i], false);
	}
	KUNIT_EXPECT_EQ(test, t->odp->npages, TODP_PAGES - 3);
	mutex_unlock(&t->odp->umem_mutex);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), reserved + TODP_PAGES - 3);

	/* faulted back: fresh zero pages */
	memset(t->data + 4 * PAGE_SIZE, 0, 3 * PAGE_SIZE);
	ret = ib_umem_odp_map_dma_and_lock(t->odp, t->addr + 4 * PAGE_SIZE,
					   3 * PAGE_SIZE,
					   ODP_READ_ALLOWED_BIT | ODP_WRITE_ALLOWED_BIT,
					   true);
	KUNIT_ASSERT_EQ(test, ret, 3);
	mutex_unlock(&t->odp->umem_mutex);
	phys[5] = todp_user_phys(test, t, 5);
	mutex_lock(&t->odp->umem_mutex);
	todp_expect_page(test, edu, t, 5, phys[5], true);
	mutex_unlock(&t->odp->umem_mutex);

	todp_release(t);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), before);
}

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
/*
 * A transparent huge page in the umem: its 512 pages map (each translating
 * to its part of the huge page), and an invalidation of one 4 KiB page
 * (which splits it) unmaps exactly the span the notifier was given.
 */
static void odp_thp(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);
	struct device *dev = edu_device(edu);
	const unsigned long n = HPAGE_PMD_NR;
	unsigned long base, addr, i, pfn = 0;
	struct mmu_interval_notifier mni;
	struct todp *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct ib_umem_odp *odp;
	int before;

	KUNIT_ASSERT_NOT_NULL(test, t);
	if (edu_profile() == EDU_PROFILE_SWIOTLB)
		kunit_skip(test, "ODP refuses bounce buffers (odp_refuse_bounce)");
	base = kunit_vm_mmap(test, NULL, 0, 2 * HPAGE_PMD_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(base) || !base);
	addr = ALIGN(base, HPAGE_PMD_SIZE);
	KUNIT_ASSERT_EQ(test, do_madvise(current->mm, addr, HPAGE_PMD_SIZE,
					 MADV_HUGEPAGE), 0);
	KUNIT_ASSERT_EQ(test, clear_user((void __user *)addr, HPAGE_PMD_SIZE), 0);
	/* a look at the page tables: was a huge page given? */
	KUNIT_ASSERT_EQ(test, mmu_interval_notifier_insert(&mni, current->mm, addr,
							   PAGE_SIZE, &user_mem_ops), 0);
	KUNIT_ASSERT_EQ(test, user_mem_fault(&mni, addr, PAGE_SIZE, &pfn,
					     HMM_PFN_REQ_FAULT), 0);
	mmu_interval_notifier_remove(&mni);
	if (hmm_pfn_to_map_order(pfn) != HPAGE_PMD_ORDER)
		kunit_skip(test, "no huge page was given (order %u)",
			   hmm_pfn_to_map_order(pfn));

	t->ibdev = _ib_alloc_device(sizeof(*t->ibdev));
	KUNIT_ASSERT_NOT_NULL(test, t->ibdev);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, todp_dealloc, t->ibdev), 0);
	t->ibdev->dma_device = dev;
	t->addr = addr;
	before = edu_debug_entries(dev, NULL);
	odp = ib_umem_odp_get(t->ibdev, addr, HPAGE_PMD_SIZE,
			      IB_ACCESS_ON_DEMAND | IB_ACCESS_LOCAL_WRITE, &todp_ops);
	KUNIT_ASSERT_FALSE(test, IS_ERR(odp));
	odp->private = t;
	t->odp = odp;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, todp_release, t), 0);
	KUNIT_ASSERT_EQ(test, ib_umem_odp_map_dma_and_lock(odp, addr, HPAGE_PMD_SIZE,
							   ODP_READ_ALLOWED_BIT |
							   ODP_WRITE_ALLOWED_BIT, true),
			(int)n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_TRUE(test, ib_umem_odp_mapped(odp, i));
		KUNIT_EXPECT_EQ_MSG(test, edu_dev_phys(dev, ib_umem_odp_dma_addr(odp, i)),
				    page_to_phys(hmm_pfn_to_page(pfn)) + i * PAGE_SIZE,
				    "page %lu", i);
	}
	mutex_unlock(&odp->umem_mutex);

	t->inv_start = ULONG_MAX;
	t->inv_end = 0;
	KUNIT_ASSERT_EQ(test, do_madvise(current->mm, addr + 100 * PAGE_SIZE, PAGE_SIZE,
					 MADV_DONTNEED), 0);
	KUNIT_EXPECT_LE(test, t->inv_start, addr + 100 * PAGE_SIZE);
	KUNIT_EXPECT_GE(test, t->inv_end, addr + 101 * PAGE_SIZE);
	mutex_lock(&odp->umem_mutex);
	for (i = 0; i < n; i++) {
		unsigned long va = addr + i * PAGE_SIZE;

		KUNIT_EXPECT_EQ_MSG(test, ib_umem_odp_mapped(odp, i),
				    va < t->inv_start || va >= t->inv_end, "page %lu", i);
	}
	mutex_unlock(&odp->umem_mutex);
	kunit_info(test, "a 4 KiB MADV_DONTNEED in the huge page invalidated %lu pages\n",
		   (t->inv_end - t->inv_start) >> PAGE_SHIFT);
	todp_release(t);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), before);
}
#else
static void odp_thp(struct kunit *test)
{
	kunit_skip(test, "no transparent huge pages");
}
#endif

/*
 * The access asked for: a read fault maps for read only, a write fault
 * upgrades in place (same DMA address, no new mapping), and a later read
 * fault does not take write access away. On a read-only mapping, a write
 * fault fails and maps nothing.
 */
static void odp_access(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);
	struct device *dev = edu_device(edu);
	struct ib_umem_odp *ro;
	unsigned long i, ro_addr;
	struct todp *t;
	dma_addr_t dma2;
	int mapped, before;

	t = todp_setup(test, edu, NULL);
	KUNIT_ASSERT_EQ(test, ib_umem_odp_map_dma_and_lock(t->odp, t->addr,
							   TODP_PAGES * PAGE_SIZE,
							   ODP_READ_ALLOWED_BIT, true),
			TODP_PAGES);
	for (i = 0; i < TODP_PAGES; i++) {
		KUNIT_EXPECT_TRUE(test, ib_umem_odp_mapped(t->odp, i));
		KUNIT_EXPECT_FALSE(test, ib_umem_odp_writable(t->odp, i));
	}
	dma2 = ib_umem_odp_dma_addr(t->odp, 2);
	mutex_unlock(&t->odp->umem_mutex);
	mapped = edu_debug_entries(dev, NULL);

	KUNIT_ASSERT_EQ(test, ib_umem_odp_map_dma_and_lock(t->odp, t->addr,
							   TODP_PAGES * PAGE_SIZE,
							   ODP_READ_ALLOWED_BIT |
							   ODP_WRITE_ALLOWED_BIT, true),
			TODP_PAGES);
	for (i = 0; i < TODP_PAGES; i++)
		KUNIT_EXPECT_TRUE(test, ib_umem_odp_writable(t->odp, i));
	KUNIT_EXPECT_EQ(test, ib_umem_odp_dma_addr(t->odp, 2), dma2);
	mutex_unlock(&t->odp->umem_mutex);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), mapped);

	KUNIT_ASSERT_EQ(test, ib_umem_odp_map_dma_and_lock(t->odp, t->addr, PAGE_SIZE,
							   ODP_READ_ALLOWED_BIT, true), 1);
	KUNIT_EXPECT_TRUE(test, ib_umem_odp_writable(t->odp, 0));
	mutex_unlock(&t->odp->umem_mutex);

	/*
	 * A read-only mapping (one page: it reads the shared zero page, which
	 * dma-debug would see mapped twice otherwise): a write fault fails,
	 * a read maps it.
	 */
	ro_addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ,
				MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(ro_addr) || !ro_addr);
	before = edu_debug_entries(dev, NULL);
	ro = ib_umem_odp_get(t->ibdev, ro_addr, PAGE_SIZE, IB_ACCESS_ON_DEMAND,
			     &todp_ops);
	KUNIT_ASSERT_FALSE(test, IS_ERR(ro));
	ro->private = t;
	mapped = edu_debug_entries(dev, NULL);
	KUNIT_EXPECT_LT(test, ib_umem_odp_map_dma_and_lock(ro, ro_addr, PAGE_SIZE,
							   ODP_READ_ALLOWED_BIT |
							   ODP_WRITE_ALLOWED_BIT, true), 0);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), mapped);
	KUNIT_ASSERT_EQ(test, ib_umem_odp_map_dma_and_lock(ro, ro_addr, PAGE_SIZE,
							   ODP_READ_ALLOWED_BIT, true), 1);
	KUNIT_EXPECT_TRUE(test, ib_umem_odp_mapped(ro, 0));
	KUNIT_EXPECT_FALSE(test, ib_umem_odp_writable(ro, 0));
	mutex_unlock(&ro->umem_mutex);
	ib_umem_odp_release(ro);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, NULL), before);
}

/*
 * The DMA state ODP keeps per page, measured from its structures: the PFN
 * word, plus an address per page without IOVA; the map itself (the IOVA
 * reservation's state) is once per umem. 6.12 kept 16 bytes per page (a
 * PFN and a dma_addr_t).
 */
static void odp_state_bytes(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);
	struct todp *t = todp_setup(test, edu, NULL);
	struct dmavec_hmm_map *map = &t->odp->map;
	size_t pages = map->nr << map->order;
	size_t per_page = (pages * sizeof(map->pfns[0]) +
			   (map->addrs ? map->nr * sizeof(map->addrs[0]) : 0)) / pages;

	kunit_info(test, "ODP DMA state: %zu bytes per page (%s), plus %zu per umem (6.12: 16 per page)\n",
		   per_page, map->addrs ? "PFN word and address" : "PFN word, one IOVA range",
		   sizeof(*map));
	KUNIT_EXPECT_LE(test, per_page, dma_use_iova(&map->state) ? (size_t)8 : (size_t)16);
}

/* A device that would see bounce pages is refused (swiotlb profile). */
static void odp_refuse_bounce(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);
	int err = 0;

	if (edu_profile() != EDU_PROFILE_SWIOTLB)
		kunit_skip(test, "no bounce buffers in this profile");
	KUNIT_EXPECT_NULL(test, todp_setup(test, edu, &err));
	KUNIT_EXPECT_EQ(test, err, -EOPNOTSUPP);
}

static struct kunit_case odp_cases[] = {
	KUNIT_CASE(odp_map_invalidate),
	KUNIT_CASE(odp_access),
	KUNIT_CASE(odp_thp),
	KUNIT_CASE(odp_state_bytes),
	KUNIT_CASE(odp_refuse_bounce),
	{}
};

static struct kunit_suite odp_suite = {
	.name = "dmavec_odp",
	.test_cases = odp_cases,
};

kunit_test_suite(odp_suite);
