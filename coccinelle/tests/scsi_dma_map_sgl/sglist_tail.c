// for_each_sg() over scsi_sglist(), and the counter read after the loop to
// mark the last entry: the emit call leaves the count in it, as the loop did.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

#define HBA_SGE_LAST	1

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	if (n <= 0)
		return n;
	for_each_sg(scsi_sglist(scp), sg, n, i) {
		sgl[i].addr = cpu_to_le64(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
		sgl[i].flags = 0;
	}
	sgl[i - 1].flags |= cpu_to_le32(HBA_SGE_LAST);
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
