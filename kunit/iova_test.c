// SPDX-License-Identifier: GPL-2.0-only
/*
 * dma_iova: the two-step IOVA primitives, checked the way a device sees them.
 *
 * A request of N physical ranges is reserved, linked and synced (or, where
 * dma_alloc_iova() says IOVA cannot be used, mapped range by range with
 * dma_map_phys(): the same test body runs in every IOMMU profile). Every
 * range's first and last byte must translate to its physical address, the
 * edu DMA engine must read the right bytes through a sample of the returned
 * addresses and write through one, and after teardown nothing may stay
 * mapped. dma_iova_errors feeds the API bad input and injected failures.
 */
#include <linux/dma-mapping.h>
#include <linux/fault-inject.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/swiotlb.h>
#include <kunit/test.h>
#include <kunit/visibility.h>

#include "../debug.h"
#include "edu.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static bool profile_has_iova(void)
{
	return edu_profile() == EDU_PROFILE_STRICT ||
	       edu_profile() == EDU_PROFILE_LAZY;
}

static struct iommu_domain *dma_domain(struct device *dev)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);

	return dom && iommu_is_dma_domain(dom) ? dom : NULL;
}

static u32 debug_errors(void)
{
	return IS_ENABLED(CONFIG_DMA_API_DEBUG) ? dma_debug_error_count() : 0;
}

/*
 * Provoke a dma-debug report on purpose: the harness ignores the splat
 * between the markers and accepts the errors announced here, and the test
 * asserts that exactly @n were reported.
 */
#define EXPECT_DEBUG_ERRORS(test, n, stmt) do {				\
	u32 __before = debug_errors();					\
									\
	pr_info("dmavec: expect splat begin\n");			\
	stmt;								\
	pr_info("dmavec: expect splat end\n");				\
	if (IS_ENABLED(CONFIG_DMA_API_DEBUG)) {				\
		KUNIT_EXPECT_EQ(test, debug_errors() - __before, (u32)(n)); \
		pr_info("dmavec: expected DMA-API errors %u\n",		\
			debug_errors() - __before);			\
	}								\
} while (0)

/* No byte of [iova, iova + len) may translate any more. */
static void expect_unmapped(struct kunit *test, struct device *dev,
			    dma_addr_t iova, size_t len)
{
	struct iommu_domain *dom = dma_domain(dev);
	size_t off;

	if (!dom)
		return;
	for (off = 0; off < len; off += PAGE_SIZE - offset_in_page(iova + off))
		KUNIT_EXPECT_EQ_MSG(test, iommu_iova_to_phys(dom, iova + off), 0,
				    "iova %pad + %#zx still mapped", &iova, off);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, iova + len - 1), 0);
}

/* ------------------------------------------------------------------ */
/* A request: nr ranges, each in its own page(s), filled with random bytes. */

struct req {
	unsigned int nr;
	struct page **pages;
	unsigned int order;	/* of each block */
	phys_addr_t *phys;
	size_t *len;
	dma_addr_t *dma;
	size_t total;
	struct dma_iova_state state;
	bool iova;
};

struct req_case {
	const char *name;
	unsigned int nr;
	unsigned int first_off;	/* offset of range 0 in its page */
	size_t first_len;	/* 0: to the end of its block */
	size_t last_len;	/* of range nr - 1 when nr > 1; 0: a page */
	unsigned int order;	/* block order, for one large range */
};

static const struct req_case req_cases[] = {
	{ "1 byte at 0",		1,	0,	1 },
	{ "1 byte at 4095",		1,	4095,	1 },
	{ "page at 120",		1,	120,	PAGE_SIZE - 120 },
	{ "1 MiB contiguous",		1,	0,	SZ_1M,	0,	8 },
	{ "2 MiB block (superpage)",	1,	0,	SZ_2M,	0,	9 },
	{ "2 ranges at 0x650",		2,	0x650,	0,	1000 },
	{ "16 ranges at 1",		16,	1,	0,	PAGE_SIZE },
	{ "256 x 4 KiB",		256,	0,	0,	0 },
	{ "256 ranges at 4095",		256,	4095,	0,	17 },
	{ "600 x 4 KiB over 2 MiB",	600,	0,	0,	0 },
};

static void req_desc(const struct req_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(req, req_cases, req_desc);

static void req_free(struct req *r)
{
	unsigned int i;

	for (i = 0; i < r->nr; i++)
		if (r->pages[i])
			__free_pages(r->pages[i], r->order);
}

static void req_free_action(void *r)
{
	req_free(r);
}

static struct req *req_alloc(struct kunit *test, const struct req_case *c)
{
	size_t block = PAGE_SIZE << c->order;
	struct req *r;
	unsigned int i;

	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	r->nr = c->nr;
	r->order = c->order;
	r->pages = kunit_kcalloc(test, c->nr, sizeof(*r->pages), GFP_KERNEL);
	r->phys = kunit_kcalloc(test, c->nr, sizeof(*r->phys), GFP_KERNEL);
	r->len = kunit_kcalloc(test, c->nr, sizeof(*r->len), GFP_KERNEL);
	r->dma = kunit_kcalloc(test, c->nr, sizeof(*r->dma), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, r->pages && r->phys && r->len && r->dma);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, req_free_action,
							r), 0);

	for (i = 0; i < c->nr; i++) {
		size_t off = i ? 0 : c->first_off;

		r->pages[i] = alloc_pages(GFP_KERNEL, c->order);
		KUNIT_ASSERT_NOT_NULL(test, r->pages[i]);
		r->phys[i] = page_to_phys(r->pages[i]) + off;
		if (i == 0 && c->first_len)
			r->len[i] = c->first_len;
		else if (i && i == c->nr - 1 && c->last_len)
			r->len[i] = c->last_len;
		else
			r->len[i] = block - off;
		get_random_bytes(page_address(r->pages[i]) + off, r->len[i]);
		r->total += r->len[i];
	}
	return r;
}

