// The body declares its own temporaries, named like the hook's parameters,
// and changes the table pointer and a count: the temporaries stay the
// hook's (its parameters take other names), the others are reached through
// the context struct.
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

struct hba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

static int hba_make_sgl(struct scsi_cmnd *scp, struct hba_sge *sge)
{
	struct scatterlist *cur;
	int i, n, used = 0;

	n = scsi_dma_map(scp);
	if (n < 0)
		return n;
	scsi_for_each_sg(scp, cur, n, i) {
		dma_addr_t addr = sg_dma_address(cur);
		u32 len;

		len = sg_dma_len(cur);
		sge->addr = cpu_to_le64(addr);
		sge->len = cpu_to_le32(len);
		sge++;
		used++;
	}
	return used;
}

static void hba_complete(struct scsi_cmnd *scp)
{
	scsi_dma_unmap(scp);
	scsi_done(scp);
}
