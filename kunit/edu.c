// SPDX-License-Identifier: GPL-2.0-only
/*
 * QEMU's "edu" PCI device as a DMA engine for KUnit suites: a tiny PCI
 * driver that claims one edu device (the engine itself is <dmavec/edu.h>),
 * plus the suites' shared checks of what the device sees.
 */
#include <linux/fault-inject.h>
#include <linux/module.h>
#include <linux/pci-p2pdma.h>
#include <linux/swiotlb.h>
#include <kunit/test.h>

#include "../debug.h"
#include "edu.h"

static struct edu_dev *the_edu;

static char *edu_name = "0000:00:10.0";
module_param_named(edu, edu_name, charp, 0444);
MODULE_PARM_DESC(edu, "PCI name of the edu device the tests use");

static char *profile_name = "";
module_param_named(profile, profile_name, charp, 0444);
MODULE_PARM_DESC(profile, "IOMMU setup booted: strict, lazy, pt, swiotlb or off");

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
	ret = edu_setup(pdev, edu);
	if (ret)
		return ret;
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
