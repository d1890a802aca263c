// SPDX-License-Identifier: GPL-2.0-only
/*
 * example_hba: a SCSI host bus adapter driver written the way a driver for
 * real hardware is, on QEMU's edu PCI device. The hardware interface is
 * ehba_hw.h; the HBA's firmware runs in the kernel (ehba_fw.c) and reaches
 * memory only by DMA address, through the device's IOMMU domain. The data
 * mapping is one dmavec SGL mapper (ehba_map.c). See
 * Documentation/scsi/example_hba.rst.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_tcq.h>

#include "ehba.h"
#include "ehba_fw.h"

static unsigned int capacity_mb = 64;
module_param(capacity_mb, uint, 0444);
MODULE_PARM_DESC(capacity_mb, "Capacity of each logical unit in MiB (1-4096, default 64)");

static unsigned int luns = 1;
module_param(luns, uint, 0444);
MODULE_PARM_DESC(luns, "Logical units (disks) per HBA (1-8, default 1)");

static unsigned int queue_depth = 64;
module_param(queue_depth, uint, 0444);
MODULE_PARM_DESC(queue_depth, "Commands in flight per HBA (1-1024, default 64)");

static unsigned int max_segment_size = SZ_64K;
module_param(max_segment_size, uint, 0444);
MODULE_PARM_DESC(max_segment_size, "Longest SGL element in bytes (at least PAGE_SIZE, default 65536)");

static unsigned long seg_boundary = 0xffffffff;
module_param(seg_boundary, ulong, 0444);
MODULE_PARM_DESC(seg_boundary, "SGL elements may not cross a multiple of this + 1 (a 2^n - 1 mask of at least PAGE_SIZE - 1, default 0xffffffff)");

static unsigned int edu_sample;
module_param(edu_sample, uint, 0444);
MODULE_PARM_DESC(edu_sample, "Let the edu DMA engine carry part of one command in N, when idle (0: never, the default)");

static enum ehba_dir ehba_dir(enum dma_data_direction dir)
{
	switch (dir) {
	case DMA_TO_DEVICE:
		return EHBA_DIR_TO_DEV;
	case DMA_FROM_DEVICE:
		return EHBA_DIR_FROM_DEV;
	default:
		return EHBA_DIR_NONE;
	}
}

static void ehba_complete(struct ehba_host *h, struct scsi_cmnd *sc, u8 hs)
{
	struct ehba_cmd *c = scsi_cmd_priv(sc);
	struct ehba_desc *d = c->desc;

	if (scsi_bufflen(sc))
		dmavec_unmap(&h->pdev->dev, &c->map);
	switch (hs) {
	case EHBA_HS_OK:
		sc->result = d->status;
		if (d->status == SAM_STAT_CHECK_CONDITION)
			memcpy(sc->sense_buffer, d->sense,
			       min_t(u8, d->sense_len, SCSI_SENSE_BUFFERSIZE));
		scsi_set_resid(sc, le32_to_cpu(d->residual));
		break;
	case EHBA_HS_ABORTED:
		sc->result = DID_ABORT << 16;
		break;
	default:
		sc->result = DID_ERROR << 16;
		break;
	}
	scsi_done(sc);
}

/* The HBA's interrupt: the command with @tag completed. */
static void ehba_irq(void *arg, u16 tag, u8 hs)
{
	struct ehba_host *h = arg;
	struct scsi_cmnd *sc = scsi_host_find_tag(h->shost, tag);

	if (!sc) {
		dev_err(&h->pdev->dev, "interrupt for idle tag %u\n", tag);
		return;
	}
	ehba_complete(h, sc, hs);
}

