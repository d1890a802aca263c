// SPDX-License-Identifier: GPL-2.0-only
/*
 * The example HBA's command processor: a doorbell, one work item per posted
 * command, and a DMA engine that reaches memory only through DMA addresses
 * (see ehba_fw.h). For each command it reads the descriptor, checks the
 * whole SGL against the format and the HBA's limits, lets the logical unit
 * execute the CDB while data moves through the SGL, writes the status back
 * into the descriptor and raises the interrupt.
 */
#include <linux/atomic.h>
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>
#include <dmavec/edu.h>

#include "ehba_fw.h"

/* Bytes the edu engine carries for a sampled command (its buffer is 4K). */
#define EHBA_SAMPLE_BYTES	2048

/* A walk of one command's SGL, element by element. */
struct ehba_sgl_cursor {
	struct ehba_sge blk[EHBA_BLOCK_SGES];	/* the block being walked */
	u32 i;				/* next element of @blk */
	u32 n;				/* elements in @blk */
	dma_addr_t addr;		/* what is left of the current element */
	u32 left;
	bool end;			/* the END element was reached */
	u32 sges;			/* data elements so far */
	u32 blocks;			/* chain blocks so far */
};

/* One posted command: the HBA's own memory for it. */
struct ehba_fw_slot {
	struct work_struct work;
	struct ehba_fw *fw;
	dma_addr_t desc_dma;
	u16 tag;
	atomic_t held;			/* stalled: posted, never started */
	struct ehba_desc desc;
	struct ehba_sgl_cursor cursor;
};

struct ehba_fw {
	struct ehba_fw_config cfg;
	struct ehba_target target;
	struct workqueue_struct *wq;
	atomic_t sample_count;
	atomic_t sampling;		/* an edu sample is in flight */
	u8 *sample_buf;
	atomic_long_t cmds;
	atomic_long_t sges;
	atomic_long_t blocks;
	atomic_long_t samples;
	atomic_long_t errors;
	atomic_t max_sges;
	atomic_t stall;			/* commands still to hold */
	struct ehba_fw_slot slot[] __counted_by(cfg.slots);
};

/*
 * Move @len bytes between @buf and DMA address @addr, as the device's DMA
 * does: page by page through the translation, since the pages behind one
 * contiguous IOVA range need not be contiguous.
 */
static int ehba_dma(struct ehba_fw *fw, dma_addr_t addr, void *buf, u32 len,
		    bool to_mem)
{
	phys_addr_t phys;
	u32 n;
	void *va;

	for (; len; addr += n, buf += n, len -= n) {
		n = min_t(u32, len, PAGE_SIZE - offset_in_page(addr));
		phys = edu_dev_phys(fw->cfg.dev, addr);
		if (!phys || !pfn_valid(PHYS_PFN(phys)))
			return -EFAULT;
		va = kmap_local_pfn(PHYS_PFN(phys)) + offset_in_page(phys);
		if (to_mem)
			memcpy(va, buf, n);
		else
			memcpy(buf, va, n);
		kunmap_local(va);
	}
	return 0;
}

/*
 * Let the edu engine carry the piece, and check that it reached the same
 * bytes as the translation did: the proof that what ehba_dma() reaches is
 * what the device reaches.
 */
static int ehba_dma_edu(struct ehba_fw *fw, dma_addr_t addr, void *buf,
			u32 len, bool to_mem)
{
	u8 *seen = fw->sample_buf;
	int ret;

	/* the engine moves the bytes; the translation reads them back */
	if (to_mem)
		ret = edu_write(fw->cfg.edu, addr, buf, len) ?:
		      ehba_dma(fw, addr, seen, len, false);
	else
		ret = edu_read(fw->cfg.edu, addr, seen, len) ?:
		      ehba_dma(fw, addr, buf, len, false);
	if (!ret && memcmp(seen, buf, len))
		ret = -EIO;
	atomic_long_inc(&fw->samples);
	if (ret)
		dev_err(fw->cfg.dev, "edu sample at %pad (%u bytes) differs from the translation: %d\n",
			&addr, len, ret);
	return ret;
}

static void ehba_cursor_start(struct ehba_sgl_cursor *c,
			      const struct ehba_desc *d)
{
	memcpy(c->blk, d->sgl, sizeof(d->sgl));
	c->n = EHBA_DESC_SGES;
	c->i = 0;
	c->left = 0;
	c->end = false;
	c->sges = 0;
	c->blocks = 0;
}

/* Load the next data element, following chains: 0 or a host status. */
static u8 ehba_cursor_next(struct ehba_fw *fw, struct ehba_sgl_cursor *c)
{
	const struct ehba_sge *e;
	u32 flags, len;
	u64 addr;

	for (;;) {
		if (c->end || c->i == c->n)
			return EHBA_HS_BAD_SGL;		/* past the end */
		e = &c->blk[c->i++];
		addr = le64_to_cpu(e->addr);
		len = le32_to_cpu(e->len);
		flags = le32_to_cpu(e->flags);
		if (!(flags & EHBA_SGE_CHAIN))
			break;
		if (!len || len % sizeof(*e) || len > sizeof(c->blk) ||
		    ++c->blocks > EHBA_MAX_SGES)
			return EHBA_HS_BAD_SGL;
		if (ehba_dma(fw, addr, c->blk, len, false))
			return EHBA_HS_DMA_FAULT;
		c->i = 0;
		c->n = len / sizeof(*e);
	}
	if (!len || len > fw->cfg.max_seg ||
	    ((addr ^ (addr + len - 1)) & ~(u64)fw->cfg.boundary) ||
	    ++c->sges > EHBA_MAX_SGES)
		return EHBA_HS_BAD_SGL;
	c->addr = addr;
	c->left = len;
	c->end = flags & EHBA_SGE_END;
	return 0;
}