static void *req_cpu(struct req *r, unsigned int i)
{
	return phys_to_virt(r->phys[i]);
}

/*
 * Map the request: reserve + link + one sync where IOVA can be used,
 * otherwise one dma_map_phys() per range. Return how many ranges mapped.
 */
static unsigned int req_map(struct kunit *test, struct device *dev,
			    struct req *r, enum dma_data_direction dir)
{
	size_t off = 0;
	unsigned int i;

	r->iova = dma_alloc_iova(dev, &r->state, r->phys[0], r->total);
	KUNIT_EXPECT_EQ_MSG(test, r->iova, profile_has_iova(),
			    "dma_alloc_iova in profile %s", edu_profile_name());
	KUNIT_EXPECT_EQ(test, r->state.error, 0);

	/* Per-range mapping has the device's limit; a caller splits there. */
	for (i = 0; !r->iova && i < r->nr; i++)
		if (r->len[i] > dma_max_mapping_size(dev))
			kunit_skip(test, "range of %zu over dma_max_mapping_size %zu",
				   r->len[i], dma_max_mapping_size(dev));

	for (i = 0; i < r->nr; off += r->len[i], i++) {
		if (r->iova)
			r->dma[i] = dma_link_range(dev, &r->state, r->phys[i],
						   off, r->len[i], dir, 0);
		else
			r->dma[i] = dma_map_phys(dev, r->phys[i], r->len[i],
						 dir, 0);
		if (dma_mapping_error(dev, r->dma[i]))
			break;
	}
	KUNIT_EXPECT_EQ(test, i, r->nr);
	if (r->iova && i == r->nr)
		KUNIT_EXPECT_EQ(test, dma_iova_sync(dev, &r->state, 0,
						    r->total), 0);
	return i;
}

static void req_unmap(struct device *dev, struct req *r, unsigned int mapped,
		      enum dma_data_direction dir)
{
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < mapped; i++)
		len += r->len[i];
	if (r->iova) {
		dma_iova_destroy(dev, &r->state, len, dir, 0);
		return;
	}
	for (i = 0; i < mapped; i++)
		dma_unmap_phys(dev, r->dma[i], r->len[i], dir, 0);
}

/*
 * The device reads range @i through its address: the head, and the tail of
 * a range too long for one transfer (a page's last byte is already checked
 * by translation).
 */
static void expect_device_reads(struct kunit *test, struct edu_dev *edu,
				struct req *r, unsigned int i, u8 *buf)
{
	u32 n = min_t(size_t, r->len[i], EDU_BUF_SIZE);
	size_t tail = r->len[i] - n;

	KUNIT_ASSERT_EQ(test, edu_read(edu, r->dma[i], buf, n), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, req_cpu(r, i), n);
	if (tail < EDU_BUF_SIZE)
		return;
	KUNIT_ASSERT_EQ(test, edu_read(edu, r->dma[i] + tail, buf, n), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, req_cpu(r, i) + tail, n);
}

/*
 * Link a request of N ranges and prove the mapping from the device's side:
 * translation of every range, bytes read through a sample of ranges, bytes
 * written through one, and nothing left mapped after teardown.
 */
static void dma_iova_link_request(struct kunit *test)
{
	const struct req_case *c = test->param_value;
	struct edu_dev *edu = edu_get(test);
	struct device *dev = edu_device(edu);
	int links_before = edu_debug_entries(dev, "iova-link");
	unsigned int i, mapped, sample[] = { 0, c->nr / 2, c->nr - 1 };
	u8 *buf, *pattern;
	size_t off = 0;
	struct req *r;

	buf = kunit_kmalloc(test, EDU_BUF_SIZE, GFP_KERNEL);
	pattern = kunit_kmalloc(test, EDU_BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, buf && pattern);
	r = req_alloc(test, c);

	mapped = req_map(test, dev, r, DMA_BIDIRECTIONAL);
	if (mapped < r->nr)
		goto unmap;

	for (i = 0; i < r->nr; off += r->len[i], i++) {
		if (r->iova)
			KUNIT_EXPECT_EQ(test, r->dma[i], r->state.addr + off);
		edu_expect_maps(test, dev, r->dma[i], r->phys[i], r->len[i]);
	}
	if (r->iova) {
		/* the first range's offset in the granule is kept */
		KUNIT_EXPECT_EQ(test, offset_in_page(r->state.addr),
				offset_in_page(r->phys[0]));
		KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"),
				links_before + (IS_ENABLED(CONFIG_DMA_API_DEBUG) ?
						r->nr : 0));
	}

	for (i = 0; i < ARRAY_SIZE(sample); i++)
		if (!i || sample[i] != sample[i - 1])
			expect_device_reads(test, edu, r, sample[i], buf);

	/* The device writes through the last range; the CPU sees it after. */
	get_random_bytes(pattern, EDU_BUF_SIZE);
	i = r->nr - 1;
	KUNIT_EXPECT_EQ(test, edu_write(edu, r->dma[i], pattern,
					min_t(size_t, r->len[i], EDU_BUF_SIZE)),
			0);
