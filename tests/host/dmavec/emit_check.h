/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The emitters' contract, checked on one input: a list of DMA ranges, the
 * device's limits, an SGL geometry and a PRP page size. Shared by the
 * property test (emit_prop.c) and the libFuzzer target (emit_fuzz.c).
 *
 * - vec and SGL: the entries cover the input exactly once, in order; none
 *   is longer than max_seg or crosses a boundary; the SGL chains before
 *   exactly the entries that start a block and marks exactly the last one;
 *   more entries than the limit is -E2BIG.
 * - PRP: input that breaks NVMe's rules is -EINVAL; otherwise PRP1, PRP2
 *   and the chained list pages hold exactly the page addresses of the
 *   input, in order.
 */
#ifndef _EMIT_CHECK_H
#define _EMIT_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dmavec/emit.h>

#define CHECK_MAX_ENTRIES	4096
#define CHECK_MAX_LISTS		16

/* Report a broken property: the caller counts, the fuzzer aborts. */
static const char *check_failed;

#define CHECK(cond, what) do {					\
	if (!(cond)) {						\
		check_failed = what;				\
		return false;					\
	}							\
} while (0)

/* --- the expected split, computed independently of emit.h ------------- */

static u32 ref_split(const struct dma_vec *in, u32 n,
		     const struct dmavec_limits *lim, struct dma_vec *out,
		     u32 max)
{
	u32 i, k = 0;

	for (i = 0; i < n; i++) {
		u64 a = in[i].addr, left = in[i].len;

		while (left) {
			u64 seg_end = (a | lim->boundary) + 1; /* 0 on wrap */
			u64 l = left;

			if (l > lim->max_seg)
				l = lim->max_seg;
			if (seg_end && l > seg_end - a)
				l = seg_end - a;
			if (k < max) {
				out[k].addr = a;
				out[k].len = l;
			}
			k++;
			a += l;
			left -= l;
		}
	}
	return k;
}

/* --- vec ----------------------------------------------------------------- */

static bool check_vec(const struct dma_vec *in, u32 n,
		      const struct dmavec_limits *lim, u32 cap)
{
	static struct dma_vec ref[CHECK_MAX_ENTRIES], got[CHECK_MAX_ENTRIES];
	struct dmavec_vec_out o = { .v = got, .max = cap, .lim = *lim };
	u32 need = ref_split(in, n, lim, ref, CHECK_MAX_ENTRIES), i;
	int ret = 0;

	for (i = 0; i < n && !ret; i++)
		ret = dmavec_vec_add(&o, in[i].addr, in[i].len);
	if (need > cap) {
		CHECK(ret == -E2BIG, "vec: -E2BIG beyond capacity");
		return true;
	}
	CHECK(!ret, "vec: no error within capacity");
	CHECK(o.n == need, "vec: entry count");
	CHECK(!memcmp(got, ref, need * sizeof(*got)), "vec: entries");
	return true;
}

/* --- SGL ----------------------------------------------------------------- */

struct sgl_rec {
	struct dma_vec v[CHECK_MAX_ENTRIES];
	u32 chains[CHECK_MAX_ENTRIES];
	u32 nr_chains, last, ends, fail_chain_at, refuse_at, calls;
};

static int rec_entry(void *c, u32 i, dma_addr_t a, u32 len)
{
	struct sgl_rec *r = c;

	r->calls++;
	if (i == r->refuse_at)
		return -ECANCELED;
	r->v[i].addr = a;
	r->v[i].len = len;
	return 0;
}

static int rec_chain(void *c, u32 i)
{
	struct sgl_rec *r = c;

	if (r->nr_chains == r->fail_chain_at)
		return -ENOMEM;
	r->chains[r->nr_chains++] = i;
	return 0;
}

static void rec_end(void *c, u32 last)
{
	struct sgl_rec *r = c;

	r->last = last;
	r->ends++;
}

static bool check_sgl(const struct dma_vec *in, u32 n,
		      const struct dmavec_limits *lim,
		      const struct dmavec_sgl_geometry *geo)
{
	static struct dma_vec ref[CHECK_MAX_ENTRIES];
	static struct sgl_rec r;
	u32 need = ref_split(in, n, lim, ref, CHECK_MAX_ENTRIES), i, c, chained;
	struct dmavec_sgl e;
	int ret = 0;

	memset(&r, 0, sizeof(r));
	r.fail_chain_at = ~0u;
	r.refuse_at = ~0u;
	dmavec_sgl_begin(&e, geo, lim);
	for (i = 0; i < n && !ret; i++)
		ret = dmavec_sgl_add(&e, in[i].addr, in[i].len, &r, rec_entry,
				     rec_chain);
	if (need > geo->max_entries) {
		CHECK(ret == -E2BIG, "sgl: -E2BIG beyond max_entries");
		return true;
	}
	CHECK(!ret, "sgl: no error within max_entries");
	CHECK(!dmavec_sgl_finish(&e, &r, rec_end), "sgl: finish");
	CHECK(r.ends == 1 && r.last == need - 1, "sgl: end marks the last");
	CHECK(!memcmp(r.v, ref, need * sizeof(*ref)), "sgl: entries");
	for (c = 0, i = geo->first; i < need; i += geo->per_block, c++)
		CHECK(c < r.nr_chains && r.chains[c] == i, "sgl: chain index");
	CHECK(c == r.nr_chains, "sgl: no extra chain");
	chained = r.nr_chains;

	/* an entry hook that refuses entry k stops the emitter there */
	if (need) {
		u32 k = need / 2;

		memset(&r, 0, sizeof(r));
		r.fail_chain_at = ~0u;
		r.refuse_at = k;
		dmavec_sgl_begin(&e, geo, lim);
		for (ret = 0, i = 0; i < n && !ret; i++)
			ret = dmavec_sgl_add(&e, in[i].addr, in[i].len, &r,
					     rec_entry, rec_chain);
		CHECK(ret == -ECANCELED, "sgl: entry hook error returned");
		CHECK(r.calls == k + 1 && e.n == k, "sgl: stops at the refused entry");
		CHECK(!memcmp(r.v, ref, k * sizeof(*ref)), "sgl: entries before it");
	}

	/* a chain hook that fails stops the emitter with its error */
	if (chained) {
		memset(&r, 0, sizeof(r));
		r.fail_chain_at = 0;
		r.refuse_at = ~0u;
		dmavec_sgl_begin(&e, geo, lim);
		for (ret = 0, i = 0; i < n && !ret; i++)
			ret = dmavec_sgl_add(&e, in[i].addr, in[i].len, &r,
					     rec_entry, rec_chain);
		CHECK(ret == -ENOMEM, "sgl: chain error returned");
	}
	return true;
}

