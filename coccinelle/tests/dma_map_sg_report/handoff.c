// NOT: the mapped table goes to another layer, nothing here reads it.
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>

static int not_handoff(struct dma_chan *chan, struct scatterlist *sgl, int nents)
{
	struct dma_async_tx_descriptor *tx;
	int n;

	n = dma_map_sg(chan->device->dev, sgl, nents, DMA_TO_DEVICE);
	if (!n)
		return -EIO;
	tx = dmaengine_prep_slave_sg(chan, sgl, n, DMA_MEM_TO_DEV, 0);
	return tx ? 0 : -ENOMEM;
}