unmap:
	req_unmap(dev, r, mapped, DMA_BIDIRECTIONAL);
	if (mapped == r->nr) {
		i = r->nr - 1;
		KUNIT_EXPECT_MEMEQ(test, req_cpu(r, i), pattern,
				   min_t(size_t, r->len[i], EDU_BUF_SIZE));
	}
	for (i = 0; i < mapped; i++)
		expect_unmapped(test, dev, r->dma[i], r->len[i]);
	KUNIT_EXPECT_FALSE(test, dma_use_iova(&r->state));
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), links_before);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 0);
}

/* ------------------------------------------------------------------ */

static struct edu_dev *need_iova(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);

	if (!profile_has_iova())
		kunit_skip(test, "no DMA IOMMU domain in profile %s",
			   edu_profile_name());
	return edu;
}

static void free_page_action(void *page)
{
	__free_page(page);
}

static struct page *random_page(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_page_action,
							page), 0);
	get_random_bytes(page_address(page), PAGE_SIZE);
	return page;
}

/*
 * Unlink a range in the middle, check it is gone, link other memory there
 * and check the device reads the new bytes. QEMU's VT-d caches translations
 * until they are invalidated, so a missing flush on unlink reads stale data.
 */
static void dma_iova_unlink_relink(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct iommu_domain *dom = dma_domain(dev);
	struct dma_iova_state state;
	struct page *pages[8], *other = random_page(test);
	dma_addr_t addr, mid;
	unsigned int i;
	u8 *buf;

	buf = kunit_kmalloc(test, EDU_BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		pages[i] = random_page(test);

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state,
					       page_to_phys(pages[0]),
					       sizeof(pages) / sizeof(*pages) *
					       PAGE_SIZE));
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		addr = dma_link_range(dev, &state, page_to_phys(pages[i]),
				      i * PAGE_SIZE, PAGE_SIZE, DMA_TO_DEVICE,
				      0);
		KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, addr));
	}
	KUNIT_ASSERT_EQ(test, dma_iova_sync(dev, &state, 0,
					    ARRAY_SIZE(pages) * PAGE_SIZE), 0);

	mid = state.addr + 3 * PAGE_SIZE;
	KUNIT_ASSERT_EQ(test, edu_read(edu, mid, buf, 64), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, page_address(pages[3]), 64);

	dma_unlink_range(dev, &state, 3 * PAGE_SIZE, PAGE_SIZE, DMA_TO_DEVICE,
			 0);
	expect_unmapped(test, dev, mid, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, mid + PAGE_SIZE),
			page_to_phys(pages[4]));

	addr = dma_link_range(dev, &state, page_to_phys(other), 3 * PAGE_SIZE,
			      PAGE_SIZE, DMA_TO_DEVICE, 0);
	KUNIT_EXPECT_EQ(test, addr, mid);
	KUNIT_EXPECT_EQ(test, dma_iova_sync(dev, &state, 3 * PAGE_SIZE,
					    PAGE_SIZE), 0);
	KUNIT_ASSERT_EQ(test, edu_read(edu, mid, buf, 64), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, page_address(other), 64);

	dma_iova_destroy(dev, &state, ARRAY_SIZE(pages) * PAGE_SIZE,
			 DMA_TO_DEVICE, 0);
	expect_unmapped(test, dev, state.addr, ARRAY_SIZE(pages) * PAGE_SIZE);
}

/*
 * Destroy frees the whole reservation whatever was linked: the same size
 * allocated again on this CPU gets the same IOVA back from the per-CPU
 * cache in a strict domain, and a different one in a lazy domain, where
 * the IOVA waits in the flush queue until the IOTLB is flushed.
 */
static dma_addr_t alloc_destroy(struct kunit *test, struct device *dev,
				phys_addr_t phys, size_t size, size_t linked)
{
	struct dma_iova_state state;
	dma_addr_t addr;

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, phys, size));
	if (linked) {
		addr = dma_link_range(dev, &state, phys, 0, linked,
				      DMA_TO_DEVICE, 0);
		KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, addr));
		KUNIT_EXPECT_EQ(test, dma_iova_sync(dev, &state, 0, linked), 0);
	}
	addr = state.addr;
	dma_iova_destroy(dev, &state, linked, DMA_TO_DEVICE, 0);
	expect_unmapped(test, dev, addr, size);
	return addr;
}

