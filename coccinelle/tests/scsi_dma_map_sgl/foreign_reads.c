// A helper's loop converts with the file's map although another function
// reads mapped entries: those of a list it maps itself with dma_map_sg()
// (ibmvfc's BSG payloads), another mapping, which stays as it is.
#include <linux/dma-mapping.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
};

struct hba_job {
	struct scatterlist *sg_list;
	int sg_cnt;
};

static void hba_fill(struct scsi_cmnd *scp, int count, struct hba_sge *sgl)
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
	hba_fill(scp, n, sgl);
	return n;
}

static int hba_passthru(struct device *dev, struct hba_job *job,
			struct hba_sge *sge)
{
	if (!dma_map_sg(dev, job->sg_list, job->sg_cnt, DMA_TO_DEVICE))
		return -ENOMEM;
	sge->addr = cpu_to_le64(sg_dma_address(job->sg_list));
	sge->len = cpu_to_le32(sg_dma_len(job->sg_list));
	return 0;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