static int ehba_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *sc)
{
	struct ehba_host *h = shost_priv(shost);
	struct ehba_cmd *c = scsi_cmd_priv(sc);
	struct ehba_desc *d = c->desc;
	u16 tag = scsi_cmd_to_rq(sc)->tag;
	u32 len = scsi_bufflen(sc);
	int ret;

	memset(d, 0, offsetof(struct ehba_desc, status));
	memset(d->sgl, 0, sizeof(d->sgl));
	d->tag = cpu_to_le16(tag);
	d->lun = sc->device->lun;
	d->dir = ehba_dir(sc->sc_data_direction);
	d->data_len = cpu_to_le32(len);
	memcpy(d->cdb, sc->cmnd, sc->cmd_len);
	if (len) {
		ret = ehba_map(&h->pdev->dev, sc, c);
		if (ret == -ENOMEM)
			return SCSI_MLQUEUE_HOST_BUSY;
		if (!ret && c->map.size != len) {
			/* the data is not the block request's: SCSI EH sense */
			dmavec_unmap(&h->pdev->dev, &c->map);
			ret = -EINVAL;
		}
		if (ret) {
			scmd_printk(KERN_WARNING, sc,
				    "cannot map %u bytes of data: %d\n", len, ret);
			sc->result = DID_ERROR << 16;
			scsi_done(sc);
			return 0;
		}
		if (dmavec_mapped_iova(&c->map))
			atomic_long_inc(&h->iova_cmds);
	}
	ehba_fw_post(h->fw, tag, c->desc_dma);
	return 0;
}

/*
 * Take a command back from the HBA if it has not started; otherwise it
 * has completed by now, and the midlayer ignores a completion of a
 * command it is handling errors for. Either way the HBA is done with the
 * command's memory.
 */
static bool ehba_take_back(struct scsi_cmnd *sc, void *data)
{
	struct ehba_host *h = shost_priv(sc->device->host);
	struct ehba_cmd *c = scsi_cmd_priv(sc);

	if (!ehba_fw_abort(h->fw, scsi_cmd_to_rq(sc)->tag))
		return true;
	if (scsi_bufflen(sc))
		dmavec_unmap(&h->pdev->dev, &c->map);
	atomic_long_inc(&h->aborts);
	return true;
}

static int ehba_eh_abort(struct scsi_cmnd *sc)
{
	ehba_take_back(sc, NULL);
	return SUCCESS;
}

/* The error handler runs once every outstanding command has failed. */
static int ehba_eh_host_reset(struct scsi_cmnd *sc)
{
	struct ehba_host *h = shost_priv(sc->device->host);

	scsi_host_busy_iter(h->shost, ehba_take_back, NULL);
	ehba_fw_flush(h->fw);
	return SUCCESS;
}

/* Every command's descriptor and chain blocks, coherent, for its lifetime. */
static int ehba_init_cmd_priv(struct Scsi_Host *shost, struct scsi_cmnd *sc)
{
	struct ehba_host *h = shost_priv(shost);
	struct ehba_cmd *c = scsi_cmd_priv(sc);

	c->desc = dma_alloc_coherent(&h->pdev->dev, EHBA_CMD_DMA_BYTES,
				     &c->desc_dma, GFP_KERNEL);
	return c->desc ? 0 : -ENOMEM;
}

static int ehba_exit_cmd_priv(struct Scsi_Host *shost, struct scsi_cmnd *sc)
{
	struct ehba_host *h = shost_priv(shost);
	struct ehba_cmd *c = scsi_cmd_priv(sc);

	dma_free_coherent(&h->pdev->dev, EHBA_CMD_DMA_BYTES, c->desc,
			  c->desc_dma);
	return 0;
}

static ssize_t stats_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct ehba_host *h = shost_priv(class_to_shost(dev));
	int n;

	n = sysfs_emit(buf, "iova_commands %ld\naborts %ld\n",
		       atomic_long_read(&h->iova_cmds),
		       atomic_long_read(&h->aborts));
	return n + ehba_fw_show_stats(h->fw, buf, n);
}
static DEVICE_ATTR_RO(stats);

/* Fault injection: the HBA holds the next N commands until aborted. */
static ssize_t stall_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct ehba_host *h = shost_priv(class_to_shost(dev));
	unsigned int n;
	int ret;

	ret = kstrtouint(buf, 0, &n);
	if (ret)
		return ret;
	ehba_fw_stall(h->fw, n);
	return count;
}
static DEVICE_ATTR_WO(stall);

static struct attribute *ehba_host_attrs[] = {
	&dev_attr_stats.attr,
	&dev_attr_stall.attr,
	NULL
};
ATTRIBUTE_GROUPS(ehba_host);

