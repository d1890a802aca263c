// A body that skips entries with continue (mesh: the entries before the
// data pointer): the hook returns having written nothing, and the walk
// goes on; with a return as well, the hook is int and continue returns 0.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

static int hba_skip(struct scsi_cmnd *scp, struct hba_sge *sge, u32 off)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		u32 len = sg_dma_len(sg);

		if (off >= len) {
			off -= len;
			continue;
		}
		sge->addr = cpu_to_le32(sg_dma_address(sg) + off);
		sge->len = cpu_to_le32(len - off);
		sge++;
		off = 0;
	}
	return n;
}

static int hba_skip_or_fail(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (!sg_dma_len(sg))
			continue;
		if (sg_dma_len(sg) > 0x10000)
			return -EINVAL;
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