static void dma_iova_destroy_frees(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	bool lazy = edu_profile() == EDU_PROFILE_LAZY;
	size_t size = 4 * PAGE_SIZE, linked;
	dma_addr_t a, b;

	KUNIT_ASSERT_NOT_NULL(test, page);
	for (linked = 0; linked <= size; linked += 2 * PAGE_SIZE) {
		migrate_disable();
		a = alloc_destroy(test, dev, page_to_phys(page), size, linked);
		b = alloc_destroy(test, dev, page_to_phys(page), size, 0);
		migrate_enable();
		if (lazy)
			KUNIT_EXPECT_NE_MSG(test, a, b, "linked %zu", linked);
		else
			KUNIT_EXPECT_EQ_MSG(test, a, b, "linked %zu", linked);
	}
	__free_pages(page, 2);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 0);
}

/* dma_map_phys() alone, in every profile, for RAM and for MMIO. */
static void dma_iova_map_phys(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);
	struct device *dev = edu_device(edu);
	struct pci_dev *pdev = to_pci_dev(dev);
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	phys_addr_t bar = pci_resource_start(pdev, 0);
	size_t len = 2 * PAGE_SIZE - 240;
	dma_addr_t addr;
	u8 *buf;

	buf = kunit_kmalloc(test, EDU_BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, page && buf);
	get_random_bytes(page_address(page), 2 * PAGE_SIZE);

	addr = dma_map_phys(dev, page_to_phys(page) + 120, len,
			    DMA_TO_DEVICE, 0);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, addr));
	edu_expect_maps(test, dev, addr, page_to_phys(page) + 120, len);
	KUNIT_EXPECT_EQ(test, edu_read(edu, addr + len - EDU_BUF_SIZE, buf,
				       EDU_BUF_SIZE), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, page_address(page) + 120 + len -
			   EDU_BUF_SIZE, EDU_BUF_SIZE);
	dma_unmap_phys(dev, addr, len, DMA_TO_DEVICE, 0);
	expect_unmapped(test, dev, addr, len);
	__free_pages(page, 1);

	/* MMIO: never bounced, so a device that must bounce cannot map it. */
	addr = dma_map_phys(dev, bar, PAGE_SIZE, DMA_BIDIRECTIONAL,
			    DMA_ATTR_MMIO);
	if (edu_profile() == EDU_PROFILE_SWIOTLB) {
		KUNIT_EXPECT_TRUE(test, dma_mapping_error(dev, addr));
		return;
	}
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, addr));
	if (dma_domain(dev))
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dma_domain(dev), addr),
				bar);
	else
		KUNIT_EXPECT_EQ(test, addr, (dma_addr_t)bar);
	dma_unmap_phys(dev, addr, PAGE_SIZE, DMA_BIDIRECTIONAL, DMA_ATTR_MMIO);
	expect_unmapped(test, dev, addr, PAGE_SIZE);
}

/*
 * PCI P2P kinds: the controller reaches its own CMB by bus address, which
 * never takes an IOVA; edu cannot reach it (q35's host bridge is not on the
 * P2P whitelist); RAM is RAM.
 */
static void dma_iova_p2p_kinds(struct kunit *test)
{
	struct device *dev = edu_device(edu_get(test));
	struct pci_dev *nvme = edu_p2p_provider(test);
	struct dma_iova_state state;
	phys_addr_t phys;
	u64 bus_off = 0;
	void *p2p;

	if (!nvme)
		return;
	p2p = pci_alloc_p2pmem(nvme, PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL(test, p2p);
	if (!p2p)
		goto out;
	phys = page_to_phys(virt_to_page(p2p));

	KUNIT_EXPECT_EQ(test, dma_range_kind(dev, page_to_phys(random_page(test)),
					     &bus_off), DMA_RANGE_RAM);
	KUNIT_EXPECT_EQ(test, dma_range_kind(&nvme->dev, phys, &bus_off),
			DMA_RANGE_P2P_BUS);
	KUNIT_EXPECT_EQ(test, phys + bus_off, pci_p2pmem_virt_to_bus(nvme, p2p));
	KUNIT_EXPECT_EQ(test, dma_range_kind(dev, phys, &bus_off), -EREMOTEIO);

	/* a bus address never goes through the IOMMU */
	KUNIT_EXPECT_FALSE(test, dma_alloc_iova(&nvme->dev, &state, phys,
						PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, state.error, -EINVAL);
	pci_free_p2pmem(nvme, p2p, PAGE_SIZE);
out:
	pci_dev_put(nvme);
}

/* In profiles with IOVA, an untrusted device still must not get it. */
static void dma_iova_untrusted_refused(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct pci_dev *pdev = to_pci_dev(dev);
	struct dma_iova_state state;
	bool got;

	pdev->untrusted = 1;
	got = dma_alloc_iova(dev, &state, 0x1000, PAGE_SIZE);
	pdev->untrusted = 0;
	KUNIT_EXPECT_FALSE(test, got);
	KUNIT_EXPECT_FALSE(test, dma_use_iova(&state));
	KUNIT_EXPECT_EQ(test, state.error, 0);
	if (got)
		dma_free_iova(dev, &state);
}

/*
 * VT-d links through its cursor (one walk per leaf table); the other
 * paths (superpages, first use of an address) fall back to a full map and
 * are covered by the request cases.
 */
static void dma_iova_vtd_link_op(struct kunit *test)
{
	struct device *dev = edu_device(need_iova(test));

	KUNIT_EXPECT_NOT_NULL(test, dma_domain(dev)->ops->link_pages);
	KUNIT_EXPECT_NOT_NULL(test, dma_domain(dev)->ops->link_flush);
}

static struct kunit_case dma_iova_cases[] = {
	KUNIT_CASE_PARAM(dma_iova_link_request, req_gen_params),
	KUNIT_CASE(dma_iova_unlink_relink),
	KUNIT_CASE(dma_iova_destroy_frees),
	KUNIT_CASE(dma_iova_map_phys),
	KUNIT_CASE(dma_iova_untrusted_refused),
	KUNIT_CASE(dma_iova_vtd_link_op),
	KUNIT_CASE(dma_iova_p2p_kinds),
	{ }
};

static struct kunit_suite dma_iova_suite = {
	.name = "dma_iova",
	.test_cases = dma_iova_cases,
};

/* ------------------------------------------------------------------ */
/* Bad input and failures: exact errors, and nothing left mapped. */

static void dma_iova_bad_size(struct kunit *test)
{
	struct device *dev = edu_device(edu_get(test));
	static const size_t sizes[] = { 0, SIZE_MAX, SIZE_MAX / 2 + 1 };
	struct dma_iova_state state;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		memset(&state, 0xff, sizeof(state));	/* stale garbage */
		KUNIT_EXPECT_FALSE(test, dma_alloc_iova(dev, &state, 0x650,
							sizes[i]));
		KUNIT_EXPECT_FALSE(test, dma_use_iova(&state));
		KUNIT_EXPECT_EQ_MSG(test, state.error, -EINVAL, "size %zu",
				    sizes[i]);
	}
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 0);

	/* Not representable but not absurd: the IOVA allocator says no. */
	if (profile_has_iova()) {
		KUNIT_EXPECT_FALSE(test, dma_alloc_iova(dev, &state, 0x650,
							SIZE_MAX / 2));
		KUNIT_EXPECT_EQ(test, state.error, -ENOMEM);
		KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 0);
	}
}

