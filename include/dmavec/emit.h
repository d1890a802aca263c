/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmavec emitters: turn DMA ranges, in order, into a hardware format.
 *
 * An emitter sees only DMA addresses and lengths, never pages or the IOMMU,
 * so it is a pure function of its input: the same code runs in the kernel
 * and in the host-side property tests and fuzzer (tests/host/dmavec/).
 * Each emitter is a small state struct and three steps, all inline:
 *
 *   *_begin(e, ...)            start a request
 *   *_add(e, addr, len, ...)   one DMA range, in order; 0 or -errno
 *   *_finish(e, ...)           close the request; 0 or -errno
 *
 * The driver's hooks reach these steps as constant function pointers into
 * __always_inline functions, so the compiler inlines them, as it does the
 * step functions of include/linux/iov_iter.h. DEFINE_DMAVEC_MAPPER
 * (iter_template.h) generates the typed wrappers.
 */
#ifndef _DMAVEC_EMIT_H
#define _DMAVEC_EMIT_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <asm/byteorder.h>

/**
 * struct dma_vec - one DMA range as the device sees it
 * @addr: DMA address of the first byte
 * @len: length in bytes
 */
struct dma_vec {
	dma_addr_t addr;
	u32 len;
};

/**
 * struct dmavec_limits - what a device accepts in one hardware entry
 * @max_seg: longest entry, in bytes (dma_get_max_seg_size())
 * @boundary: an entry may not cross a multiple of @boundary + 1
 *	(dma_get_seg_boundary(); ULONG_MAX for none)
 */
struct dmavec_limits {
	u32 max_seg;
	unsigned long boundary;
};

/*
 * The length of the longest entry that starts at @addr, has at most @len
 * bytes and respects @lim.
 */
static __always_inline u32 dmavec_piece(const struct dmavec_limits *lim,
					dma_addr_t addr, u32 len)
{
	/* bytes to the boundary, less one: no overflow for ULONG_MAX */
	unsigned long room = lim->boundary - (addr & lim->boundary);

	if (len > lim->max_seg)
		len = lim->max_seg;
	if (len - 1 > room)
		len = room + 1;
	return len;
}

/* ---- generic SGL: entry, chain when a block fills, end ---------------- */

/**
 * struct dmavec_sgl_geometry - where a hardware SGL's entries live
 * @first: data entries in the command descriptor itself
 * @per_block: data entries in each chained block after it
 * @max_entries: data entries the device accepts in one command
 */
struct dmavec_sgl_geometry {
	u32 first;
	u32 per_block;
	u32 max_entries;
};

/**
 * struct dmavec_sgl - state of the SGL emitter
 * @geo: the hardware geometry
 * @lim: the device's per-entry limits
 * @n: entries written so far
 * @next_chain: index of the entry that starts the next chained block
 */
struct dmavec_sgl {
	const struct dmavec_sgl_geometry *geo;
	struct dmavec_limits lim;
	u32 n;
	u32 next_chain;
};

static __always_inline void
dmavec_sgl_begin(struct dmavec_sgl *e, const struct dmavec_sgl_geometry *geo,
		 const struct dmavec_limits *lim)
{
	e->geo = geo;
	e->lim = *lim;
	e->n = 0;
	e->next_chain = geo->first;
}

typedef int (*dmavec_sgl_entry_f)(void *ctx, u32 i, dma_addr_t addr,
				  u32 len);
typedef int (*dmavec_sgl_chain_f)(void *ctx, u32 i);
typedef void (*dmavec_sgl_end_f)(void *ctx, u32 last);

/*
 * Split [addr, addr + len) by the device's limits into entries; call
 * @chain(ctx, i) before entry i when it starts a new block and @entry(ctx,
 * i, addr, len) for each entry. An error of either stops the walk and is
 * returned.
 */
static __always_inline int dmavec_sgl_add(struct dmavec_sgl *e,
					  dma_addr_t addr, u32 len, void *ctx,
					  dmavec_sgl_entry_f entry,
					  dmavec_sgl_chain_f chain)
{
	u32 l;
	int ret;

	while (len) {
		if (unlikely(e->n >= e->geo->max_entries))
			return -E2BIG;
		if (unlikely(e->n == e->next_chain)) {
			ret = chain(ctx, e->n);
			if (ret)
				return ret;
			e->next_chain += e->geo->per_block;
		}
		l = dmavec_piece(&e->lim, addr, len);
		ret = entry(ctx, e->n, addr, l);
		if (unlikely(ret))
			return ret;
		e->n++;
		addr += l;
		len -= l;
	}
	return 0;
}

static __always_inline int dmavec_sgl_finish(struct dmavec_sgl *e, void *ctx,
					     dmavec_sgl_end_f end)
{
	if (!e->n)
		return -EINVAL;
	end(ctx, e->n - 1);
	return 0;
}

