/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * QEMU's "edu" PCI device as a reference DMA engine, and what a device sees
 * at a DMA address. Shared by the dmavec KUnit suites and the example HBA
 * (drivers/scsi/example_hba), which prove with it that the addresses they
 * hand out reach the right memory through the IOMMU.
 *
 * Register layout (QEMU docs/specs/edu.rst): 0x00 identification
 * 0x010000ed, 0x80 source, 0x88 destination, 0x90 count, 0x98 command.
 * Command bit 0 starts a transfer and reads 1 until it is done (QEMU
 * completes it from a 100 ms timer), bit 1 is the direction. The device's
 * side of every transfer is its 4 KiB buffer at device address 0x40000.
 * Like any bus master, the engine's reads and writes of memory go through
 * the IOMMU, so what it moves is what a real controller would see.
 */
#ifndef _DMAVEC_EDU_H
#define _DMAVEC_EDU_H

#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/mutex.h>
#include <linux/pci.h>

#define EDU_REG_ID		0x00
#define EDU_ID_MAGIC		0xed
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_CNT		0x90
#define EDU_REG_DMA_CMD		0x98
#define EDU_DMA_RUN		BIT(0)
#define EDU_DMA_TO_MEM		BIT(1)
#define EDU_BUF_ADDR		0x40000
#define EDU_DMA_TIMEOUT_US	(10 * USEC_PER_SEC)

/*
 * The device buffer is 4 KiB, but QEMU 7.2's edu aborts the whole machine
 * (hw_error) on a transfer that ends at its last byte: an off-by-one in
 * its range check, fixed in later QEMU. One byte less is always safe.
 */
#define EDU_BUF_SIZE	4095

/**
 * struct edu_dev - one edu device driven as a DMA engine
 * @pdev: the PCI device
 * @regs: its register BAR
 * @lock: serialises transfers: the engine has one set of registers
 * @stage: coherent buffer of %EDU_BUF_SIZE bytes, the CPU's end of
 *	edu_read() and edu_write()
 * @stage_dma: DMA address of @stage
 * @stage_lock: serialises users of @stage
 */
struct edu_dev {
	struct pci_dev *pdev;
	void __iomem *regs;
	struct mutex lock;		/* one transfer at a time */
	void *stage;
	dma_addr_t stage_dma;
	struct mutex stage_lock;	/* one user of @stage at a time */
};

/**
 * edu_setup() - enable an edu device as a DMA engine (from a probe)
 * @pdev: the device
 * @edu: its state, zeroed by the caller
 *
 * Uses managed resources only, so a failed probe or an unbind frees it all.
 *
 * Return: 0, or -ENODEV if @pdev is not an edu device, or another -errno.
 */
static inline int edu_setup(struct pci_dev *pdev, struct edu_dev *edu)
{
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	edu->regs = pcim_iomap(pdev, 0, 0);
	if (!edu->regs)
		return -ENOMEM;
	if ((readl(edu->regs + EDU_REG_ID) & 0xff) != EDU_ID_MAGIC)
		return -ENODEV;
	/* The emulated engine drives all 64 address bits (edu's dma_mask). */
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	edu->stage = dmam_alloc_coherent(&pdev->dev, EDU_BUF_SIZE,
					 &edu->stage_dma, GFP_KERNEL);
	if (!edu->stage)
		return -ENOMEM;
	pci_set_master(pdev);
	mutex_init(&edu->lock);
	mutex_init(&edu->stage_lock);
	edu->pdev = pdev;
	return 0;
}

static inline int __edu_dma(struct edu_dev *edu, u64 src, u64 dst, u32 len,
			    u64 cmd)
{
	u64 val;
	int ret;

	mutex_lock(&edu->lock);
	writeq(src, edu->regs + EDU_REG_DMA_SRC);
	writeq(dst, edu->regs + EDU_REG_DMA_DST);
	writeq(len, edu->regs + EDU_REG_DMA_CNT);
	writeq(cmd | EDU_DMA_RUN, edu->regs + EDU_REG_DMA_CMD);
	ret = readq_poll_timeout(edu->regs + EDU_REG_DMA_CMD, val,
				 !(val & EDU_DMA_RUN), 1000, EDU_DMA_TIMEOUT_US);
	mutex_unlock(&edu->lock);
	if (ret)
		dev_err(&edu->pdev->dev, "DMA of %u bytes timed out\n", len);
	return ret;
}

