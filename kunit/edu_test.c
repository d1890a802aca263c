// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmavec_edu: proof that the harness tests DMA for real. Memory mapped with
 * dma_map_single() travels through QEMU's edu DMA engine into the device
 * and back out to a second mapping; the bytes must survive the trip and the
 * DMA addresses must translate to the buffers' physical addresses the way
 * the booted IOMMU setup says they should.
 */
#include <linux/dma-mapping.h>
#include <linux/random.h>
#include <kunit/test.h>

#include "edu.h"

struct roundtrip_case {
	const char *name;
	unsigned int off;	/* of the data in an order-1 block */
	unsigned int len;
};

static const struct roundtrip_case roundtrip_cases[] = {
	{ "1 byte",			0,	1 },
	{ "120 bytes at 3",		3,	120 },
	{ "one page",			0,	PAGE_SIZE },
	{ "crossing a page",		4000,	1000 },
	{ "page less one at 1",		1,	PAGE_SIZE - 1 },
	{ "two pages at 120",		120,	2 * PAGE_SIZE - 240 },
};

static void roundtrip_desc(const struct roundtrip_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(roundtrip, roundtrip_cases, roundtrip_desc);

static void edu_profile_in_force(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);

	KUNIT_EXPECT_EQ_MSG(test, edu_check_profile(edu), 0,
			    "booted profile '%s' is not what the device sees",
			    edu_profile_name());
}

static void edu_roundtrip(struct kunit *test)
{
	const struct roundtrip_case *c = test->param_value;
	struct edu_dev *edu = edu_get(test);
	struct device *dev = edu_device(edu);
	dma_addr_t src_dma, dst_dma;
	struct page *src_pg, *dst_pg;
	unsigned int done, chunk;
	u8 *src, *dst;

	src_pg = alloc_pages(GFP_KERNEL, 1);
	dst_pg = alloc_pages(GFP_KERNEL, 1);
	if (!src_pg || !dst_pg)
		goto out;
	src = page_address(src_pg) + c->off;
	dst = page_address(dst_pg) + c->off;
	get_random_bytes(src, c->len);
	memset(dst, 0, c->len);

	src_dma = dma_map_single(dev, src, c->len, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, src_dma));
	dst_dma = dma_map_single(dev, dst, c->len, DMA_FROM_DEVICE);
	if (dma_mapping_error(dev, dst_dma)) {
		dma_unmap_single(dev, src_dma, c->len, DMA_TO_DEVICE);
		KUNIT_FAIL(test, "mapping the destination failed");
		goto out;
	}
	edu_expect_maps(test, dev, src_dma, virt_to_phys(src), c->len);
	edu_expect_maps(test, dev, dst_dma, virt_to_phys(dst), c->len);

	/* Through the device buffer in chunks: sub-ranges of each mapping. */
	for (done = 0; done < c->len; done += chunk) {
		chunk = min(c->len - done, EDU_BUF_SIZE);
		KUNIT_EXPECT_EQ(test, edu_dma_from_mem(edu, src_dma + done, 0, chunk), 0);
		KUNIT_EXPECT_EQ(test, edu_dma_to_mem(edu, dst_dma + done, 0, chunk), 0);
	}

	dma_unmap_single(dev, dst_dma, c->len, DMA_FROM_DEVICE);
	dma_unmap_single(dev, src_dma, c->len, DMA_TO_DEVICE);
	KUNIT_EXPECT_MEMEQ(test, dst, src, c->len);
out:
	KUNIT_EXPECT_NOT_NULL(test, src_pg);
	KUNIT_EXPECT_NOT_NULL(test, dst_pg);
	if (src_pg)
		__free_pages(src_pg, 1);
	if (dst_pg)
		__free_pages(dst_pg, 1);
}

/* The engine refuses what its 4 KiB buffer cannot hold. */
static void edu_rejects_bad_range(struct kunit *test)
{
	struct edu_dev *edu = edu_get(test);

	KUNIT_EXPECT_EQ(test, edu_dma_from_mem(edu, 0, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, edu_dma_from_mem(edu, 0, 1, EDU_BUF_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, edu_dma_to_mem(edu, 0, EDU_BUF_SIZE, 1), -EINVAL);
}

static struct kunit_case edu_cases[] = {
	KUNIT_CASE(edu_profile_in_force),
	KUNIT_CASE_PARAM(edu_roundtrip, roundtrip_gen_params),
	KUNIT_CASE(edu_rejects_bad_range),
	{ }
};

static struct kunit_suite edu_suite = {
	.name = "dmavec_edu",
	.test_cases = edu_cases,
};

kunit_test_suite(edu_suite);

MODULE_LICENSE("GPL");
