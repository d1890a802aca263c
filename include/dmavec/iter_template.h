/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmavec mappers: a source of physical ranges, the two-step DMA API, and an
 * emitter of a hardware format, generated per driver and fully inlined.
 *
 *   static const struct dmavec_sgl_geometry hba_geometry = { 8, 255, 2048 };
 *   static void hba_entry(struct hba_cmd *c, u32 i, dma_addr_t a, u32 len);
 *   static int hba_chain(struct hba_cmd *c, u32 i);
 *   static void hba_end(struct hba_cmd *c, u32 last);
 *   DEFINE_DMAVEC_MAPPER(hba, bvec, sgl, struct hba_cmd);
 *
 * generates hba_map(dev, map, src, cmd) and hba_unmap(dev, map). A mapper
 * walks the source twice, both walks inlined:
 *
 * 1. It sums the length, checks that every range has the same kind (RAM
 *    or one kind of PCI P2P memory; a range of another kind stops it with
 *    -EXDEV and map->split) and notes whether the ranges that are not
 *    physically contiguous meet on page boundaries.
 * 2. If they do, and dma_alloc_iova() reserves IOVA, it links each run of
 *    physically contiguous ranges, syncs once, and emits the request as one
 *    DMA range, split only by the device's limits. Otherwise it maps each
 *    run with dma_map_phys(), records the tuple for unmap and emits it; a
 *    P2P peer reached by bus address is emitted unmapped.
 *
 * The driver never branches on which path ran, and the map alone undoes it
 * (dmavec_unmap()). On any error nothing stays mapped.
 */
#ifndef _DMAVEC_ITER_TEMPLATE_H
#define _DMAVEC_ITER_TEMPLATE_H

#include <linux/bvec.h>
#include <linux/hmm.h>
#include <linux/memremap.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <dmavec/dmavec.h>

/*
 * A source's place: a range index and a byte offset, as the source likes;
 * sources that walk a chain of bios (<dmavec/blk.h>) keep the bio and their
 * place in it. Unused members cost nothing: the walk is inlined.
 */
struct dmavec_iter {
	unsigned long i;
	size_t off;
	const void *pos;
	struct bvec_iter bi;
};

/*
 * A source yields (phys, len) ranges in order; len 0 reports a range that
 * cannot be mapped (an HMM PFN that is not valid, say).
 */
typedef bool (*dmavec_next_f)(const void *src, struct dmavec_iter *it,
			      phys_addr_t *phys, u32 *len);

/* ---- sources -------------------------------------------------------------- */

/**
 * struct dmavec_bvec_src - an array of bio_vecs
 * @bv: the array
 * @nr: its entries
 */
struct dmavec_bvec_src {
	const struct bio_vec *bv;
	unsigned int nr;
};

static __always_inline bool dmavec_bvec_next(const void *src,
					     struct dmavec_iter *it,
					     phys_addr_t *phys, u32 *len)
{
	const struct dmavec_bvec_src *s = src;
	const struct bio_vec *bv;

	if (it->i >= s->nr)
		return false;
	bv = &s->bv[it->i++];
	*phys = bvec_phys(bv);
	*len = bv->bv_len;
	return true;
}

/**
 * struct dmavec_pages_src - a page array holding one buffer
 * @pages: the pages
 * @offset: where the buffer starts in the first page
 * @len: length of the buffer
 */
struct dmavec_pages_src {
	struct page * const *pages;
	unsigned int offset;
	size_t len;
};

static __always_inline bool dmavec_pages_next(const void *src,
					      struct dmavec_iter *it,
					      phys_addr_t *phys, u32 *len)
{
	const struct dmavec_pages_src *s = src;
	size_t start = it->i ? 0 : s->offset;

	if (it->off >= s->len)
		return false;
	*len = min_t(size_t, PAGE_SIZE - start, s->len - it->off);
	*phys = page_to_phys(s->pages[it->i++]) + start;
	it->off += *len;
	return true;
}

