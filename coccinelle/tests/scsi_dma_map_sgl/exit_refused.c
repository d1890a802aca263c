// Not converted: ways of leaving the loop the hook cannot reproduce.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le32 addr;
	__le32 len;
};

// a return and a break
static int hba_two_exits(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (sg_dma_len(sg) > 0x10000)
			return -EINVAL;
		if (i > 32)
			break;
		sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

// a break of a switch in the body, not of the loop
static int hba_switch(struct scsi_cmnd *scp, struct hba_sge *sgl, int mode)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		switch (mode) {
		case 1:
			sgl[i].addr = cpu_to_le32(sg_dma_address(sg) | 1);
			break;
		default:
			sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
			break;
		}
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

// unmaps the command where it does not leave the loop
static int hba_unmap_inside(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (!sgl)
			scsi_dma_unmap(scp);
		if (sg_dma_len(sg) > 0x10000)
			return -EINVAL;
		sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

// returns 0, what the hook returns for an entry it takes
static int hba_returns_zero(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (sg_dma_len(sg) > 0x10000)
			return 0;
		sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

// returns the counter: the loop's own
static int hba_returns_counter(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (sg_dma_len(sg) > 0x10000)
			return i;
		sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

// a break: it stops the walk without failing it, which a hook cannot say
static int hba_break(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (i > 32)
			break;
		sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
}

// a continue and a goto
static int hba_skip_or_jump(struct scsi_cmnd *scp, struct hba_sge *sgl)
{
	struct scatterlist *sg;
	int i, n;

	n = scsi_dma_map(scp);
	scsi_for_each_sg(scp, sg, n, i) {
		if (!sg_dma_len(sg))
			continue;
		if (sg_dma_len(sg) > 0x10000)
			goto fail;
		sgl[i].addr = cpu_to_le32(sg_dma_address(sg));
		sgl[i].len = cpu_to_le32(sg_dma_len(sg));
	}
	return n;
fail:
	scsi_dma_unmap(scp);
	return -EINVAL;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