/* ---- NVMe PRP ----------------------------------------------------------- */

/**
 * struct dmavec_prp_geometry - the controller's PRP page
 * @page_size: controller memory page size, a power of two (CC.MPS)
 */
struct dmavec_prp_geometry {
	u32 page_size;
};

/**
 * struct dmavec_prp - state of the PRP emitter
 * @page_size: controller page size
 * @n: PRP entries so far (entry 0 is PRP1)
 * @prp1: the first entry
 * @prp2: the second entry, while there are at most two
 * @list: the list page being filled, or NULL
 * @slot: next free slot in @list
 * @pages: list pages allocated so far
 * @list_dma: DMA address of the first list page
 * @end: where the previous range ended (for the gap rules)
 */
struct dmavec_prp {
	u32 page_size;
	u32 n;
	dma_addr_t prp1, prp2;
	__le64 *list;
	u32 slot;
	u32 pages;
	dma_addr_t list_dma;
	dma_addr_t end;
};

static __always_inline void
dmavec_prp_begin(struct dmavec_prp *e, const struct dmavec_prp_geometry *geo)
{
	e->page_size = geo->page_size;
	e->n = 0;
	e->list = NULL;
	e->slot = 0;
	e->pages = 0;
	e->prp1 = 0;
	e->prp2 = 0;
	e->list_dma = 0;
	e->end = 0;
}

typedef __le64 *(*dmavec_prp_list_f)(void *ctx, u32 i, dma_addr_t *dma);
typedef void (*dmavec_prp_set_f)(void *ctx, dma_addr_t prp1, dma_addr_t prp2);

/*
 * Append one PRP entry. Entries 1 and 2 wait in prp1/prp2 until a third
 * shows that a list is needed; a full list page hands its last slot to a
 * pointer to the next page, as NVMe chains PRP lists.
 */
static __always_inline int __dmavec_prp_push(struct dmavec_prp *e,
					     dma_addr_t val, void *ctx,
					     dmavec_prp_list_f list)
{
	u32 per = e->page_size / sizeof(__le64);
	dma_addr_t dma;
	__le64 *pg;

	if (e->n < 2) {
		if (e->n++)
			e->prp2 = val;
		else
			e->prp1 = val;
		return 0;
	}
	if (!e->list || e->slot == per) {
		pg = list(ctx, e->pages, &dma);
		if (!pg)
			return -ENOMEM;
		if (!e->list) {
			pg[0] = cpu_to_le64(e->prp2);
			e->list_dma = dma;
		} else {
			pg[0] = e->list[per - 1];
			e->list[per - 1] = cpu_to_le64(dma);
		}
		e->list = pg;
		e->slot = 1;
		e->pages++;
	}
	e->list[e->slot++] = cpu_to_le64(val);
	e->n++;
	return 0;
}

/*
 * One DMA range of the request. NVMe's rules: only the first range may
 * start inside a page; a range after another must start on a page
 * boundary, and the one before it must have ended on one. A request that
 * breaks them gets -EINVAL, never a wrong list: the caller can use SGLs.
 */
static __always_inline int dmavec_prp_add(struct dmavec_prp *e,
					  dma_addr_t addr, u32 len, void *ctx,
					  dmavec_prp_list_f list)
{
	dma_addr_t mask = e->page_size - 1, end = addr + len;
	int ret;

	if (e->n && ((addr & mask) || (e->end & mask)))
		return -EINVAL;
	e->end = end;
	ret = __dmavec_prp_push(e, addr, ctx, list);
	for (addr = (addr & ~mask) + e->page_size; !ret && addr < end;
	     addr += e->page_size)
		ret = __dmavec_prp_push(e, addr, ctx, list);
	return ret;
}

static __always_inline int dmavec_prp_finish(struct dmavec_prp *e, void *ctx,
					     dmavec_prp_set_f set)
{
	if (!e->n)
		return -EINVAL;
	set(ctx, e->prp1, e->n > 2 ? e->list_dma : e->prp2);
	return 0;
}

/* ---- plain struct dma_vec array ---------------------------------------- */

/**
 * struct dmavec_vec_out - a caller's array of DMA ranges to fill
 * @v: the array
 * @max: its capacity
 * @n: entries written
 * @lim: per-entry limits applied while filling it
 */
struct dmavec_vec_out {
	struct dma_vec *v;
	u32 max;
	u32 n;
	struct dmavec_limits lim;
};

static __always_inline int dmavec_vec_add(struct dmavec_vec_out *o,
					  dma_addr_t addr, u32 len)
{
	u32 l;

	while (len) {
		if (unlikely(o->n >= o->max))
			return -E2BIG;
		l = dmavec_piece(&o->lim, addr, len);
		o->v[o->n].addr = addr;
		o->v[o->n++].len = l;
		addr += l;
		len -= l;
	}
	return 0;
}

#endif /* _DMAVEC_EMIT_H */
