// Not converted: the body reads nine values; a context struct holds eight.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sgl,
			u32 a, u32 b, u32 c, u32 e, u32 f, u32 g, u32 h)
{
	struct scatterlist *sg;
	int i, n;
	u32 d = a ^ b;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		sgl[i].addr = cpu_to_le64(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
		sgl[i].flags = cpu_to_le32(a | b | c | d | e | f | g | h);
	}
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