/**
 * struct dmavec_hmm_src - an HMM PFN array, one entry per page
 * @pfns: output of hmm_range_fault()
 * @npages: entries
 * @write: the device will write: every page needs %HMM_PFN_WRITE
 *
 * Entries of one huge page are physically contiguous, so the mapper links
 * them as one run whatever hmm_pfn_to_map_order() says.
 */
struct dmavec_hmm_src {
	const unsigned long *pfns;
	unsigned long npages;
	bool write;
};

static __always_inline bool dmavec_hmm_next(const void *src,
					    struct dmavec_iter *it,
					    phys_addr_t *phys, u32 *len)
{
	const struct dmavec_hmm_src *s = src;
	unsigned long pfn;

	if (it->i >= s->npages)
		return false;
	pfn = s->pfns[it->i++];
	*len = PAGE_SIZE;
	if (!(pfn & HMM_PFN_VALID) || (s->write && !(pfn & HMM_PFN_WRITE)))
		*len = 0;
	else
		*phys = page_to_phys(hmm_pfn_to_page(pfn));
	return true;
}

/* ---- the mapper ------------------------------------------------------------ */

typedef int (*dmavec_emit_f)(void *em, void *ctx, dma_addr_t addr, u32 len);

/* Longest run of contiguous ranges mapped or linked in one call. */
#define DMAVEC_MAX_RUN		SZ_1G

static __always_inline bool dmavec_p2p(phys_addr_t phys)
{
	return IS_ENABLED(CONFIG_PCI_P2PDMA) &&
		is_pci_p2pdma_page(pfn_to_page(PHYS_PFN(phys)));
}

static __always_inline struct dmavec_limits dmavec_dev_limits(struct device *dev)
{
	return (struct dmavec_limits){
		.max_seg = dma_get_max_seg_size(dev),
		.boundary = dma_get_seg_boundary(dev),
	};
}

int dmavec_bad_range(struct dmavec_map *map, unsigned long i);
int dmavec_fail(struct device *dev, struct dmavec_map *map, int err);

/* What pass 1 learns about a request. */
struct dmavec_scan {
	phys_addr_t first;
	size_t total;
	u32 runs;
	bool aligned;
};

/*
 * Pass 1: length, runs of contiguous ranges, kinds, and whether the runs
 * meet on page boundaries (so one IOVA reservation can hold them).
 */
static __always_inline int __dmavec_scan(struct device *dev,
					 struct dmavec_map *map,
					 const void *src, dmavec_next_f next,
					 struct dmavec_scan *sc)
{
	struct dmavec_iter it = {};
	phys_addr_t phys, end = 0, gaps = 0;
	bool p2p = false;
	u32 len;
	int kind;

	sc->total = 0;
	sc->runs = 0;
	while (next(src, &it, &phys, &len)) {
		if (unlikely(!len))
			return dmavec_bad_range(map, it.i - 1);
		if (!sc->total) {
			sc->first = phys;
			p2p = dmavec_p2p(phys);
			sc->runs = 1;
		} else if (unlikely(dmavec_p2p(phys) != p2p)) {
			map->split = it.i - 1;
			return -EXDEV;
		} else if (phys != end) {
			gaps |= end | phys;
			sc->runs++;
		}
		end = phys + len;
		sc->total += len;
	}
	if (unlikely(!sc->total))
		return dmavec_bad_range(map, 0);
	sc->aligned = !(gaps & ~PAGE_MASK);
	if (unlikely(p2p)) {
		kind = dma_range_kind(dev, sc->first, &map->bus_off);
		if (kind < 0)
			return kind;
		map->kind = kind;
	}
	return 0;
}

/* Runs linked per dma_link_ranges() call: 16 x 16 bytes of stack. */
#define DMAVEC_LINK_BATCH	16