/* --- PRP ----------------------------------------------------------------- */

struct prp_rec {
	__le64 lists[CHECK_MAX_LISTS][8192 / 8];	/* up to 8 KiB pages */
	u32 nr_lists;
	u64 prp1, prp2;
	u32 sets;
};

#define LIST_DMA(i)	(0xd00000000ULL + (u64)(i) * 0x1000)

static __le64 *rec_list(void *c, u32 i, dma_addr_t *dma)
{
	struct prp_rec *r = c;

	if (i >= CHECK_MAX_LISTS)
		return NULL;
	r->nr_lists = i + 1;
	*dma = LIST_DMA(i);
	return r->lists[i];
}

static void rec_set(void *c, dma_addr_t p1, dma_addr_t p2)
{
	struct prp_rec *r = c;

	r->prp1 = p1;
	r->prp2 = p2;
	r->sets++;
}

static bool prp_legal(const struct dma_vec *in, u32 n, u32 ps)
{
	u32 i;

	for (i = 1; i < n; i++)
		if ((in[i].addr & (ps - 1)) ||
		    ((in[i - 1].addr + in[i - 1].len) & (ps - 1)))
			return false;
	return true;
}

static bool check_prp(const struct dma_vec *in, u32 n, u32 ps)
{
	static u64 want[CHECK_MAX_LISTS * 512 + 2];
	struct dmavec_prp_geometry geo = { .page_size = ps };
	static struct prp_rec r;
	u32 per = ps / 8, i, k = 0, page = 0, slot = 0;
	struct dmavec_prp e;
	int ret = 0;
	u64 a;

	memset(&r, 0, sizeof(r));
	dmavec_prp_begin(&e, &geo);
	for (i = 0; i < n && !ret; i++)
		ret = dmavec_prp_add(&e, in[i].addr, in[i].len, &r, rec_list);
	if (!prp_legal(in, n, ps)) {
		CHECK(ret == -EINVAL, "prp: illegal gap is -EINVAL");
		return true;
	}
	for (i = 0; i < n; i++)
		for (a = in[i].addr; a < in[i].addr + in[i].len;
		     a = (a & ~(u64)(ps - 1)) + ps)
			if (k < sizeof(want) / sizeof(want[0]))
				want[k++] = a;
	/* lists needed: entries 1..k-1, per - 1 per page but the last */
	if (k > 2 && (k - 1 + per - 3) / (per - 1) > CHECK_MAX_LISTS) {
		CHECK(ret == -ENOMEM, "prp: out of list pages is -ENOMEM");
		return true;
	}
	CHECK(!ret, "prp: legal input maps");
	CHECK(!dmavec_prp_finish(&e, &r, rec_set) && r.sets == 1, "prp: set once");
	CHECK(r.prp1 == want[0], "prp: PRP1");
	if (k == 1) {
		CHECK(r.prp2 == 0, "prp: no PRP2 for one page");
		return true;
	}
	if (k == 2) {
		CHECK(r.prp2 == want[1] && !r.nr_lists, "prp: PRP2 is data");
		return true;
	}
	CHECK(r.prp2 == LIST_DMA(0), "prp: PRP2 points to the list");
	for (i = 1; i < k; i++) {
		if (slot == per - 1 && i < k - 1) {
			CHECK(le64_to_cpu(r.lists[page][slot]) ==
			      LIST_DMA(page + 1), "prp: chain slot");
			page++;
			slot = 0;
		}
		CHECK(le64_to_cpu(r.lists[page][slot]) == want[i], "prp: entry");
		slot++;
	}
	CHECK(r.nr_lists == page + 1, "prp: list pages used");
	return true;
}

static bool check_all(const struct dma_vec *in, u32 n,
		      const struct dmavec_limits *lim,
		      const struct dmavec_sgl_geometry *geo, u32 vec_cap,
		      u32 page_size)
{
	return check_vec(in, n, lim, vec_cap) && check_sgl(in, n, lim, geo) &&
	       check_prp(in, n, page_size);
}

#endif /* _EMIT_CHECK_H */