static const struct scsi_host_template ehba_sht = {
	.module			= THIS_MODULE,
	.name			= "example_hba",
	.proc_name		= "example_hba",
	.queuecommand		= ehba_queuecommand,
	.eh_abort_handler	= ehba_eh_abort,
	.eh_host_reset_handler	= ehba_eh_host_reset,
	.init_cmd_priv		= ehba_init_cmd_priv,
	.exit_cmd_priv		= ehba_exit_cmd_priv,
	.cmd_size		= sizeof(struct ehba_cmd),
	.this_id		= -1,
	.sg_tablesize		= EHBA_SG_TABLESIZE,
	.max_sectors		= SZ_1M >> SECTOR_SHIFT,
	.shost_groups		= ehba_host_groups,
};

static int ehba_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ehba_fw_config cfg = {
		.dev = &pdev->dev,
		.sample_every = edu_sample,
		.max_seg = max_segment_size,
		.boundary = seg_boundary,
		.luns = luns,
		.lun_blocks = (u64)capacity_mb * SZ_1M / EHBA_BLOCK_SIZE,
		.slots = queue_depth,
		.irq = ehba_irq,
	};
	struct Scsi_Host *shost;
	struct ehba_host *h;
	int ret;

	shost = scsi_host_alloc(&ehba_sht, sizeof(*h));
	if (!shost)
		return -ENOMEM;
	h = shost_priv(shost);
	h->shost = shost;
	h->pdev = pdev;
	ret = edu_setup(pdev, &h->edu);
	if (ret)
		goto out_put;

	cfg.edu = edu_sample ? &h->edu : NULL;
	cfg.irq_arg = h;
	h->fw = ehba_fw_start(&cfg);
	if (IS_ERR(h->fw)) {
		ret = PTR_ERR(h->fw);
		goto out_put;
	}

	shost->can_queue = queue_depth;
	shost->cmd_per_lun = queue_depth;
	shost->max_id = 1;
	shost->max_lun = luns;
	shost->max_channel = 0;
	shost->max_cmd_len = EHBA_CDB_LEN;
	shost->max_segment_size = max_segment_size;
	shost->dma_boundary = seg_boundary;
	ret = scsi_add_host(shost, &pdev->dev);
	if (ret)
		goto out_stop;
	pci_set_drvdata(pdev, h);
	scsi_scan_host(shost);
	return 0;

out_stop:
	ehba_fw_stop(h->fw);
out_put:
	scsi_host_put(shost);
	return ret;
}

/*
 * Removing the host waits for every command to complete and frees them;
 * only then does the HBA stop. Unbinding under I/O fails the I/O still
 * queued, never one the HBA holds.
 */
static void ehba_remove(struct pci_dev *pdev)
{
	struct ehba_host *h = pci_get_drvdata(pdev);

	scsi_remove_host(h->shost);
	ehba_fw_stop(h->fw);
	scsi_host_put(h->shost);
}

static const struct pci_device_id ehba_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },		/* QEMU edu */
	{ }
};
MODULE_DEVICE_TABLE(pci, ehba_ids);

static struct pci_driver ehba_driver = {
	.name		= "example_hba",
	.id_table	= ehba_ids,
	.probe		= ehba_probe,
	.remove		= ehba_remove,
};

/* Refuse a setup the HBA cannot serve, naming the parameter. */
static int __init ehba_check_params(void)
{
	const char *bad = NULL;

	if (!capacity_mb || capacity_mb > 4096)
		bad = "capacity_mb";
	else if (!luns || luns > 8)
		bad = "luns";
	else if (!queue_depth || queue_depth > 1024)
		bad = "queue_depth";
	else if (max_segment_size < PAGE_SIZE)
		bad = "max_segment_size";
	else if (seg_boundary < PAGE_SIZE - 1 ||
		 (seg_boundary & (seg_boundary + 1)))
		bad = "seg_boundary";
	if (!bad)
		return 0;
	pr_err("example_hba: invalid %s; see modinfo example_hba\n", bad);
	return -EINVAL;
}

static int __init ehba_init(void)
{
	int ret = ehba_check_params();

	return ret ?: pci_register_driver(&ehba_driver);
}
module_init(ehba_init);

static void __exit ehba_exit(void)
{
	pci_unregister_driver(&ehba_driver);
}
module_exit(ehba_exit);

MODULE_DESCRIPTION("Example SCSI HBA on QEMU's edu device, mapping with dmavec");
MODULE_LICENSE("GPL");
