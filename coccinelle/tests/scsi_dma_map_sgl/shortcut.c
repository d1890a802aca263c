// Not converted: a one-segment shortcut reads the entry's DMA address
// outside the loop, from a scatterlist the converted map would not fill.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sgl,
			__le64 *direct)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	if (n == 1) {
		*direct = cpu_to_le64(sg_dma_address(scsi_sglist(scp)));
		return n;
	}
	scsi_for_each_sg(scp, sg, n, i) {
		sgl[i].addr = cpu_to_le64(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