/*
 * Every layout rule, each refused with -EINVAL and the refused IOVA left
 * unmapped, the first range's link intact, and the error sticking to sync.
 */
static void dma_iova_link_refusals(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct iommu_domain *dom = dma_domain(dev);
	struct page *a = random_page(test), *b = random_page(test);
	phys_addr_t pa = page_to_phys(a) + 0x650, pb = page_to_phys(b);
	size_t first = PAGE_SIZE - 0x650, size = first + 2 * PAGE_SIZE;
	struct dma_iova_state state;
	struct {
		const char *what;
		phys_addr_t phys;
		size_t offset, size;
		unsigned long attrs;
	} bad[] = {
		{ "first range at another granule offset", pa - 0x50, 0, 16 },
		{ "second range off a granule", pb + 8, first, 64 },
		{ "middle range ends off a granule", pb, first, 100 },
		{ "past the reservation", pb, first + PAGE_SIZE, PAGE_SIZE + 1 },
		{ "offset past the end", pb, size, 1 },
		{ "zero length", pb, first, 0 },
		{ "MMIO after RAM", pci_resource_start(to_pci_dev(dev), 0),
		  first, PAGE_SIZE, DMA_ATTR_MMIO },
	};
	dma_addr_t addr;
	unsigned int i;

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, pa, size));
	KUNIT_EXPECT_EQ(test, offset_in_page(state.addr), 0x650);
	addr = dma_link_range(dev, &state, pa, 0, first, DMA_TO_DEVICE, 0);
	KUNIT_ASSERT_EQ(test, addr, state.addr);

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		state.error = 0;
		addr = dma_link_range(dev, &state, bad[i].phys, bad[i].offset,
				      bad[i].size, DMA_TO_DEVICE,
				      bad[i].attrs);
		KUNIT_EXPECT_EQ_MSG(test, addr, DMA_MAPPING_ERROR, "%s",
				    bad[i].what);
		KUNIT_EXPECT_EQ_MSG(test, state.error, -EINVAL, "%s",
				    bad[i].what);
		if (bad[i].offset >= first && bad[i].offset < size)
			expect_unmapped(test, dev, state.addr + bad[i].offset,
					min(bad[i].size ?: 1,
					    size - bad[i].offset));
	}
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, state.addr), pa);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, state.addr + first - 1),
			pa + first - 1);

	dma_iova_destroy(dev, &state, first, DMA_TO_DEVICE, 0);
	expect_unmapped(test, dev, state.addr, size);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 0);
}

/*
 * dma_link_ranges(): a batch links like the single calls, and a batch with
 * a bad range in the middle links none of its ranges (the earlier batch
 * stays), with the error in the state and from sync.
 */
