// The table pointer changes between the map and the loop on one path:
// the emit call, where the loop was, still gets its final value.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct hba_cmd {
	struct hba_sge sgl[16];
};

static int hba_make_sgl(struct scsi_cmnd *scp, void *frame)
{
	struct scatterlist *sg;
	struct hba_cmd *c;
	int i, n;

	c = frame;
	n = scsi_dma_map(scp);
	if (n > 8)
		c++;
	if (n < 0)
		return n;
	scsi_for_each_sg(scp, sg, n, i) {
		c->sgl[i].addr = cpu_to_le64(sg_dma_address(sg));
		c->sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
