// The body leaves by a block that unmaps and completes the command
// (myrs): the block moves to the function, run when the emit fails; the
// hook refuses the entry where it ran. The block's names are not the
// hooks' (scp is not in the context).
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
};

static int hba_queue(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (WARN_ON(!sgl)) {
			scsi_dma_unmap(scp);
			scp->result = DID_ERROR << 16;
			scsi_done(scp);
			return 0;
		}
		sgl->addr = cpu_to_le64(sg_dma_address(sg));
		sgl->len = cpu_to_le32(sg_dma_len(sg));
		sgl++;
	}
	return 0;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