static void dma_iova_link_ranges_batch(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct iommu_domain *dom = dma_domain(dev);
	struct dma_phys_range r[4];
	struct dma_iova_state state;
	struct page *p[8];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(p); i++)
		p[i] = random_page(test);
	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state,
					       page_to_phys(p[0]) + 100,
					       8 * PAGE_SIZE - 100));
	for (i = 0; i < 4; i++)
		r[i] = (struct dma_phys_range){ page_to_phys(p[i]), PAGE_SIZE };
	r[0].phys += 100;
	r[0].len -= 100;
	KUNIT_ASSERT_EQ(test, dma_link_ranges(dev, &state, 0, r, 4,
					      DMA_TO_DEVICE, 0), 0);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, state.addr - 100 +
							 i * PAGE_SIZE + 200),
				page_to_phys(p[i]) + 200);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"),
			IS_ENABLED(CONFIG_DMA_API_DEBUG) ? 4 : 0);

	for (i = 0; i < 4; i++)
		r[i] = (struct dma_phys_range){ page_to_phys(p[4 + i]), PAGE_SIZE };
	r[2].phys += 8;		/* not the first range, off a granule */
	KUNIT_EXPECT_EQ(test, dma_link_ranges(dev, &state, 4 * PAGE_SIZE - 100,
					      r, 4, DMA_TO_DEVICE, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, state.error, -EINVAL);
	expect_unmapped(test, dev, state.addr - 100 + 4 * PAGE_SIZE,
			4 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, state.addr),
			page_to_phys(p[0]) + 100);
	KUNIT_EXPECT_EQ(test, dma_iova_sync(dev, &state, 0, PAGE_SIZE),
			-EINVAL);
	dma_iova_destroy(dev, &state, 4 * PAGE_SIZE - 100, DMA_TO_DEVICE, 0);
	expect_unmapped(test, dev, state.addr, 4 * PAGE_SIZE - 100);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 0);
}

/*
 * A batch whose page-table write fails half way (here: its second range
 * lands on an IOVA page linked before, which the IOMMU driver refuses with
 * a warning) leaves nothing of the batch linked, and nothing else unlinked.
 */
static void dma_iova_link_ranges_collision(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct iommu_domain *dom = dma_domain(dev);
	struct dma_phys_range r[3];
	struct dma_iova_state state;
	struct page *p[4];
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(p); i++)
		p[i] = random_page(test);
	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, page_to_phys(p[0]),
					       3 * PAGE_SIZE));
	KUNIT_ASSERT_EQ(test, dma_link_range(dev, &state, page_to_phys(p[1]),
					     PAGE_SIZE, PAGE_SIZE,
					     DMA_TO_DEVICE, 0),
			state.addr + PAGE_SIZE);
	r[0] = (struct dma_phys_range){ page_to_phys(p[0]), PAGE_SIZE };
	r[1] = (struct dma_phys_range){ page_to_phys(p[2]), PAGE_SIZE };
	r[2] = (struct dma_phys_range){ page_to_phys(p[3]), PAGE_SIZE };
	EXPECT_DEBUG_ERRORS(test, 0,
			    ret = dma_link_ranges(dev, &state, 0, r, 3,
						  DMA_TO_DEVICE, 0));
	KUNIT_EXPECT_NE(test, ret, 0);
	KUNIT_EXPECT_EQ(test, state.error, ret);
	expect_unmapped(test, dev, state.addr, PAGE_SIZE);
	expect_unmapped(test, dev, state.addr + 2 * PAGE_SIZE, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, state.addr + PAGE_SIZE),
			page_to_phys(p[1]));
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"),
			IS_ENABLED(CONFIG_DMA_API_DEBUG) ? 1 : 0);
	dma_unlink_range(dev, &state, PAGE_SIZE, PAGE_SIZE, DMA_TO_DEVICE, 0);
	dma_free_iova(dev, &state);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 0);
}

/*
 * Regression: an error from a link must not be swallowed by a later
 * successful link and the sync: the first error sticks and sync returns it.
 */
static void dma_iova_regress_link_error_not_swallowed(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct page *a = random_page(test), *b = random_page(test);
	struct dma_iova_state state;
	dma_addr_t addr;

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, page_to_phys(a),
					       2 * PAGE_SIZE));
	addr = dma_link_range(dev, &state, page_to_phys(b) + 8, PAGE_SIZE, 64,
			      DMA_TO_DEVICE, 0);
	KUNIT_EXPECT_EQ(test, addr, DMA_MAPPING_ERROR);
	addr = dma_link_range(dev, &state, page_to_phys(a), 0, PAGE_SIZE,
			      DMA_TO_DEVICE, 0);
	KUNIT_EXPECT_EQ(test, addr, state.addr);
	KUNIT_EXPECT_EQ(test, dma_iova_sync(dev, &state, 0, PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, state.error, -EINVAL);
	dma_iova_destroy(dev, &state, PAGE_SIZE, DMA_TO_DEVICE, 0);
	expect_unmapped(test, dev, addr, 2 * PAGE_SIZE);
}

/*
 * Regression: a state must not carry anything into the next request. After
 * destroy it no longer uses IOVA and refuses links; a new reservation in
 * it starts with no error and no recorded kind.
 */
