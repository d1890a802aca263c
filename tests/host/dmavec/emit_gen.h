/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Random inputs for the emitter checks, drawn from a byte stream so that
 * the property test (a PRNG) and the fuzzer (its input) share one decoder.
 */
#ifndef _EMIT_GEN_H
#define _EMIT_GEN_H

#include "emit_check.h"

#define GEN_MAX_RANGES	64

struct gen_case {
	struct dma_vec in[GEN_MAX_RANGES];
	u32 n;
	struct dmavec_limits lim;
	struct dmavec_sgl_geometry geo;
	u32 vec_cap;
	u32 page_size;
};

struct gen_src {
	const u8 *p;
	size_t left;
};

static u32 gen_u32(struct gen_src *s)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		v = v << 8 | (s->left ? *s->p : 0);
		if (s->left) {
			s->p++;
			s->left--;
		}
	}
	return v;
}

/*
 * Ranges are page-aligned in their interior (PRP-legal, as the IOVA path
 * and most block I/O produce) half the time; otherwise they only start on
 * pages, only end on pages (the two gaps NVMe forbids) or are arbitrary.
 */
static void gen_decode(struct gen_case *c, struct gen_src *s)
{
	static const unsigned long boundaries[] = {
		0xfff, 0xffff, 0xfffff, 0xffffffff, ~0UL };
	static const u32 segs[] = { 512, 4096, 65536, 1 << 20, 0xffffffff };
	u32 ctl = gen_u32(s), i;
	u32 mode = ctl % 6;
	bool starts = mode == 1 || mode >= 3, ends = mode == 2 || mode >= 3;
	u64 a;

	c->n = 1 + (ctl >> 2) % GEN_MAX_RANGES;
	c->lim.max_seg = segs[(ctl >> 8) % 5];
	c->lim.boundary = boundaries[(ctl >> 12) % 5];
	c->geo.first = (ctl >> 16) % 9;
	c->geo.per_block = 1 + (ctl >> 20) % 16;
	c->geo.max_entries = 1 + gen_u32(s) % CHECK_MAX_ENTRIES;
	c->vec_cap = 1 + gen_u32(s) % CHECK_MAX_ENTRIES;
	c->page_size = 4096 << ((ctl >> 24) % 2);
	for (i = 0; i < c->n; i++) {
		u32 r = gen_u32(s), len = 1 + gen_u32(s) % (3 * 65536);

		a = (u64)(r & 0xfffff) << 12 | (gen_u32(s) & 0xfff);
		if (starts && i)
			a &= ~(u64)(c->page_size - 1);
		if (ends && i < c->n - 1)
			len = ((a + len + c->page_size - 1) &
			       ~(u64)(c->page_size - 1)) - a;
		c->in[i].addr = a;
		c->in[i].len = len;
	}
}

#endif /* _EMIT_GEN_H */
