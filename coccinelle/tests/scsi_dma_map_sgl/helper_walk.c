// A helper walking a scatterlist parameter with sg_next() (vmw_pvscsi):
// it takes the command instead, and its caller passes the command whose
// scsi_sglist() it passed; the caller's one-segment path reads the first
// entry through scsi_dmavec_first().
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct hba_req {
	__le64 data;
	struct hba_sge *sgl;
};

static void hba_fill(struct hba_req *req, struct scatterlist *sg,
		     unsigned int count)
{
	struct hba_sge *sge = req->sgl;
	unsigned int i;

	for (i = 0; i < count; i++, sg = sg_next(sg)) {
		sge[i].addr = cpu_to_le64(sg_dma_address(sg));
		sge[i].len = cpu_to_le32(sg_dma_len(sg));
		sge[i].flags = 0;
	}
}

static int hba_map(struct scsi_cmnd *scp, struct hba_req *req)
{
	struct scatterlist *sg = scsi_sglist(scp);
	int segs = scsi_dma_map(scp);

	if (segs < 0)
		return segs;
	if (segs > 1)
		hba_fill(req, sg, segs);
	else
		req->data = cpu_to_le64(sg_dma_address(sg));
	return 0;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