static void dma_iova_regress_stale_state(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct page *page = random_page(test);
	struct dma_iova_state state;
	dma_addr_t addr;

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, page_to_phys(page),
					       PAGE_SIZE));
	addr = dma_link_range(dev, &state, page_to_phys(page) + 8, PAGE_SIZE,
			      8, DMA_TO_DEVICE, 0);
	KUNIT_EXPECT_EQ(test, addr, DMA_MAPPING_ERROR);
	addr = dma_link_range(dev, &state, page_to_phys(page), 0, PAGE_SIZE,
			      DMA_TO_DEVICE, DMA_ATTR_MMIO);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, addr));
	dma_iova_destroy(dev, &state, PAGE_SIZE, DMA_TO_DEVICE, DMA_ATTR_MMIO);
	KUNIT_EXPECT_FALSE(test, dma_use_iova(&state));
	KUNIT_EXPECT_EQ(test, dma_link_range(dev, &state, page_to_phys(page),
					     0, PAGE_SIZE, DMA_TO_DEVICE, 0),
			DMA_MAPPING_ERROR);

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, page_to_phys(page),
					       PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, state.error, 0);
	addr = dma_link_range(dev, &state, page_to_phys(page), 0, PAGE_SIZE,
			      DMA_TO_DEVICE, 0);	/* RAM after MMIO before */
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, addr));
	KUNIT_EXPECT_EQ(test, dma_iova_sync(dev, &state, 0, PAGE_SIZE), 0);
	dma_iova_destroy(dev, &state, PAGE_SIZE, DMA_TO_DEVICE, 0);
	expect_unmapped(test, dev, addr, PAGE_SIZE);
}

/*
 * Regression: where bouncing is needed (an untrusted device) the IOVA path
 * must not be taken at all, so no zero-length IOMMU map of a range that a
 * bounce slot covers entirely can happen; the per-range path bounces or
 * fails cleanly.
 */
static void dma_iova_regress_bounce_no_empty_map(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct pci_dev *pdev = to_pci_dev(dev);
	struct page *page = random_page(test);
	phys_addr_t phys = page_to_phys(page) + 100;
	struct dma_iova_state state;
	dma_addr_t addr;
	bool got;
	u8 *buf;

	buf = kunit_kmalloc(test, 200, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	pdev->untrusted = 1;
	got = dma_alloc_iova(dev, &state, phys, 200);
	addr = dma_map_phys(dev, phys, 200, DMA_TO_DEVICE, 0);
	pdev->untrusted = 0;
	KUNIT_EXPECT_FALSE(test, got);
	if (!is_swiotlb_active(dev)) {
		KUNIT_EXPECT_TRUE(test, dma_mapping_error(dev, addr));
		return;
	}
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, addr));
	phys = iommu_iova_to_phys(dma_domain(dev), addr);
	KUNIT_EXPECT_NOT_NULL(test, swiotlb_find_pool(dev, phys));
	KUNIT_EXPECT_EQ(test, edu_read(edu, addr, buf, 200), 0);
	KUNIT_EXPECT_MEMEQ(test, buf, page_address(page) + 100, 200);
	pdev->untrusted = 1;
	dma_unmap_phys(dev, addr, 200, DMA_TO_DEVICE, 0);
	pdev->untrusted = 0;
}

/* dma-debug: links are tracked, misuse is reported, and cleaned up. */
static void dma_iova_debug_reports(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct iommu_domain *dom = dma_domain(dev);
	struct page *p0 = random_page(test), *p1 = random_page(test);
	struct dma_iova_state state;
	dma_addr_t addr;

	if (!IS_ENABLED(CONFIG_DMA_API_DEBUG))
		kunit_skip(test, "needs CONFIG_DMA_API_DEBUG");

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, page_to_phys(p0),
					       2 * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 1);
	dma_link_range(dev, &state, page_to_phys(p0), 0, PAGE_SIZE,
		       DMA_TO_DEVICE, 0);
	dma_link_range(dev, &state, page_to_phys(p1), PAGE_SIZE, PAGE_SIZE,
		       DMA_TO_DEVICE, 0);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 2);

	/* double unlink */
	dma_unlink_range(dev, &state, 0, PAGE_SIZE, DMA_TO_DEVICE, 0);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 1);
	EXPECT_DEBUG_ERRORS(test, 1, dma_unlink_range(dev, &state, 0, PAGE_SIZE,
						      DMA_TO_DEVICE, 0));
	expect_unmapped(test, dev, state.addr, PAGE_SIZE);

	/* destroy with a length that is too long: bytes never linked */
	addr = state.addr;
	EXPECT_DEBUG_ERRORS(test, 1, dma_iova_destroy(dev, &state,
						      2 * PAGE_SIZE,
						      DMA_TO_DEVICE, 0));
	expect_unmapped(test, dev, addr, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 0);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 0);

	/* destroy with a length that is too short, and free with links */
	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, page_to_phys(p0),
					       2 * PAGE_SIZE));
	dma_link_range(dev, &state, page_to_phys(p0), 0, PAGE_SIZE,
		       DMA_TO_DEVICE, 0);
	dma_link_range(dev, &state, page_to_phys(p1), PAGE_SIZE, PAGE_SIZE,
		       DMA_TO_DEVICE, 0);
	addr = state.addr;
	EXPECT_DEBUG_ERRORS(test, 1, dma_iova_destroy(dev, &state, PAGE_SIZE,
						      DMA_TO_DEVICE, 0));
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 0);
	/* what the short destroy left behind, removed by hand */
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, addr + PAGE_SIZE),
			page_to_phys(p1));
	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, addr + PAGE_SIZE, PAGE_SIZE),
			PAGE_SIZE);

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, page_to_phys(p0),
					       PAGE_SIZE));
	dma_link_range(dev, &state, page_to_phys(p0), 0, PAGE_SIZE,
		       DMA_TO_DEVICE, 0);
	addr = state.addr;
	EXPECT_DEBUG_ERRORS(test, 1, dma_free_iova(dev, &state));
	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, addr, PAGE_SIZE), PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 0);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 0);
}

