// The body returns when the hardware cannot take an entry: the entry hook
// refuses it, and the function returns the same value when the emit fails.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (sg_dma_len(sg) > 0x10000)
			return -EINVAL;
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
