// The loop counter is used after the loop only under #ifdef (aha1740's
// DEBUG dump): its declaration stays, for that build, with
// __maybe_unused, as the usual build no longer uses it.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	int n;

	n = scsi_dma_map(scp);
	if (n) {
		struct scatterlist *sg;
		int i;

		scsi_for_each_sg(scp, sg, n, i) {
			sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
			sgl[i].len = cpu_to_le32(sg_dma_len(sg));
		}
#ifdef HBA_DEBUG
		for (i = 0; i < n; i++)
			pr_info("%08x\n", le32_to_cpu(sgl[i].addr));
#endif
	}
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
