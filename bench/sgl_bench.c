// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmavec_bench, SGL part: map a request of n bio_vecs, build a hardware SGL
 * for it and unmap it, two ways in the same boot:
 *
 *   sg      today: sg_alloc_table, sg_set_page per bio_vec, dma_map_sg,
 *           copy each DMA segment into the hardware SGL, dma_unmap_sg,
 *           sg_free_table
 *   dmavec  one DEFINE_DMAVEC_MAPPER(bvec, sgl) instance writing the same
 *           hardware entries, then its unmap
 *
 * for n = 1 .. 256 pages that are not physically contiguous (first pages
 * of order-1 blocks), page aligned or with the first at offset 512. Each
 * figure is the best of a number of runs with interrupts off; under QEMU
 * -icount shift=0 a nanosecond is one guest instruction. Also reported:
 * bytes of mapping metadata per request (the scatterlist table; the
 * dmavec_map and any spill array).
 *
 * Prints "DMAVEC-BENCH-SGL <variant> <n> <sg> <dmavec> <sg_bytes>
 * <dmavec_bytes>" lines for scripts/bench.sh.
 */
#include <linux/bvec.h>
#include <linux/dma-mapping.h>
#include <linux/irqflags.h>
#include <linux/ktime.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <dmavec/iter_template.h>

#include "bench.h"

#define SGL_MAX		256
#define SGL_RUNS	8

/* The hardware SGL entry both ways write. */
struct hw_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

#define HW_SGE_END	BIT(31)

struct hw_cmd {
	struct hw_sge sge[SGL_MAX];
	struct dmavec_map map;
};

static const struct dmavec_sgl_geometry hw_geometry = {
	.first = SGL_MAX, .per_block = SGL_MAX, .max_entries = SGL_MAX,
};

static void hw_entry(struct hw_cmd *c, u32 i, dma_addr_t a, u32 len)
{
	c->sge[i].addr = cpu_to_le64(a);
	c->sge[i].len = cpu_to_le32(len);
	c->sge[i].flags = 0;
}

static int hw_chain(struct hw_cmd *c, u32 i)
{
	return -E2BIG;	/* one block holds the largest request */
}

static void hw_end(struct hw_cmd *c, u32 last)
{
	c->sge[last].flags = cpu_to_le32(HW_SGE_END);
}

DEFINE_DMAVEC_MAPPER(hw, bvec, sgl, struct hw_cmd);

struct sgl_bench {
	struct device *dev;
	struct page *pages[SGL_MAX];
	struct bio_vec bv[SGL_MAX];
	struct hw_cmd cmd;
	size_t meta;		/* metadata bytes of the last run */
	bool time_unmap;	/* time the dmavec unmap on its own */
	u64 unmap_ns;		/* the last dmavec run's unmap */
};

static int run_sg(struct sgl_bench *b, unsigned int n)
{
	struct scatterlist *sg;
	struct sg_table sgt;
	int i, nents;

	if (sg_alloc_table(&sgt, n, GFP_ATOMIC))
		return -ENOMEM;
	for_each_sg(sgt.sgl, sg, n, i)
		sg_set_page(sg, b->bv[i].bv_page, b->bv[i].bv_len,
			    b->bv[i].bv_offset);
	nents = dma_map_sg(b->dev, sgt.sgl, n, DMA_TO_DEVICE);
	if (!nents) {
		sg_free_table(&sgt);
		return -EIO;
	}
	for_each_sg(sgt.sgl, sg, nents, i) {
		b->cmd.sge[i].addr = cpu_to_le64(sg_dma_address(sg));
		b->cmd.sge[i].len = cpu_to_le32(sg_dma_len(sg));
		b->cmd.sge[i].flags = 0;
	}
	b->cmd.sge[nents - 1].flags = cpu_to_le32(HW_SGE_END);
	dma_unmap_sg(b->dev, sgt.sgl, n, DMA_TO_DEVICE);
	sg_free_table(&sgt);
	b->meta = n * sizeof(struct scatterlist);
	return 0;
}

static int run_dmavec(struct sgl_bench *b, unsigned int n)
{
	struct dmavec_bvec_src src = { b->bv, n };
	u64 t0;
	int ret;

	dmavec_map_init(&b->cmd.map, DMA_TO_DEVICE, 0, GFP_ATOMIC);
	ret = hw_map(b->dev, &b->cmd.map, &src, &b->cmd);
	if (ret)
		return ret;
	b->meta = sizeof(b->cmd.map) + (b->cmd.map.vecs != b->cmd.map.inline_vecs ?
		b->cmd.map.max_vecs * sizeof(struct dma_vec) : 0);
	if (!b->time_unmap) {
		hw_unmap(b->dev, &b->cmd.map);
		return 0;
	}
	t0 = ktime_get_ns();
	hw_unmap(b->dev, &b->cmd.map);
	b->unmap_ns = ktime_get_ns() - t0;
	return 0;
}

static u64 best(struct sgl_bench *b, int (*run)(struct sgl_bench *b,
						unsigned int n),
		unsigned int n, size_t *meta)
{
	unsigned long flags;
	u64 t, min = U64_MAX;
	unsigned int r;
	int ret;

	for (r = 0; r <= SGL_RUNS; r++) {
		local_irq_save(flags);
		t = ktime_get_ns();
		ret = run(b, n);
		t = ktime_get_ns() - t;
		local_irq_restore(flags);
		if (ret)
			return 0;
		if (r)
			min = min(min, t);
	}
	*meta = b->meta;
	return min;
}

/**
 * dmavec_bench_sgl() - run the SGL benchmark for one device
 * @dev: the device to map for
 */
void dmavec_bench_sgl(struct device *dev)
{
	static const unsigned int sizes[] = { 1, 2, 4, 8, 32, 128, 256 };
	static const char *const variants[] = { "aligned", "first512" };
	struct sgl_bench *b = kzalloc(sizeof(*b), GFP_KERNEL);
	size_t sg_meta = 0, dv_meta = 0;
	unsigned int i, p, s, v;
	u64 t_sg, t_dv;

	if (!b)
		return;
	b->dev = dev;
	for (p = 0; p < SGL_MAX; p++) {
		b->pages[p] = alloc_pages(GFP_KERNEL, 1);
		if (!b->pages[p])
			goto out;
	}
	for (v = 0; v < ARRAY_SIZE(variants); v++) {
		for (i = 0; i < SGL_MAX; i++)
			bvec_set_page(&b->bv[i], b->pages[i], PAGE_SIZE, 0);
		if (v) {
			b->bv[0].bv_offset = 512;
			b->bv[0].bv_len = PAGE_SIZE - 512;
		}
		for (s = 0; s < ARRAY_SIZE(sizes); s++) {
			t_sg = best(b, run_sg, sizes[s], &sg_meta);
			t_dv = best(b, run_dmavec, sizes[s], &dv_meta);
			/* the unmap share, timed apart so as not to skew t_dv */
			b->time_unmap = true;
			best(b, run_dmavec, sizes[s], &dv_meta);
			b->time_unmap = false;
			pr_info("DMAVEC-BENCH-SGL %s %u %llu %llu %zu %zu\n",
				variants[v], sizes[s], t_sg, t_dv, sg_meta,
				dv_meta);
			pr_info("DMAVEC-BENCH dmavec unmap_%s_%u %llu\n",
				variants[v], sizes[s], b->unmap_ns);
		}
	}
out:
	while (p--)
		__free_pages(b->pages[p], 1);
	kfree(b);
}
