// The first entry's DMA address and length, read before the loop on a
// one-segment path (megaraid, myrb), become scsi_dmavec_first(); so do
// they in a function that maps without a loop, reading the one entry of a
// one-segment command (myrb's pass-through). The variable that held
// scsi_sglist() for those reads goes.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct hba_req {
	__le64 data;
	__le32 data_len;
	struct hba_sge sgl[32];
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_req *req)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	if (n == 1) {
		sg = scsi_sglist(scp);
		req->data = cpu_to_le64(sg_dma_address(sg));
		req->data_len = cpu_to_le32(sg_dma_len(sg));
		return n;
	}
	scsi_for_each_sg(scp, sg, n, i) {
		req->sgl[i].addr = cpu_to_le64(sg_dma_address(sg));
		req->sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

static int hba_passthru(struct scsi_cmnd *scp, struct hba_req *req)
{
	struct scatterlist *sgl = scsi_sglist(scp);
	int n;

	n = scsi_dma_map(scp);
	if (n != 1)
		return -EINVAL;
	req->data = cpu_to_le64(sg_dma_address(sgl));
	req->data_len = cpu_to_le32(sg_dma_len(sgl));
	return n;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