/* Emit a linked IOVA reservation: the whole request, one DMA range. */
static __always_inline int __dmavec_emit_iova(const struct dmavec_map *map,
					      void *em, void *ctx,
					      dmavec_emit_f emit)
{
	dma_addr_t addr = map->state.addr;
	size_t off = map->size;
	u32 len;
	int ret;

	for (; off; off -= len, addr += len) {
		len = min_t(size_t, off, DMAVEC_MAX_RUN);
		ret = emit(em, ctx, addr, len);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Pass 2, IOVA: link the runs of contiguous ranges at their offsets, a
 * batch per call, sync once, emit the whole request as one DMA range.
 */
static __always_inline int __dmavec_link(struct device *dev,
					 struct dmavec_map *map,
					 const void *src, dmavec_next_f next,
					 void *em, void *ctx, dmavec_emit_f emit)
{
	unsigned long attrs = dmavec_attrs(map);
	struct dma_phys_range batch[DMAVEC_LINK_BATCH];
	struct dmavec_iter it = {};
	phys_addr_t phys = 0, start = 0;
	size_t off = 0, run = 0, pending = 0;
	unsigned int nb = 0;
	u32 len = 0;
	bool more;
	int ret;

	do {
		more = next(src, &it, &phys, &len);
		if (more && run && phys == start + run) {
			run += len;
			continue;
		}
		if (run) {
			batch[nb].phys = start;
			batch[nb++].len = run;
			pending += run;
			if (nb == DMAVEC_LINK_BATCH || !more) {
				ret = dma_link_ranges(dev, &map->state, off,
						      batch, nb, map->dir,
						      attrs);
				if (ret)
					return dmavec_fail(dev, map, ret);
				off += pending;
				map->size = off;
				pending = 0;
				nb = 0;
			}
		}
		start = phys;
		run = len;
	} while (more);

	ret = dma_iova_sync(dev, &map->state, 0, off);
	if (!ret)
		ret = __dmavec_emit_iova(map, em, ctx, emit);
	return ret ? dmavec_fail(dev, map, ret) : 0;
}

/*
 * Map (or, for bus-address P2P, translate), record and emit one piece.
 * Only mappings whose unmap does something are recorded: once swiotlb has
 * bounced for the device, that is every one from then on.
 */
static __always_inline int __dmavec_piece(struct device *dev,
					  struct dmavec_map *map,
					  phys_addr_t phys, u32 len,
					  unsigned long attrs, bool *record,
					  void *em, void *ctx,
					  dmavec_emit_f emit)
{
	dma_addr_t addr = phys + map->bus_off;

	if (map->kind != DMA_RANGE_P2P_BUS) {
		addr = dma_map_phys(dev, phys, len, map->dir, attrs);
		if (dma_mapping_error(dev, addr))
			return -ENOMEM;
		if (!*record)
			*record = dma_dev_need_sync(dev);
		if (*record && dmavec_record(map, addr, len)) {
			dma_unmap_phys(dev, addr, len, map->dir, attrs);
			return -ENOMEM;
		}
	} else if (map->replay && dmavec_record(map, addr, len)) {
		return -ENOMEM;
	}
	map->size += len;
	return emit(em, ctx, addr, len);
}

/*
 * Pass 2, per range: map each run of contiguous ranges, in pieces no larger
 * than the device's largest mapping, record and emit each.
 */
static __always_inline int __dmavec_map_each(struct device *dev,
					     struct dmavec_map *map,
					     const struct dmavec_scan *sc,
					     const void *src,
					     dmavec_next_f next, void *em,
					     void *ctx, dmavec_emit_f emit)
{
	unsigned long attrs = dmavec_attrs(map);
	size_t max = DMAVEC_MAX_RUN, run = 0, piece;
	struct dmavec_iter it = {};
	bool record = false;
	phys_addr_t phys = 0, start = 0;
	u32 len = 0;
	bool more;
	int ret;

	if (map->kind != DMA_RANGE_P2P_BUS) {
		max = min_t(size_t, dma_max_mapping_size(dev), max) & PAGE_MASK;
		max = max ?: PAGE_SIZE;
		/*
		 * swiotlb places a bounce buffer inside one window of the
		 * device's segment boundary, so a longer piece can never be
		 * bounced: no piece longer than the window (at least a page).
		 */
		if (dma_get_seg_boundary(dev) < max)
			max = dma_get_seg_boundary(dev) + 1;
		record = map->replay || dmavec_unmap_needed(dev);
		if (record && sc->runs > map->max_vecs &&
		    dmavec_grow(map, sc->runs))
			return -ENOMEM;
	}
	do {
		more = next(src, &it, &phys, &len);
		if (more && run && phys == start + run) {
			run += len;
			continue;
		}
		for (; run; run -= piece, start += piece) {
			piece = min(run, max);
			ret = __dmavec_piece(dev, map, start, piece, attrs,
					     &record, em, ctx, emit);
			if (ret)
				return dmavec_fail(dev, map, ret);
		}
		start = phys;
		run = len;
	} while (more);
	return 0;
}

static __always_inline int __dmavec_map(struct device *dev,
					struct dmavec_map *map,
					const void *src, dmavec_next_f next,
					void *em, void *ctx, dmavec_emit_f emit)
{
	struct dmavec_scan sc;
	int ret;

	ret = __dmavec_scan(dev, map, src, next, &sc);
	if (ret)
		return ret;
	if (sc.aligned && map->kind != DMA_RANGE_P2P_BUS &&
	    dma_alloc_iova(dev, &map->state, sc.first, sc.total))
		return __dmavec_link(dev, map, src, next, em, ctx, emit);
	return __dmavec_map_each(dev, map, &sc, src, next, em, ctx, emit);
}

/*
 * Emit again what a mapper with map->replay set mapped, in the same order:
 * the IOVA range, or each recorded piece.
 */
static __always_inline int __dmavec_replay(const struct dmavec_map *map,
					   void *em, void *ctx,
					   dmavec_emit_f emit)
{
	u32 i;
	int ret;

	if (dma_use_iova(&map->state))
		return __dmavec_emit_iova(map, em, ctx, emit);
	for (i = 0; i < map->nr_vecs; i++) {
		ret = emit(em, ctx, map->vecs[i].addr, map->vecs[i].len);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- generated mappers ----------------------------------------------------- */

/**
 * DEFINE_DMAVEC_MAPPER() - generate a mapper for one source and emitter
 * @name: prefix of the generated name_map() and name_unmap()
 * @source: bvec, pages or hmm (struct dmavec_<source>_src)
 * @emitter: sgl, prp or vec
 * @ctx_type: the driver's type handed to its hooks (struct dmavec_vec_out
 *	for vec)
 *
 * sgl needs name_geometry (struct dmavec_sgl_geometry) and the hooks
 * name_entry(ctx, i, addr, len), returning void, or int where it can
 * refuse an entry (-errno stops the walk, name_end() is not called),
 * name_chain(ctx, i) returning 0 or -errno, and name_end(ctx, last). prp
 * needs name_geometry (struct dmavec_prp_geometry), name_list(ctx, i, &dma)
 * returning the i-th PRP list page or NULL, and name_set(ctx, prp1, prp2).
 * All are defined before this.
 * DEFINE_DMAVEC_MAPPER_WITH() takes the prefix of the hooks separately, so
 * that mappers for several sources share one set of hooks.
 *
 * name_map(dev, map, src, ctx) returns 0, with map->nents set to the entries
 * written; -EINVAL for a zero-length or
 * unmappable range, or input the format cannot express (PRP gaps); -E2BIG
 * beyond the entry limit; -EXDEV when a range's kind differs from the first
 * (map->split says where); -ENOMEM or another errno from the DMA API or a
 * hook. On error nothing is mapped. name_unmap(dev, map) undoes a success.
 * An sgl mapper also has name_map_geometry(dev, map, src, ctx, geo), for a
 * geometry known only at run time (the geometry object is then unused),
 * and name_replay_geometry(dev, map, ctx, geo): for a map that a mapper
 * filled with map->replay set (every per-range mapping recorded), it calls
 * the hooks again for the same entries, without mapping anything, and
 * returns 0 with map->nents set, or the error of a hook (the map stays
 * mapped); -EINVAL if map->replay was not set. That lets a driver map a
 * request where it learns the entry count and write its table later.
 */
#define DEFINE_DMAVEC_MAPPER(name, source, emitter, ctx_type)		\
	__DMAVEC_MAPPER_##emitter(name, source, ctx_type, name##_)	\
static inline void name##_unmap(struct device *dev,			\
				struct dmavec_map *map)			\
{									\
	dmavec_unmap(dev, map);						\
}

/**
 * DEFINE_DMAVEC_MAPPER_WITH() - DEFINE_DMAVEC_MAPPER() with shared hooks
 * @name: prefix of the generated name_map() and name_unmap()
 * @source: bvec, pages or hmm
 * @emitter: sgl, prp or vec
 * @ctx_type: the driver's type handed to its hooks
 * @hooks: prefix of the driver's geometry and hooks (hooks_entry, ...)
 */
#define DEFINE_DMAVEC_MAPPER_WITH(name, source, emitter, ctx_type, hooks) \
	__DMAVEC_MAPPER_##emitter(name, source, ctx_type, hooks##_)	\
static inline void name##_unmap(struct device *dev,			\
				struct dmavec_map *map)			\
{									\
	dmavec_unmap(dev, map);						\
}

/**
 * DEFINE_DMAVEC_FLAT_SGL() - an SGL mapper for a table of one block
 * @name: prefix of the generated functions
 * @source: bvec, pages, hmm, or a source of another header
 * @ctx_type: the driver's type handed to its hooks
 *
 * For a table whose size is known only at run time, given as the geometry
 * of name_map_geometry() and name_replay_geometry(), and which never
 * chains: a request that would need more entries fails with -E2BIG.
 * Needs name_entry() and name_end(), defined before it.
 */
#define DEFINE_DMAVEC_FLAT_SGL(name, source, ctx_type)			\
static inline int name##_chain(typeof(ctx_type) *ctx, u32 i)		\
{									\
	return -E2BIG;							\
}									\
static const struct dmavec_sgl_geometry name##_geometry = {		\
	U32_MAX, 0, U32_MAX						\
};									\
DEFINE_DMAVEC_MAPPER(name, source, sgl, ctx_type)

/**
 * DEFINE_DMAVEC_COUNTER() - a mapper that maps and counts, writing nothing
 * @name: prefix of the generated functions
 * @source: as for DEFINE_DMAVEC_FLAT_SGL()
 * @ctx_type: what its (empty) hooks get
 *
 * With map->replay set, name_map_geometry() maps a request and sets
 * map->nents; a table instance of the same source writes the entries
 * later with its name_replay_geometry().
 */
#define DEFINE_DMAVEC_COUNTER(name, source, ctx_type)			\
static inline void name##_entry(typeof(ctx_type) *ctx, u32 i,		\
				dma_addr_t addr, u32 len)		\
{									\
}									\
static inline void name##_end(typeof(ctx_type) *ctx, u32 last)		\
{									\
}									\
DEFINE_DMAVEC_FLAT_SGL(name, source, ctx_type)