static inline bool __edu_range_ok(u32 buf_off, u32 len)
{
	return len && buf_off < EDU_BUF_SIZE && len <= EDU_BUF_SIZE - buf_off;
}

/**
 * edu_dma_from_mem() - let the device read memory into its buffer
 * @edu: the edu device
 * @src: DMA address the device reads from
 * @buf_off: offset in the device's 4 KiB buffer
 * @len: bytes to move
 *
 * Return: 0 when the transfer completed, -EINVAL for a range outside the
 * device buffer, -ETIMEDOUT if the device did not finish.
 */
static inline int edu_dma_from_mem(struct edu_dev *edu, dma_addr_t src,
				   u32 buf_off, u32 len)
{
	if (!__edu_range_ok(buf_off, len))
		return -EINVAL;
	return __edu_dma(edu, src, EDU_BUF_ADDR + buf_off, len, 0);
}

/**
 * edu_dma_to_mem() - let the device write its buffer to memory
 * @edu: the edu device
 * @dst: DMA address the device writes to
 * @buf_off: offset in the device's 4 KiB buffer
 * @len: bytes to move
 *
 * Return: as edu_dma_from_mem().
 */
static inline int edu_dma_to_mem(struct edu_dev *edu, dma_addr_t dst,
				 u32 buf_off, u32 len)
{
	if (!__edu_range_ok(buf_off, len))
		return -EINVAL;
	return __edu_dma(edu, EDU_BUF_ADDR + buf_off, dst, len,
			 EDU_DMA_TO_MEM);
}

/**
 * edu_read() - let the device read memory, and hand the CPU what it read
 * @edu: the edu device
 * @src: DMA address the device reads from
 * @out: where the bytes the device read go
 * @len: bytes, at most %EDU_BUF_SIZE
 *
 * The bytes go memory -> device buffer -> a coherent buffer -> @out, so
 * @out holds exactly what a bus master reading @src sees.
 *
 * Return: as edu_dma_from_mem().
 */
static inline int edu_read(struct edu_dev *edu, dma_addr_t src, void *out,
			   u32 len)
{
	int ret;

	mutex_lock(&edu->stage_lock);
	ret = edu_dma_from_mem(edu, src, 0, len);
	if (!ret)
		ret = edu_dma_to_mem(edu, edu->stage_dma, 0, len);
	if (!ret)
		memcpy(out, edu->stage, len);
	mutex_unlock(&edu->stage_lock);
	return ret;
}

/**
 * edu_write() - let the device write bytes to memory
 * @edu: the edu device
 * @dst: DMA address the device writes to
 * @in: the bytes to write
 * @len: bytes, at most %EDU_BUF_SIZE
 *
 * Return: as edu_dma_from_mem().
 */
static inline int edu_write(struct edu_dev *edu, dma_addr_t dst,
			    const void *in, u32 len)
{
	int ret;

	if (!__edu_range_ok(0, len))
		return -EINVAL;
	mutex_lock(&edu->stage_lock);
	memcpy(edu->stage, in, len);
	ret = edu_dma_from_mem(edu, edu->stage_dma, 0, len);
	if (!ret)
		ret = edu_dma_to_mem(edu, dst, 0, len);
	mutex_unlock(&edu->stage_lock);
	return ret;
}

/**
 * edu_dev_phys() - where a DMA address lands, as the device's DMA is translated
 * @dev: the device the address was mapped for
 * @addr: the DMA address
 *
 * Return: the physical address through the IOMMU domain's page table (0 if
 * unmapped), or dma_to_phys() without a DMA domain. A swiotlb bounce slot is
 * returned as such: the caller decides whether that is right.
 */
static inline phys_addr_t edu_dev_phys(struct device *dev, dma_addr_t addr)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);

	if (dom && iommu_is_dma_domain(dom))
		return iommu_iova_to_phys(dom, addr);
	return dma_to_phys(dev, addr);
}

#endif /* _DMAVEC_EDU_H */
