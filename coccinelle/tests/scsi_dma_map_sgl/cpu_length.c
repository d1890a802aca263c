// The body reads the entry's CPU length where its DMA length is meant
// (dc395x): the hook takes the entry's length, which is the same where no
// IOMMU merges entries and right where one does.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

struct hba_srb {
	struct hba_sge sge[64];
	u32 total;
};

static int hba_build(struct hba_srb *srb, struct scsi_cmnd *cmd)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(cmd);
	scsi_for_each_sg(cmd, sg, n, i) {
		srb->sge[i].addr = cpu_to_le32(sg_dma_address(sg));
		srb->sge[i].len = cpu_to_le32(sg->length);
		srb->total += sg->length;
	}
	return n;
}

static void hba_complete(struct scsi_cmnd *cmd)
{
	scsi_dma_unmap(cmd);
	scsi_done(cmd);
}