/*
 * An entry hook returns void, or int for one that can refuse an entry:
 * its error stops the walk. The choice is made at compile time, so a void
 * hook costs no test.
 */
#define __dmavec_hook_is_void(hook)					\
	__builtin_types_compatible_p(typeof(hook(NULL, 0, 0, 0)), void)

#define __DMAVEC_MAPPER_sgl(name, source, ctx_type, hooks)		\
static __always_inline int name##__entry(void *c, u32 i, dma_addr_t a,	\
					 u32 l)				\
{									\
	return __builtin_choose_expr(__dmavec_hook_is_void(hooks##entry), \
				     ({ hooks##entry(c, i, a, l); 0; }), \
				     hooks##entry(c, i, a, l));		\
}									\
static __always_inline int name##__chain(void *c, u32 i)		\
{									\
	return hooks##chain(c, i);					\
}									\
static __always_inline void name##__end(void *c, u32 last)		\
{									\
	hooks##end(c, last);						\
}									\
static __always_inline int name##__emit(void *e, void *c, dma_addr_t a,	\
					u32 l)				\
{									\
	return dmavec_sgl_add(e, a, l, c, name##__entry, name##__chain); \
}									\
static __always_inline int						\
name##__walk(struct device *dev, struct dmavec_map *map,		\
	     const struct dmavec_##source##_src *src,			\
	     typeof(ctx_type) *ctx, const struct dmavec_sgl_geometry *geo) \
{									\
	struct dmavec_limits lim = dmavec_dev_limits(dev);		\
	struct dmavec_sgl e;						\
	int ret;							\
									\
	dmavec_sgl_begin(&e, geo, &lim);				\
	if (src)							\
		ret = __dmavec_map(dev, map, src,			\
				   dmavec_##source##_next, &e, ctx,	\
				   name##__emit);			\
	else								\
		ret = __dmavec_replay(map, &e, ctx, name##__emit);	\
	if (!ret)							\
		ret = dmavec_sgl_finish(&e, ctx, name##__end);		\
	map->nents = e.n;						\
	return ret;							\
}									\
static inline int							\
name##_map_geometry(struct device *dev, struct dmavec_map *map,		\
		    const struct dmavec_##source##_src *src,		\
		    typeof(ctx_type) *ctx,				\
		    const struct dmavec_sgl_geometry *geo)		\
{									\
	return name##__walk(dev, map, src, ctx, geo);			\
}									\
static inline int							\
name##_replay_geometry(struct device *dev, struct dmavec_map *map,	\
		       typeof(ctx_type) *ctx,				\
		       const struct dmavec_sgl_geometry *geo)		\
{									\
	if (unlikely(!map->replay)) {					\
		pr_warn_once("dmavec: replay of a map without replay set\n"); \
		return -EINVAL;						\
	}								\
	return name##__walk(dev, map, NULL, ctx, geo);			\
}									\
static inline int name##_map(struct device *dev, struct dmavec_map *map, \
			     const struct dmavec_##source##_src *src,	\
			     typeof(ctx_type) *ctx)			\
{									\
	return name##_map_geometry(dev, map, src, ctx,			\
				   &hooks##geometry);			\
}

#define __DMAVEC_MAPPER_prp(name, source, ctx_type, hooks)		\
static __always_inline __le64 *name##__list(void *c, u32 i,		\
					    dma_addr_t *dma)		\
{									\
	return hooks##list(c, i, dma);					\
}									\
static __always_inline void name##__set(void *c, dma_addr_t p1,		\
					dma_addr_t p2)			\
{									\
	hooks##set(c, p1, p2);						\
}									\
static __always_inline int name##__emit(void *e, void *c, dma_addr_t a,	\
					u32 l)				\
{									\
	return dmavec_prp_add(e, a, l, c, name##__list);		\
}									\
static inline int name##_map(struct device *dev, struct dmavec_map *map, \
			     const struct dmavec_##source##_src *src,	\
			     typeof(ctx_type) *ctx)			\
{									\
	struct dmavec_prp e;						\
	int ret;							\
									\
	dmavec_prp_begin(&e, &hooks##geometry);				\
	ret = __dmavec_map(dev, map, src, dmavec_##source##_next, &e,	\
			   ctx, name##__emit);				\
	if (!ret)							\
		ret = dmavec_prp_finish(&e, ctx, name##__set);		\
	map->nents = e.n;						\
	return ret;							\
}

#define __DMAVEC_MAPPER_vec(name, source, ctx_type, ...)		\
static __always_inline int name##__emit(void *e, void *c, dma_addr_t a,	\
					u32 l)				\
{									\
	return dmavec_vec_add(e, a, l);					\
}									\
static inline int name##_map(struct device *dev, struct dmavec_map *map, \
			     const struct dmavec_##source##_src *src,	\
			     typeof(ctx_type) *ctx)			\
{									\
	int ret;							\
									\
	ctx->n = 0;							\
	ctx->lim = dmavec_dev_limits(dev);				\
	ret = __dmavec_map(dev, map, src, dmavec_##source##_next, ctx,	\
			   ctx, name##__emit);				\
	map->nents = ctx->n;						\
	return ret;							\
}

#endif /* _DMAVEC_ITER_TEMPLATE_H */
