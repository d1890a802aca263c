// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmavec_bench: what it costs to map a request of n 4 KiB pages for a PCI
 * device, three ways in the same boot:
 *
 *   iova  dma_alloc_iova + n x dma_link_range + dma_iova_sync + destroy
 *   page  n x dma_map_page + n x dma_unmap_page
 *   sg    sg_init_table + n x sg_set_page + dma_map_sg + dma_unmap_sg
 *
 * The pages are the first pages of order-1 blocks, so no two are physically
 * contiguous and nothing can merge them: the worst case of a real request.
 * Each is timed for n = 1 and n = 256 with interrupts off, the best of a
 * number of runs kept; the cost per page is the difference over 255 pages,
 * so fixed costs cancel. For the iova way the link loop alone is timed too:
 * that is the "per linked range" figure. Under QEMU -icount shift=0 one
 * nanosecond of guest time is one guest instruction, so the figures are
 * instruction counts and repeat exactly.
 *
 * Runs once at boot, binding to the edu device named by dmavec_bench.dev
 * (QEMU's edu, 1234:11e8, is the DMA-capable device of the harness); prints
 * "DMAVEC-BENCH <way> <figure> <value>" lines for scripts/bench.sh.
 */
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "bench.h"

#define BENCH_PAGES	256
#define BENCH_RUNS	16

static char *bench_dev = "";
module_param_named(dev, bench_dev, charp, 0444);
MODULE_PARM_DESC(dev, "PCI name of the device to map for; empty: do not run");

struct bench {
	struct device *dev;
	struct page *pages[BENCH_PAGES];
	struct scatterlist sgl[BENCH_PAGES];
	dma_addr_t addr[BENCH_PAGES];
	u64 link_ns;		/* of the last iova run's link loop */
	u64 destroy_ns;		/* and of its dma_iova_destroy() */
};

/* Link @n pages, one dma_link_range() each. */
static int link_single(struct bench *b, struct dma_iova_state *state,
		       unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (dma_mapping_error(b->dev,
				      dma_link_range(b->dev, state,
						     page_to_phys(b->pages[i]),
						     i * PAGE_SIZE, PAGE_SIZE,
						     DMA_TO_DEVICE, 0)))
			return -EIO;
	return 0;
}

/* Link @n pages with dma_link_ranges(), as the dmavec mapper does. */
static int link_batch(struct bench *b, struct dma_iova_state *state,
		      unsigned int n)
{
	struct dma_phys_range r[16];
	unsigned int i, nr = 0;
	size_t off = 0;

	for (i = 0; i < n; i++) {
		r[nr].phys = page_to_phys(b->pages[i]);
		r[nr++].len = PAGE_SIZE;
		if (nr < ARRAY_SIZE(r) && i + 1 < n)
			continue;
		if (dma_link_ranges(b->dev, state, off, r, nr, DMA_TO_DEVICE,
				    0))
			return -EIO;
		off += nr * PAGE_SIZE;
		nr = 0;
	}
	return 0;
}

/*
 * Link @n pages straight into the IOMMU page table, without the DMA API:
 * what the IOMMU driver's link op costs alone.
 */
static int link_raw(struct bench *b, struct dma_iova_state *state,
		    unsigned int n)
{
	struct iommu_domain *domain = iommu_get_dma_domain(b->dev);
	unsigned int i;

	for (i = 0; i < n; i++)
		if (iommu_link_nosync(domain, &state->cursor,
				      state->addr + i * PAGE_SIZE,
				      page_to_phys(b->pages[i]), PAGE_SIZE,
				      IOMMU_READ, GFP_ATOMIC))
			break;
	iommu_link_flush(domain, &state->cursor);
	if (i < n) {
		iommu_unmap(domain, state->addr, i * PAGE_SIZE);
		return -EIO;
	}
	/* tell the DMA API what is linked, so that destroy unlinks it */
	state->flags |= DMA_IOVA_LINKED;
	return 0;
}

/* One request of @n pages through the two-step IOVA API. */
static int run_iova_with(struct bench *b, unsigned int n,
			 int (*link)(struct bench *b,
				     struct dma_iova_state *state,
				     unsigned int n))
{
	struct dma_iova_state state;
	u64 t0;
	int ret;

	if (!dma_alloc_iova(b->dev, &state, page_to_phys(b->pages[0]),
			    n * PAGE_SIZE))
		return -EOPNOTSUPP;
	t0 = ktime_get_ns();
	ret = link(b, &state, n);
	b->link_ns = ktime_get_ns() - t0;
	if (ret) {
		dma_free_iova(b->dev, &state);
		return ret;
	}
	ret = dma_iova_sync(b->dev, &state, 0, n * PAGE_SIZE);
	t0 = ktime_get_ns();
	dma_iova_destroy(b->dev, &state, n * PAGE_SIZE, DMA_TO_DEVICE, 0);
	b->destroy_ns = ktime_get_ns() - t0;
	return ret;
}

static int run_iova(struct bench *b, unsigned int n)
{
	return run_iova_with(b, n, link_single);
}

static int run_batch(struct bench *b, unsigned int n)
{
	return run_iova_with(b, n, link_batch);
}

static int run_raw(struct bench *b, unsigned int n)
{
	return run_iova_with(b, n, link_raw);
}

/* One request of @n pages, one dma_map_page() each. */
static int run_page(struct bench *b, unsigned int n)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		b->addr[i] = dma_map_page(b->dev, b->pages[i], 0, PAGE_SIZE,
					  DMA_TO_DEVICE);
		if (dma_mapping_error(b->dev, b->addr[i]))
			break;
	}
	for (j = 0; j < i; j++)
		dma_unmap_page(b->dev, b->addr[j], PAGE_SIZE, DMA_TO_DEVICE);
	return i < n ? -EIO : 0;
}

