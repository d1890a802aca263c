// SPDX-License-Identifier: GPL-2.0-only
/*
 * QEMU's "edu" PCI device as a DMA engine for KUnit suites: a tiny PCI
 * driver that claims one edu device and runs its DMA engine on request.
 *
 * Register layout (QEMU docs/specs/edu.rst): 0x00 identification
 * 0x010000ed, 0x80 source, 0x88 destination, 0x90 count, 0x98 command.
 * Command bit 0 starts a transfer and reads 1 until it is done (QEMU
 * completes it from a 100 ms timer), bit 1 is the direction. The device's
 * side of every transfer is its 4 KiB buffer at device address 0x40000.
 */
#include <linux/dma-direct.h>
#include <linux/fault-inject.h>
#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <linux/swiotlb.h>
#include <kunit/test.h>

#include "../debug.h"
#include "edu.h"

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

struct edu_dev {
	struct pci_dev *pdev;
	void __iomem *regs;
	struct mutex lock;	/* one transfer at a time */
	void *stage;		/* coherent, EDU_BUF_SIZE: the CPU's end of */
	dma_addr_t stage_dma;	/* edu_read() and edu_write() */
	struct mutex stage_lock;
};

static char *edu_name = "0000:00:10.0";
module_param_named(edu, edu_name, charp, 0444);
MODULE_PARM_DESC(edu, "PCI name of the edu device the tests use");

static char *profile_name = "";
module_param_named(profile, profile_name, charp, 0444);
MODULE_PARM_DESC(profile, "IOMMU setup booted: strict, lazy, pt, swiotlb or off");

static struct edu_dev *the_edu;

static const char *const profile_names[] = {
	[EDU_PROFILE_UNKNOWN] = "",
	[EDU_PROFILE_STRICT] = "strict",
	[EDU_PROFILE_LAZY] = "lazy",
	[EDU_PROFILE_PT] = "pt",
	[EDU_PROFILE_SWIOTLB] = "swiotlb",
	[EDU_PROFILE_OFF] = "off",
};

/**
 * edu_profile() - the IOMMU setup this kernel was booted with
 *
 * Return: the profile named by the dmavec_kunit.profile parameter, or
 * %EDU_PROFILE_UNKNOWN when it is unset or unknown.
 */
enum edu_profile edu_profile(void)
{
	int i = match_string(profile_names, ARRAY_SIZE(profile_names),
			     profile_name);

	return i < 0 ? EDU_PROFILE_UNKNOWN : i;
}

/**
 * edu_profile_name() - the dmavec_kunit.profile parameter, for messages
 *
 * Return: the profile name as given on the command line.
 */
const char *edu_profile_name(void)
{
	return profile_name;
}

/**
 * edu_get() - the edu device claimed for the tests
 * @test: the running test; it is failed and aborted if there is no device
 *
 * Return: the device. A run without it must fail, not skip: every suite
 * that uses it is about what a real device sees.
 */
struct edu_dev *edu_get(struct kunit *test)
{
	KUNIT_ASSERT_NOT_NULL_MSG(test, the_edu,
				  "no edu device bound at %s", edu_name);
	return the_edu;
}

/**
 * edu_device() - the struct device to map memory for
 * @edu: the edu device
 *
 * Return: the PCI device's struct device.
 */
struct device *edu_device(struct edu_dev *edu)
{
	return &edu->pdev->dev;
}

/**
 * edu_check_profile() - check that the booted IOMMU setup is in force
 * @edu: the edu device
 *
 * A suite that passes only because the IOMMU silently stayed off proves
 * nothing, so each profile is checked against the device's domain.
 *
 * Return: 0 if the device's DMA setup matches the profile, -EINVAL if it
 * does not or no profile was given.
 */
int edu_check_profile(struct edu_dev *edu)
{
	struct device *dev = edu_device(edu);
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);
	unsigned int type = dom ? dom->type : 0;
	bool bounce = is_swiotlb_force_bounce(dev);
	bool ok;

	switch (edu_profile()) {
	case EDU_PROFILE_STRICT:
		ok = type == IOMMU_DOMAIN_DMA && !bounce;
		break;
	case EDU_PROFILE_LAZY:
		ok = type == IOMMU_DOMAIN_DMA_FQ && !bounce;
		break;
	case EDU_PROFILE_PT:
		ok = type == IOMMU_DOMAIN_IDENTITY && !bounce;
		break;
	case EDU_PROFILE_SWIOTLB:
		ok = !dom && bounce;
		break;
	case EDU_PROFILE_OFF:
		ok = !dom && !bounce;
		break;
	default:
		ok = false;
		break;
	}
	if (!ok)
		dev_err(dev, "profile '%s' not in force: domain type %#x, swiotlb bounce %d\n",
			profile_name, type, bounce);
	return ok ? 0 : -EINVAL;
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
phys_addr_t edu_dev_phys(struct device *dev, dma_addr_t addr)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);

	if (dom && iommu_is_dma_domain(dom))
		return iommu_iova_to_phys(dom, addr);
	return dma_to_phys(dev, addr);
}

