// Not converted: the function reads an entry's DMA address outside the
// loop other than the first one before it: here the last entry, after the
// loop, from a scatterlist the converted map would not fill; and the
// second entry, in a single-entry path of another function.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sgl,
			__le64 *last)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		sgl[i].addr = cpu_to_le64(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	*last = cpu_to_le64(sg_dma_address(sg));
	return n;
}

static int hba_make_pair(struct scsi_cmnd *scp, __le64 *addr)
{
	struct scatterlist *sg;
	int n;

	n = scsi_dma_map(scp);
	sg = scsi_sglist(scp);
	addr[0] = cpu_to_le64(sg_dma_address(sg));
	sg = sg_next(sg);
	addr[1] = cpu_to_le64(sg_dma_address(sg));
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
