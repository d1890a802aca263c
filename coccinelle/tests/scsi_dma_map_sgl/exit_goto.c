// The body jumps to the function's error path (3w-9xxx): the hook
// refuses the entry after what the body did first, the function jumps
// when the emit fails.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

struct hba {
	struct Scsi_Host *host;
	struct hba_sge *sgl;
};

static int hba_queue(struct hba *hba, struct scsi_cmnd *scp)
{
	struct scatterlist *sg;
	int i, n, ret = 1;

	n = scsi_dma_map(scp);
	if (n < 0)
		goto out;
	scsi_for_each_sg(scp, sg, n, i) {
		hba->sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		hba->sgl[i].len = cpu_to_le32(sg_dma_len(sg));
		if (sg_dma_address(sg) & 3) {
			shost_printk(KERN_ERR, hba->host, "unaligned entry %d\n", i);
			goto out;
		}
	}
	ret = 0;
out:
	return ret;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
