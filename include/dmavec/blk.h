/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmavec sources for block requests, so that a block driver maps a request
 * with no scatterlist:
 *
 *   rq       the request's data: its special payload if it has one, else
 *            the bio_vecs of each of its bios, as rq_for_each_bvec() walks
 *            them (multi-page bio_vecs, from each bio's current position)
 *   rq_meta  the request's integrity metadata: the integrity bio_vecs of
 *            each of its bios, as blk_rq_map_integrity_sg() walks them
 *
 *   DEFINE_DMAVEC_MAPPER(nvme_prp, rq, prp, struct nvme_iod);
 *   struct dmavec_rq_src src = { req };
 *   ret = nvme_prp_map(dev, &iod->map, &src, iod);
 *
 * The block layer has already split the request to the queue's limits, so
 * the number of ranges is at most blk_rq_nr_phys_segments() (or
 * req->nr_integrity_segments); contiguous ones merge again in the mapper.
 */
#ifndef _DMAVEC_BLK_H
#define _DMAVEC_BLK_H

#include <linux/bio-integrity.h>
#include <linux/blk-mq.h>
#include <dmavec/iter_template.h>

/**
 * struct dmavec_rq_src - the data of a block request
 * @rq: the request
 */
struct dmavec_rq_src {
	struct request *rq;
};

/**
 * struct dmavec_rq_meta_src - the integrity metadata of a block request
 * @rq: the request; blk_integrity_rq() must be true
 */
struct dmavec_rq_meta_src {
	struct request *rq;
};

/* Start a walk of @bio's data or integrity vectors from their position. */
static __always_inline void __dmavec_bio_start(struct dmavec_iter *it,
					       struct bio *bio, bool meta)
{
	it->pos = bio;
	if (bio)
		it->bi = meta ? bio_integrity(bio)->bip_iter : bio->bi_iter;
}

/* The next bio_vec of a chain of bios, moving to the next bio at the end. */
static __always_inline bool __dmavec_bio_next(struct dmavec_iter *it,
					      bool meta, phys_addr_t *phys,
					      u32 *len)
{
	struct bio *bio = (struct bio *)it->pos;
	const struct bio_vec *vecs;
	struct bio_vec bv;

	while (bio && !it->bi.bi_size) {
		bio = bio->bi_next;
		__dmavec_bio_start(it, bio, meta);
	}
	if (!bio)
		return false;
	vecs = meta ? bio_integrity(bio)->bip_vec : bio->bi_io_vec;
	bv = mp_bvec_iter_bvec(vecs, it->bi);
	bvec_iter_advance_single(vecs, &it->bi, bv.bv_len);
	*phys = bvec_phys(&bv);
	*len = bv.bv_len;
	return true;
}

static __always_inline bool dmavec_rq_next(const void *src,
					   struct dmavec_iter *it,
					   phys_addr_t *phys, u32 *len)
{
	struct request *rq = ((const struct dmavec_rq_src *)src)->rq;

	if (!it->i++) {
		if (rq->rq_flags & RQF_SPECIAL_PAYLOAD) {
			/* one range; it->pos stays NULL, which ends the walk */
			*phys = bvec_phys(&rq->special_vec);
			*len = rq->special_vec.bv_len;
			return true;
		}
		__dmavec_bio_start(it, rq->bio, false);
	}
	return __dmavec_bio_next(it, false, phys, len);
}

static __always_inline bool dmavec_rq_meta_next(const void *src,
						struct dmavec_iter *it,
						phys_addr_t *phys, u32 *len)
{
	struct request *rq = ((const struct dmavec_rq_meta_src *)src)->rq;

	if (!it->i++)
		__dmavec_bio_start(it, rq->bio, true);
	return __dmavec_bio_next(it, true, phys, len);
}

#endif /* _DMAVEC_BLK_H */
