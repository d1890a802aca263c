// Not converted: the copy loop is in a helper, and one map of the file
// (a one-segment path) does not reach it; the helper could not tell which
// map its command had.
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

static int hba_queue_one(struct scsi_cmnd *scp, __le64 *direct)
{
	int n = scsi_dma_map(scp);

	if (n == 1)
		*direct = cpu_to_le64(sg_dma_address(scsi_sglist(scp)));
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