/*
 * A link left behind when the driver unbinds is reported like a leaked
 * mapping. The edu driver is unbound and bound again around it.
 */
static void dma_iova_debug_leak_at_unbind(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	struct page *page = random_page(test);
	struct dma_iova_state state;
	dma_addr_t addr;

	if (!IS_ENABLED(CONFIG_DMA_API_DEBUG))
		kunit_skip(test, "needs CONFIG_DMA_API_DEBUG");

	KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, page_to_phys(page),
					       PAGE_SIZE));
	addr = dma_link_range(dev, &state, page_to_phys(page), 0, PAGE_SIZE,
			      DMA_TO_DEVICE, 0);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, addr));
	EXPECT_DEBUG_ERRORS(test, 1, device_release_driver(dev));
	dma_iova_destroy(dev, &state, PAGE_SIZE, DMA_TO_DEVICE, 0);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 0);
	KUNIT_EXPECT_EQ(test, device_attach(dev), 1);
	edu_get(test);
}

#ifdef CONFIG_FAULT_INJECTION
/*
 * An injected failure of the reservation, and of the k-th link of a
 * 16-range request: the caller's unwind (destroy of what was linked)
 * leaves no link, no reservation, and the IOVA really free (allocated
 * again at the same address on this CPU in a strict domain).
 */
static void dma_iova_fault_injection(struct kunit *test)
{
	struct edu_dev *edu = need_iova(test);
	struct device *dev = edu_device(edu);
	const unsigned int nr = 16, fail_at[] = { 0, 1, 7, 15 };
	struct page *block = alloc_pages(GFP_KERNEL, 4);
	phys_addr_t phys;
	struct dma_iova_state state;
	dma_addr_t addr, first;
	unsigned int i, k;

	KUNIT_ASSERT_NOT_NULL(test, block);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, edu_fail_disarm,
							&fail_dma_iova), 0);
	phys = page_to_phys(block);

	edu_fail_next(&fail_dma_iova);
	KUNIT_EXPECT_FALSE(test, dma_alloc_iova(dev, &state, phys, PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, state.error, -ENOMEM);
	KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 0);

	for (k = 0; k < ARRAY_SIZE(fail_at); k++) {
		migrate_disable();
		KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, phys,
						       nr * PAGE_SIZE));
		first = state.addr;
		for (i = 0; i < nr; i++) {
			if (i == fail_at[k])
				edu_fail_next(&fail_dma_iova);
			addr = dma_link_range(dev, &state, phys + i * PAGE_SIZE,
					      i * PAGE_SIZE, PAGE_SIZE,
					      DMA_TO_DEVICE, 0);
			if (dma_mapping_error(dev, addr))
				break;
		}
		KUNIT_EXPECT_EQ(test, i, fail_at[k]);
		KUNIT_EXPECT_EQ(test, state.error, -ENOMEM);
		KUNIT_EXPECT_EQ(test, dma_iova_sync(dev, &state, 0,
						    nr * PAGE_SIZE), -ENOMEM);
		dma_iova_destroy(dev, &state, i * PAGE_SIZE, DMA_TO_DEVICE, 0);
		expect_unmapped(test, dev, first, nr * PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova-link"), 0);
		KUNIT_EXPECT_EQ(test, edu_debug_entries(dev, "iova"), 0);

		KUNIT_ASSERT_TRUE(test, dma_alloc_iova(dev, &state, phys,
						       nr * PAGE_SIZE));
		if (edu_profile() == EDU_PROFILE_STRICT)
			KUNIT_EXPECT_EQ(test, state.addr, first);
		dma_free_iova(dev, &state);
		migrate_enable();
	}
	__free_pages(block, 4);
}
#endif /* CONFIG_FAULT_INJECTION */

static struct kunit_case dma_iova_error_cases[] = {
	KUNIT_CASE(dma_iova_bad_size),
	KUNIT_CASE(dma_iova_link_refusals),
	KUNIT_CASE(dma_iova_link_ranges_batch),
	KUNIT_CASE(dma_iova_link_ranges_collision),
	KUNIT_CASE(dma_iova_regress_link_error_not_swallowed),
	KUNIT_CASE(dma_iova_regress_stale_state),
	KUNIT_CASE(dma_iova_regress_bounce_no_empty_map),
	KUNIT_CASE(dma_iova_debug_reports),
#ifdef CONFIG_FAULT_INJECTION
	KUNIT_CASE(dma_iova_fault_injection),
#endif
	KUNIT_CASE(dma_iova_debug_leak_at_unbind),
	{ }
};

static struct kunit_suite dma_iova_error_suite = {
	.name = "dma_iova_errors",
	.test_cases = dma_iova_error_cases,
};

kunit_test_suites(&dma_iova_suite, &dma_iova_error_suite);