/* One request of @n pages as a scatterlist. */
static int run_sg(struct bench *b, unsigned int n)
{
	unsigned int i;
	int mapped;

	sg_init_table(b->sgl, n);
	for (i = 0; i < n; i++)
		sg_set_page(&b->sgl[i], b->pages[i], PAGE_SIZE, 0);
	mapped = dma_map_sg(b->dev, b->sgl, n, DMA_TO_DEVICE);
	if (!mapped)
		return -EIO;
	dma_unmap_sg(b->dev, b->sgl, n, DMA_TO_DEVICE);
	return 0;
}

struct way {
	const char *name;
	int (*run)(struct bench *b, unsigned int n);
};

static const struct way ways[] = {
	{ "iova", run_iova },
	{ "batch", run_batch },
	{ "raw", run_raw },
	{ "page", run_page },
	{ "sg", run_sg },
};

/* Best of BENCH_RUNS, after one warm-up run; also the best link loop. */
static int best_of(struct bench *b, const struct way *w, unsigned int n,
		   u64 *best, u64 *best_link, u64 *best_destroy)
{
	unsigned long flags;
	unsigned int r;
	u64 t;
	int ret;

	*best = U64_MAX;
	*best_link = U64_MAX;
	*best_destroy = U64_MAX;
	for (r = 0; r <= BENCH_RUNS; r++) {
		local_irq_save(flags);
		t = ktime_get_ns();
		ret = w->run(b, n);
		t = ktime_get_ns() - t;
		local_irq_restore(flags);
		if (ret)
			return ret;
		if (!r)
			continue;
		*best = min(*best, t);
		*best_link = min(*best_link, b->link_ns);
		*best_destroy = min(*best_destroy, b->destroy_ns);
	}
	return 0;
}

static void bench_way(struct bench *b, const struct way *w)
{
	u64 t1, t256, l1, l256, d1, d256;
	int ret;

	ret = best_of(b, w, 1, &t1, &l1, &d1);
	if (!ret)
		ret = best_of(b, w, BENCH_PAGES, &t256, &l256, &d256);
	if (ret) {
		pr_info("DMAVEC-BENCH %s unavailable %d\n", w->name, ret);
		return;
	}
	pr_info("DMAVEC-BENCH %s request_1 %llu\n", w->name, t1);
	pr_info("DMAVEC-BENCH %s request_%u %llu\n", w->name, BENCH_PAGES, t256);
	pr_info("DMAVEC-BENCH %s per_page %llu\n", w->name,
		div_u64(t256 - t1, BENCH_PAGES - 1));
	if (w->run != run_page && w->run != run_sg) {
		pr_info("DMAVEC-BENCH %s per_link %llu\n", w->name,
			div_u64(l256 - l1, BENCH_PAGES - 1));
		pr_info("DMAVEC-BENCH %s per_unlink %llu\n", w->name,
			div_u64(d256 - d1, BENCH_PAGES - 1));
	}
}

/*
 * Bind to the device like a real driver, so that the DMA setup a driver
 * gets at probe (mask, dma_skip_sync) is in force, run, and stay bound.
 */
static int dmavec_bench_probe(struct pci_dev *pdev,
			      const struct pci_device_id *id)
{
	struct bench *b;
	unsigned int i, w;
	int ret;

	if (!*bench_dev || strcmp(pci_name(pdev), bench_dev))
		return -ENODEV;
	ret = pcim_enable_device(pdev);
	if (!ret)
		ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	pci_set_master(pdev);
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->dev = &pdev->dev;
	for (i = 0; i < BENCH_PAGES; i++) {
		b->pages[i] = alloc_pages(GFP_KERNEL, 1);
		if (!b->pages[i])
			goto out_free;
	}
	for (w = 0; w < ARRAY_SIZE(ways); w++)
		bench_way(b, &ways[w]);
	dmavec_bench_sgl(b->dev);
	pr_info("DMAVEC-BENCH done\n");
out_free:
	while (i--)
		__free_pages(b->pages[i], 1);
	kfree(b);
	return 0;
}

static const struct pci_device_id dmavec_bench_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },	/* QEMU edu */
	{ }
};

static struct pci_driver dmavec_bench_driver = {
	.name = "dmavec_bench",
	.id_table = dmavec_bench_ids,
	.probe = dmavec_bench_probe,
};
builtin_pci_driver(dmavec_bench_driver);
