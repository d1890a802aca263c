// A function after "static DEF_SCSI_QCMD(name)" whose return type is a
// keyword (3w-9xxx, atp870u): spatch parses it with coccinelle/macros.h.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

static int hba_queuecommand_lck(struct scsi_cmnd *scp)
{
	return 0;
}

static DEF_SCSI_QCMD(hba_queuecommand)

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
