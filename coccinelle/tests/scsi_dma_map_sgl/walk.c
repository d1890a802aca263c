// An sg_next() walk in the mapping function, from a variable set to
// scsi_sglist(): the loop becomes the emit call, and the variable goes.
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
	if (n <= 0)
		return n;
	sg = scsi_sglist(scp);
	for (i = 0; i < n; i++, sg = sg_next(sg)) {
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