/* Walk the whole SGL: well formed, within limits, @data_len bytes. */
static u8 ehba_check_sgl(struct ehba_fw *fw, struct ehba_fw_slot *s)
{
	struct ehba_sgl_cursor *c = &s->cursor;
	u64 total = 0;
	int old;
	u8 hs;

	ehba_cursor_start(c, &s->desc);
	do {
		hs = ehba_cursor_next(fw, c);
		if (hs)
			return hs;
		total += c->left;
	} while (!c->end);
	if (total != le32_to_cpu(s->desc.data_len))
		return EHBA_HS_BAD_SGL;

	atomic_long_add(c->sges, &fw->sges);
	atomic_long_add(c->blocks, &fw->blocks);
	old = atomic_read(&fw->max_sges);
	while (c->sges > old && !atomic_try_cmpxchg(&fw->max_sges, &old, c->sges))
		;
	return 0;
}

/**
 * ehba_io_xfer() - move data of a command through its SGL
 * @io: the command
 * @buf: the logical unit's end of the transfer
 * @len: bytes to move, from where the previous transfer stopped
 * @to_host: true to write host memory (the command reads from the unit)
 *
 * Return: 0, or -EIO with @io->host_status set when the SGL, an address or
 * the direction is wrong.
 */
int ehba_io_xfer(struct ehba_io *io, void *buf, u32 len, bool to_host)
{
	struct ehba_sgl_cursor *c = io->cursor;
	struct ehba_fw *fw = io->fw;
	u32 n;
	int ret;

	if (len && io->desc->dir != (to_host ? EHBA_DIR_FROM_DEV : EHBA_DIR_TO_DEV))
		io->host_status = EHBA_HS_BAD_SGL;
	while (len && !io->host_status) {
		if (!c->left) {
			io->host_status = ehba_cursor_next(fw, c);
			continue;
		}
		n = min(len, c->left);
		if (io->sample) {
			n = min(n, EHBA_SAMPLE_BYTES);
			io->sample = false;
			ret = ehba_dma_edu(fw, c->addr, buf, n, to_host);
		} else {
			ret = ehba_dma(fw, c->addr, buf, n, to_host);
		}
		if (ret) {
			io->host_status = EHBA_HS_DMA_FAULT;
			break;
		}
		c->addr += n;
		c->left -= n;
		buf += n;
		len -= n;
		io->moved += n;
	}
	return io->host_status ? -EIO : 0;
}

/* One in sample_every commands, if no other sample is in flight. */
static bool ehba_sample_start(struct ehba_fw *fw)
{
	if (!fw->cfg.edu || !fw->cfg.sample_every ||
	    atomic_inc_return(&fw->sample_count) % fw->cfg.sample_every)
		return false;
	return !atomic_xchg(&fw->sampling, 1);
}

static u8 ehba_execute(struct ehba_fw *fw, struct ehba_fw_slot *s)
{
	struct ehba_desc *d = &s->desc;
	struct ehba_io io = {
		.fw = fw,
		.desc = d,
		.cursor = &s->cursor,
	};
	bool no_data = d->dir == EHBA_DIR_NONE, sampled;
	u8 hs;

	if (le16_to_cpu(d->tag) != s->tag || d->dir > EHBA_DIR_FROM_DEV ||
	    no_data != !d->data_len)
		return EHBA_HS_BAD_SGL;
	if (d->data_len) {
		hs = ehba_check_sgl(fw, s);
		if (hs)
			return hs;
	}
	ehba_cursor_start(&s->cursor, d);
	sampled = d->data_len && ehba_sample_start(fw);
	io.sample = sampled;
	ehba_target_exec(&fw->target, &io);
	if (sampled)
		atomic_set(&fw->sampling, 0);
	d->status = io.status;
	d->sense_len = io.sense_len;
	memcpy(d->sense, io.sense, io.sense_len);
	d->residual = cpu_to_le32(le32_to_cpu(d->data_len) - io.moved);
	return io.host_status;
}

