// An #ifdef in the body moves into the hook on lines of its own
// (spatch --no-ifdef-to-if), its code rewritten like the rest (atp870u).
// spatch leaves the emptied directives where the loop was: a hand edit
// removes them.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	unsigned int total = 0;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
#ifdef HBA_DEBUG
		pr_info("entry %d, %u bytes so far\n", i, total);
#endif
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
		total += sg_dma_len(sg);
	}
	return total;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
