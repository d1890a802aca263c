// One call of each verdict of dma_map_sg_report.cocci.
#include <linux/dma-mapping.h>
#include <linux/scatterlist.h>
#include <scsi/scsi_cmnd.h>

struct hw_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

// AUTO: one table pointer, the entry through sg_dma_*(), no exit.
static int auto_copy(struct device *dev, struct scatterlist *sgl, int nents,
		     struct hw_sge *tbl)
{
	struct scatterlist *sg;
	int i, n;

	n = dma_map_sg(dev, sgl, nents, DMA_TO_DEVICE);
	for_each_sg(sgl, sg, n, i) {
		tbl[i].addr = cpu_to_le64(sg_dma_address(sg));
		tbl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

// AUTO: the body also reads the flags (a context struct carries them).
static int auto_flags(struct scsi_cmnd *cmd, struct hw_sge *tbl, u32 flags)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(cmd);
	scsi_for_each_sg(cmd, sg, n, i) {
		tbl[i].addr = cpu_to_le64(sg_dma_address(sg));
		tbl[i].len = cpu_to_le32(sg_dma_len(sg));
		tbl[i].flags = cpu_to_le32(flags);
	}
	return n;
}

// HAND: a length check leaves the loop.
static int hand_exit(struct device *dev, struct scatterlist *sgl, int nents,
		     struct hw_sge *tbl)
{
	struct scatterlist *sg;
	int i, n;

	n = dma_map_sg(dev, sgl, nents, DMA_FROM_DEVICE);
	for_each_sg(sgl, sg, n, i) {
		if (sg_dma_len(sg) & 3)
			return -EINVAL;
		tbl[i].addr = cpu_to_le64(sg_dma_address(sg));
	}
	return n;
}

// HAND: an sg_next() walk.
static int hand_walk(struct device *dev, struct scatterlist *sgl, int nents,
		     struct hw_sge *tbl)
{
	struct scatterlist *sg;
	int n;

	n = dma_map_sg(dev, sgl, nents, DMA_TO_DEVICE);
	for (sg = sgl; sg; sg = sg_next(sg))
		(tbl++)->addr = cpu_to_le64(sg_dma_address(sg));
	return n;
}

static void helper_fill(struct scatterlist *sgl, int n, struct hw_sge *tbl)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, n, i)
		tbl[i].len = cpu_to_le32(sg_dma_len(sg));
}

// HAND: a helper of the file copies the entries.
static int hand_helper(struct device *dev, struct sg_table *sgt,
		       struct hw_sge *tbl)
{
	int ret = dma_map_sgtable(dev, sgt, DMA_TO_DEVICE, 0);

	if (!ret)
		helper_fill(sgt->sgl, sgt->nents, tbl);
	return ret;
}