static void ehba_fw_work(struct work_struct *work)
{
	struct ehba_fw_slot *s = container_of(work, struct ehba_fw_slot, work);
	struct ehba_fw *fw = s->fw;
	struct ehba_desc *d = &s->desc;
	size_t status_off = offsetof(struct ehba_desc, status);
	u8 hs = EHBA_HS_DMA_FAULT;

	atomic_long_inc(&fw->cmds);
	if (!ehba_dma(fw, s->desc_dma, d, sizeof(*d), false)) {
		hs = ehba_execute(fw, s);
		d->host_status = hs;
		if (ehba_dma(fw, s->desc_dma + status_off, &d->status,
			     sizeof(*d) - status_off, true))
			hs = EHBA_HS_DMA_FAULT;
	}
	if (hs) {
		atomic_long_inc(&fw->errors);
		dev_err_ratelimited(fw->cfg.dev, "command %u failed: host status %u\n",
				    s->tag, hs);
	}
	fw->cfg.irq(fw->cfg.irq_arg, s->tag, hs);
}

/**
 * ehba_fw_start() - power the HBA on
 * @cfg: how it is built and set up
 *
 * Return: the firmware, or an ERR_PTR(): -EINVAL for a configuration it
 * cannot serve, -ENOMEM.
 */
struct ehba_fw *ehba_fw_start(const struct ehba_fw_config *cfg)
{
	struct ehba_fw *fw;
	unsigned int i;
	int ret;

	if (!cfg->slots || cfg->slots > U16_MAX + 1 || !cfg->luns ||
	    !cfg->lun_blocks || !cfg->max_seg)
		return ERR_PTR(-EINVAL);
	fw = kzalloc(struct_size(fw, slot, cfg->slots), GFP_KERNEL);
	if (!fw)
		return ERR_PTR(-ENOMEM);
	fw->cfg = *cfg;
	ret = -ENOMEM;
	if (cfg->edu) {
		fw->sample_buf = kmalloc(EHBA_SAMPLE_BYTES, GFP_KERNEL);
		if (!fw->sample_buf)
			goto out_free;
	}
	ret = ehba_target_init(&fw->target, cfg->luns, cfg->lun_blocks);
	if (ret)
		goto out_free;
	ret = -ENOMEM;
	fw->wq = alloc_workqueue("ehba_fw/%s", WQ_UNBOUND | WQ_MEM_RECLAIM, 0,
				 dev_name(cfg->dev));
	if (!fw->wq)
		goto out_target;
	for (i = 0; i < cfg->slots; i++) {
		INIT_WORK(&fw->slot[i].work, ehba_fw_work);
		fw->slot[i].fw = fw;
		fw->slot[i].tag = i;
	}
	return fw;

out_target:
	ehba_target_free(&fw->target);
out_free:
	kfree(fw->sample_buf);
	kfree(fw);
	return ERR_PTR(ret);
}

/**
 * ehba_fw_post() - ring the doorbell: the HBA takes a command
 * @fw: the firmware
 * @tag: the command's tag, below the configured slots
 * @desc: DMA address of its descriptor
 */
void ehba_fw_post(struct ehba_fw *fw, u16 tag, dma_addr_t desc)
{
	struct ehba_fw_slot *s = &fw->slot[tag];

	s->desc_dma = desc;
	if (atomic_add_unless(&fw->stall, -1, 0))
		atomic_set(&s->held, 1);	/* until aborted */
	else
		queue_work(fw->wq, &s->work);
}

/**
 * ehba_fw_abort() - take a command back from the HBA
 * @fw: the firmware
 * @tag: the command's tag
 *
 * Return: true if the command had not started and never will; false if it
 * has completed, its interrupt raised, by the time this returns.
 */
bool ehba_fw_abort(struct ehba_fw *fw, u16 tag)
{
	struct ehba_fw_slot *s = &fw->slot[tag];

	return atomic_xchg(&s->held, 0) || cancel_work_sync(&s->work);
}

/**
 * ehba_fw_stall() - fault injection: hold the next commands posted
 * @fw: the firmware
 * @n: how many; each is held, never started, until aborted
 *
 * The way to make a command time out, so that the error handler's abort
 * can be tested.
 */
void ehba_fw_stall(struct ehba_fw *fw, unsigned int n)
{
	atomic_set(&fw->stall, n);
}

/**
 * ehba_fw_flush() - wait until every posted command has completed
 * @fw: the firmware
 */
void ehba_fw_flush(struct ehba_fw *fw)
{
	flush_workqueue(fw->wq);
}

/**
 * ehba_fw_stop() - power the HBA off, after its last command completed
 * @fw: the firmware
 */
void ehba_fw_stop(struct ehba_fw *fw)
{
	destroy_workqueue(fw->wq);
	ehba_target_free(&fw->target);
	kfree(fw->sample_buf);
	kfree(fw);
}

/**
 * ehba_fw_show_stats() - the HBA's counters, for sysfs
 * @fw: the firmware
 * @buf: the sysfs buffer
 * @at: bytes already in @buf
 *
 * Return: bytes added.
 */
int ehba_fw_show_stats(struct ehba_fw *fw, char *buf, int at)
{
	return sysfs_emit_at(buf, at,
			     "commands %ld\nelements %ld\nchain_blocks %ld\nmax_elements %d\nedu_samples %ld\nerrors %ld\n",
			     atomic_long_read(&fw->cmds),
			     atomic_long_read(&fw->sges),
			     atomic_long_read(&fw->blocks),
			     atomic_read(&fw->max_sges),
			     atomic_long_read(&fw->samples),
			     atomic_long_read(&fw->errors));
}
