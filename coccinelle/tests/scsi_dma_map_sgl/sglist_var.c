// for_each_sg() from a variable set to the command's scsi_sglist(), the
// entry's own cursor too (sbp2), with a one-segment shortcut before the
// loop: the loop becomes the emit call, the shortcut reads
// scsi_dmavec_first(), and the variable goes.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_pte {
	__be32 high;
	__be32 low;
};

struct hba_orb {
	struct scsi_cmnd *cmd;
	__be32 data;
	struct hba_pte table[128];
};

static int hba_map(struct hba_orb *orb)
{
	struct scatterlist *sg = scsi_sglist(orb->cmd);
	int i, n;

	n = scsi_dma_map(orb->cmd);
	if (n <= 0)
		return -ENOMEM;
	if (n == 1) {
		orb->data = cpu_to_be32(sg_dma_address(sg));
		return 0;
	}
	for_each_sg(sg, sg, n, i) {
		orb->table[i].high = cpu_to_be32(sg_dma_len(sg) << 16);
		orb->table[i].low = cpu_to_be32(sg_dma_address(sg));
	}
	return 0;
}

static void hba_complete(struct hba_orb *orb)
{
	scsi_dma_unmap(orb->cmd);
	scsi_done(orb->cmd);
}
