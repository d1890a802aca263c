// One map in the file is convertible, the other is not: the first is
// converted, the second keeps scsi_dma_map(), and the shared unmap,
// scsi_dmavec_unmap(), undoes either.
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
		sgl[i].addr = cpu_to_le64(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

static int hba_make_pio(struct scsi_cmnd *scp, void **va)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i)
		va[i] = sg_virt(sg);
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
