// The loop walks the command by another name than the map's (3w-xxxx):
// converted, as the map's command is a variable set once to that name.
// The second function changes its variable after: not converted.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

struct hba {
	struct scsi_cmnd *srb[16];
	struct hba_sge *sgl;
};

static int hba_read_write(struct hba *hba, int tag)
{
	struct scsi_cmnd *srb;
	struct scatterlist *sg;
	int i, n;

	srb = hba->srb[tag];
	n = scsi_dma_map(srb);
	if (n <= 0)
		return 1;
	scsi_for_each_sg(hba->srb[tag], sg, n, i) {
		hba->sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		hba->sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return 0;
}

static int hba_other(struct hba *hba, int tag)
{
	struct scsi_cmnd *srb;
	struct scatterlist *sg;
	int i, n;

	srb = hba->srb[tag];
	n = scsi_dma_map(srb);
	if (n <= 0)
		return 1;
	srb = hba->srb[tag + 1];
	scsi_for_each_sg(hba->srb[tag], sg, n, i) {
		hba->sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		hba->sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return srb ? 0 : 1;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
