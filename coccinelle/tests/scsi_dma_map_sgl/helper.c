// The copy loop is in a helper the mapping function calls with the mapped
// count: the helper's loop becomes the emit call and the map
// scsi_dmavec_map(), as every map of the file reaches the helper.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

static void hba_fill(struct scsi_cmnd *scp, struct hba_sge *sgl, int count)
{
	struct scatterlist *sg;
	int i;

	scsi_for_each_sg(scp, sg, count, i) {
		sgl[i].addr = cpu_to_le64(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
}

static int hba_queue(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	int n;

	n = scsi_dma_map(scp);
	if (n < 0)
		return n;
	hba_fill(scp, sgl, n);
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
