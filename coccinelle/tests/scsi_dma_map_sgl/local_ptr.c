// The table pointer is a local set after the map: the emit call, where the
// loop was, takes its final value.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *table)
{
	struct scatterlist *sg;
	struct hba_sge *sgl;
	int i, n;

	n = scsi_dma_map(scp);
	sgl = table + 1;
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
