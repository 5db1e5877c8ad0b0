namespace DiffLint.Cli.Hooks;

/// <summary>
/// The patch a hook server checks once before its first request (<see cref="HookServer"/>): a small patch in the form
/// git format-patch writes, with what most rules look at (a message with trailers, C with declarations, calls, an
/// allocation and its free, a lock and its unlock, a macro, a comment and a string), so that their code has run once.
/// What it reports is thrown away.
/// </summary>
internal static class WarmUpPatch
{
    public const string Text = """
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: A Developer <developer@example.org>
        Date: Mon, 7 Dec 2026 05:00:00 +0000
        Subject: [PATCH v2 1/1] net: example: free the buffer on the error path

        The error path of example_probe() returned without freeing the buffer
        allocated above, as reported by the checker.

        Fixes: 0123456789ab ("net: example: add probe")
        Cc: stable@vger.kernel.org
        Reviewed-by: A Reviewer <reviewer@example.org>
        Signed-off-by: A Developer <developer@example.org>
        ---
         drivers/net/example.c | 14 +++++++++++---
         1 file changed, 11 insertions(+), 3 deletions(-)

        diff --git a/drivers/net/example.c b/drivers/net/example.c
        index 0123456..89abcde 100644
        --- a/drivers/net/example.c
        +++ b/drivers/net/example.c
        @@ -10,12 +10,20 @@
         #include <linux/slab.h>
         
        +#define EXAMPLE_SIZE 64
        +
         static int example_probe(struct device *dev)
         {
        -	char *buf = kmalloc(64, GFP_KERNEL);
        +	struct example_priv *priv = dev_get_drvdata(dev);
        +	char *buf = kmalloc(EXAMPLE_SIZE, GFP_KERNEL);
        +	int ret;
         
         	if (!buf)
         		return -ENOMEM;
        -	return example_init(dev, buf);
        +	mutex_lock(&priv->lock);
        +	ret = example_init(dev, buf); /* hands buf over on success */
        +	mutex_unlock(&priv->lock);
        +	if (ret)
        +		kfree(buf);
        +	dev_info(dev, "probed: %d\n", ret);
        +	return ret;
         }
        -- 
        2.47.0

        """;
}