/**
 * edu_debug_entries() - dma-debug entries of one type a device holds
 * @dev: the device
 * @type: "single", "iova", "iova-link", ...; NULL for all
 *
 * Return: the count, or 0 without CONFIG_DMA_API_DEBUG.
 */
int edu_debug_entries(struct device *dev, const char *type)
{
#ifdef CONFIG_DMA_API_DEBUG
	return dma_debug_device_entries(dev, type);
#else
	return 0;
#endif
}

#ifdef CONFIG_FAULT_INJECTION
/**
 * edu_fail_next() - make the next check of a fault attribute fail, once
 * @attr: the attribute; disarm it with edu_fail_disarm()
 */
void edu_fail_next(struct fault_attr *attr)
{
	attr->verbose = 0;
	attr->interval = 1;
	attr->probability = 100;
	atomic_set(&attr->times, 1);
}

/**
 * edu_fail_disarm() - stop a fault attribute failing (a KUnit action)
 * @attr: the struct fault_attr
 */
void edu_fail_disarm(void *attr)
{
	((struct fault_attr *)attr)->probability = 0;
}
#endif

/**
 * edu_expect_maps() - expect a DMA address to reach a physical range
 * @test: the running test
 * @dev: the device @addr was mapped for
 * @addr: DMA address of the range's first byte
 * @phys: physical address it must reach
 * @len: bytes in the range
 *
 * Check the first and last byte the way the device's DMA is translated:
 * through the IOMMU domain's page table, as the identity, or into a swiotlb
 * bounce slot.
 */
void edu_expect_maps(struct kunit *test, struct device *dev, dma_addr_t addr,
		     phys_addr_t phys, size_t len)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);
	dma_addr_t last = addr + len - 1;

	if (!(dom && iommu_is_dma_domain(dom)) && is_swiotlb_force_bounce(dev)) {
		phys_addr_t slot = dma_to_phys(dev, addr);

		KUNIT_EXPECT_NOT_NULL_MSG(test, swiotlb_find_pool(dev, slot),
					  "%pad is not a bounce slot", &addr);
		return;
	}
	KUNIT_EXPECT_EQ_MSG(test, edu_dev_phys(dev, addr), phys,
			    "dma %pad", &addr);
	KUNIT_EXPECT_EQ_MSG(test, edu_dev_phys(dev, last), phys + len - 1,
			    "dma %pad", &last);
}

static int edu_dma(struct edu_dev *edu, u64 src, u64 dst, u32 len, u64 cmd)
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

static bool edu_range_ok(u32 buf_off, u32 len)
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
int edu_dma_from_mem(struct edu_dev *edu, dma_addr_t src, u32 buf_off, u32 len)
{
	if (!edu_range_ok(buf_off, len))
		return -EINVAL;
	return edu_dma(edu, src, EDU_BUF_ADDR + buf_off, len, 0);
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
int edu_dma_to_mem(struct edu_dev *edu, dma_addr_t dst, u32 buf_off, u32 len)
{
	if (!edu_range_ok(buf_off, len))
		return -EINVAL;
	return edu_dma(edu, EDU_BUF_ADDR + buf_off, dst, len, EDU_DMA_TO_MEM);
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
int edu_read(struct edu_dev *edu, dma_addr_t src, void *out, u32 len)
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
int edu_write(struct edu_dev *edu, dma_addr_t dst, const void *in, u32 len)
{
	int ret;

	if (!edu_range_ok(0, len))
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
 * edu_p2p_provider() - a PCI device with P2P memory to test with
 * @test: the running test; fails if there is none
 *
 * The harness adds an NVMe controller without namespaces whose controller
 * memory buffer Linux publishes as P2P memory.
 *
 * Return: the controller, with a reference to drop with pci_dev_put(), or
 * NULL.
 */
struct pci_dev *edu_p2p_provider(struct kunit *test)
{
	struct pci_dev *pdev = NULL;

	wait_for_device_probe();
	while ((pdev = pci_get_device(PCI_VENDOR_ID_REDHAT, 0x0010, pdev)))
		if (pci_has_p2pmem(pdev))
			return pdev;
	KUNIT_FAIL(test, "no NVMe controller with P2P memory (CMB)");
	return NULL;
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu_dev *edu;
	int ret;

	if (strcmp(pci_name(pdev), edu_name))
		return -ENODEV;

	edu = devm_kzalloc(&pdev->dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
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
	pci_set_drvdata(pdev, edu);
	the_edu = edu;
	return 0;
}

static void edu_remove(struct pci_dev *pdev)
{
	the_edu = NULL;
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};

static struct pci_driver edu_driver = {
	.name = "dmavec_kunit_edu",
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};
module_pci_driver(edu_driver);

MODULE_DESCRIPTION("QEMU edu device as a DMA engine for dmavec KUnit suites");
MODULE_LICENSE("GPL");
