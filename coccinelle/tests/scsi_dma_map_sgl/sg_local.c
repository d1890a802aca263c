// A dma_map_sg() user that copies the mapped entries into its hardware
// table and unmaps in the same function (a synchronous transfer): the
// mapping becomes a local struct dmavec_sg (<dmavec/sg.h>).
#include <linux/dma-mapping.h>
#include <linux/scatterlist.h>

struct hw_desc {
	__le32 addr;
	__le32 len;
};

struct hw {
	struct device *dev;
	struct hw_desc *desc;
};

static int hw_run(struct hw *hw, int n);

static int hw_xfer(struct hw *hw, struct scatterlist *sgl, int nents)
{
	struct scatterlist *sg;
	int i, n, ret;

	n = dma_map_sg(hw->dev, sgl, nents, DMA_TO_DEVICE);
	if (!n)
		return -EIO;
	for_each_sg(sgl, sg, n, i) {
		hw->desc[i].addr = cpu_to_le32(sg_dma_address(sg));
		hw->desc[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	ret = hw_run(hw, n);
	dma_unmap_sg(hw->dev, sgl, nents, DMA_TO_DEVICE);
	return ret;
}

/* the table pointer advances per entry: a context struct and a wrapper */
static int hw_xfer_chain(struct hw *hw, struct scatterlist *sgl, int nents)
{
	struct hw_desc *d = hw->desc;
	struct scatterlist *sg;
	int i, n, ret;

	n = dma_map_sg(hw->dev, sgl, nents, DMA_FROM_DEVICE);
	if (!n)
		return -EIO;
	for_each_sg(sgl, sg, n, i) {
		d->addr = cpu_to_le32(sg_dma_address(sg));
		d->len = cpu_to_le32(sg_dma_len(sg));
		d++;
	}
	ret = hw_run(hw, n);
	dma_unmap_sg(hw->dev, sgl, nents, DMA_FROM_DEVICE);
	return ret;
}
