// SPDX-License-Identifier: GPL-2.0
/*
 * A small driver-like file written for the difflint checkpatch --file golden test.
 */

#include <linux/kernel.h>
#include <linux/module.h>

static int sample_count = 0;

static int sample_sum(const int *values, int n)
{
	int i, sum = 0;

	for (i = 0; i < n; i++) {
		sum += values[i];
	}
        return sum;
}

static void sample_report(int value)
{
	if (value > 100)
		pr_info("sample: the value %d is larger than the limit that this little example module has been told to accept\n", value);	
	else
		pr_info("sample: %d\n",value);
}

static int __init sample_init(void)
{
	int values[3] = { 1, 2, 3 };

	sample_count++;
	sample_report(sample_sum(values, 3));
	return 0;
}
module_init(sample_init);

MODULE_LICENSE("GPL");
