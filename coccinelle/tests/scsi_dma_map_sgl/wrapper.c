// The map is in a wrapper returning the count, called through a macro
// by the function holding the loop (ncr53c8xx): the wrapper maps with
// dmavec, the loop becomes the emit, as in a helper.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

struct hba_priv {
	int mapped;
};

static int __hba_map_data(struct device *dev, struct scsi_cmnd *cmd)
{
	struct hba_priv *priv = scsi_cmd_priv(cmd);
	int use_sg;

	use_sg = scsi_dma_map(cmd);
	if (!use_sg)
		return 0;
	priv->mapped = use_sg;
	return use_sg;
}

#define hba_map_data(hba, cmd)	__hba_map_data((hba)->dev, cmd)

struct hba {
	struct device *dev;
	struct hba_sge sgl[64];
};

static int hba_scatter(struct hba *hba, struct scsi_cmnd *cmd)
{
	struct scatterlist *sg;
	int segment = 0;
	int use_sg = scsi_sg_count(cmd);

	use_sg = hba_map_data(hba, cmd);
	if (use_sg > 0) {
		scsi_for_each_sg(cmd, sg, use_sg, segment) {
			hba->sgl[segment].addr = cpu_to_le32(sg_dma_address(sg));
			hba->sgl[segment].len = cpu_to_le32(sg_dma_len(sg));
		}
	}
	return segment;
}

static void hba_complete(struct scsi_cmnd *cmd)
{
	scsi_dma_unmap(cmd);
	scsi_done(cmd);
}
