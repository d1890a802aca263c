// Not converted: a dma_map_sg() whose mapping outlives its function: the
// list is unmapped in another function (a completion), or only on the
// error path. A local mapping would not reach there.
#include <linux/dma-mapping.h>
#include <linux/scatterlist.h>

struct hw_desc {
	__le32 addr;
	__le32 len;
};

struct hw {
	struct device *dev;
	struct hw_desc *desc;
	struct scatterlist *sgl;
	int nents;
};

static int hw_start(struct hw *hw)
{
	struct scatterlist *sg;
	int i, n;

	n = dma_map_sg(hw->dev, hw->sgl, hw->nents, DMA_TO_DEVICE);
	if (!n)
		return -EIO;
	for_each_sg(hw->sgl, sg, n, i) {
		hw->desc[i].addr = cpu_to_le32(sg_dma_address(sg));
		hw->desc[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return 0;
}

static void hw_done(struct hw *hw)
{
	dma_unmap_sg(hw->dev, hw->sgl, hw->nents, DMA_TO_DEVICE);
}

/* mapped for the device on success, unmapped only on the error path */
static int hw_run(struct hw *hw, int n);

static int hw_start_param(struct hw *hw, struct scatterlist *sgl, int nents)
{
	struct scatterlist *sg;
	int i, n;

	n = dma_map_sg(hw->dev, sgl, nents, DMA_TO_DEVICE);
	if (!n)
		return -EIO;
	for_each_sg(sgl, sg, n, i) {
		hw->desc[i].addr = cpu_to_le32(sg_dma_address(sg));
		hw->desc[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	if (hw_run(hw, n)) {
		dma_unmap_sg(hw->dev, sgl, nents, DMA_TO_DEVICE);
		return -EIO;
	}
	return 0;
}
