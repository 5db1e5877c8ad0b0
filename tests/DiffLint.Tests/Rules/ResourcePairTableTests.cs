using System.Collections.Immutable;
using DiffLint.Rules.Resources;

namespace DiffLint.Tests.Rules;

/// <summary>The pair-table grammar, the built-in tables, and how a repository's table merges over them.</summary>
public class ResourcePairTableTests
{
    private static ResourcePairTable BuiltIn => ResourcePairTables.BuiltIn;

    private static ResourcePair Pair(string acquire, string release, ResourcePairTable? table = null) =>
        Assert.Single(AcquiresOf((table ?? BuiltIn), acquire), p => p.Release == release);

    private static ResourcePairFormatException Malformed(string text) =>
        Assert.Throws<ResourcePairFormatException>(() => ResourcePairTables.Parse([("repo.pairs", text)]));

    [Fact]
    public void BuiltInTablesLoadWithEveryFamily()
    {
        var families = BuiltIn.Pairs.Select(p => p.Family).ToHashSet();

        Assert.Equal(new[] { "bluez", "git", "glib", "iproute2", "kernel", "libc", "qemu", "uboot" }, families.Order());
        Assert.All(BuiltIn.Pairs, p => Assert.Equal(p.Family + ".pairs", p.Source));
        Assert.NotEmpty(BuiltIn.Transfers);
        Assert.Same(BuiltIn, ResourcePairTables.BuiltIn);
    }

    [Fact]
    public void NoBuiltInPairIsListedTwice()
    {
        // A repeated pair replaces the earlier one, so a pair listed in two families would silently move to the later.
        var assembly = typeof(ResourcePairTables).Assembly;
        var files = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".pairs", StringComparison.Ordinal)).ToList();
        var separately = files.Sum(name =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            return ResourcePairTables.Parse([(name, reader.ReadToEnd())]).Pairs.Length;
        });

        Assert.Equal(8, files.Count);
        Assert.Equal(separately, BuiltIn.Pairs.Length);
    }

    [Fact]
    public void MallocReturnsMemoryThatFreeReleasesAndFailsWithNull()
    {
        var malloc = Pair("malloc", "free");

        Assert.Equal(("libc", ResourceKind.Memory, Carrier.Return, new Carrier(1), AcquireFailure.Null),
            (malloc.Family, malloc.Kind, malloc.AcquireCarrier, malloc.ReleaseCarrier, malloc.Failure));
    }

    [Fact]
    public void AsprintfGivesItsFirstArgumentMemoryAndFailsNegative()
    {
        var asprintf = Pair("asprintf", "free");

        Assert.Equal((new Carrier(1), AcquireFailure.Negative), (asprintf.AcquireCarrier, asprintf.Failure));
    }

    [Fact]
    public void MutexLockLocksItsFirstArgument()
    {
        var mutex = Pair("mutex_lock", "mutex_unlock");

        Assert.Equal(("kernel", ResourceKind.Lock, new Carrier(1), new Carrier(1), AcquireFailure.None),
            (mutex.Family, mutex.Kind, mutex.AcquireCarrier, mutex.ReleaseCarrier, mutex.Failure));
    }

    [Fact]
    public void RcuReadLockIsGlobal()
    {
        var rcu = Assert.Single(AcquiresOf(BuiltIn, "rcu_read_lock"), p => p.Family == "kernel");

        Assert.True(rcu.AcquireCarrier.IsGlobal);
        Assert.True(rcu.ReleaseCarrier.IsGlobal);
        Assert.Equal(ResourceKind.Lock, rcu.Kind);
    }

    [Fact]
    public void KmemCacheFreeTakesTheObjectAsItsSecondArgument()
    {
        Assert.Equal(new Carrier(2), Pair("kmem_cache_alloc", "kmem_cache_free").ReleaseCarrier);
        Assert.All(ReleasesOf(BuiltIn, "kmem_cache_free"), p => Assert.Equal(new Carrier(2), p.ReleaseCarrier));
    }

    [Fact]
    public void ListAddTakesOwnershipOfItsFirstArgument()
    {
        var transfer = Assert.Single(BuiltIn.TransfersByFunction["list_add"]);

        Assert.Equal(new Carrier(1), transfer.Carrier);
    }

    [Fact]
    public void OneAcquireHasSeveralReleases()
    {
        var releases = AcquiresOf(BuiltIn, "pm_runtime_get_sync").Select(p => p.Release);

        Assert.Superset(new HashSet<string> { "pm_runtime_put", "pm_runtime_put_sync", "pm_runtime_put_noidle" }, releases.ToHashSet());
    }

    [Fact]
    public void RepositoryTableAddsPairsAndForgetsBuiltInOnes()
    {
        var table = ResourcePairTables.Parse([("tools/difflint.pairs", """
            # our allocator
            family mine
            memory  my_alloc   my_free    null    # freed by us
            handle  my_open@2  my_close@1 negative
            forget  kfree_rcu
            forget  list_add
            """)], BuiltIn);

        var alloc = Pair("my_alloc", "my_free", table);
        Assert.Equal(("mine", "tools/difflint.pairs", 3), (alloc.Family, alloc.Source, alloc.Line));
        Assert.Equal(new Carrier(2), Pair("my_open", "my_close", table).AcquireCarrier);
        Assert.False(table.IsRelease("kfree_rcu"));
        Assert.Contains(AcquiresOf(table, "kmalloc"), p => p.Release == "kfree");
        Assert.False(table.TransfersByFunction.ContainsKey("list_add"));
        Assert.True(table.TransfersByFunction.ContainsKey("list_add_tail"));
        Assert.Equal(BuiltIn.Pairs.Length + 2 - ReleasesOf(BuiltIn, "kfree_rcu").Length, table.Pairs.Length);
    }

    [Fact]
    public void ForgetDropsPairsWhoseAcquireIsTheName()
    {
        var table = ResourcePairTables.Parse([("repo.pairs", "forget malloc\n")], BuiltIn);

        Assert.False(table.IsAcquire("malloc"));
        Assert.True(table.IsAcquire("calloc"));
    }

    [Fact]
    public void ARepositoryLineReplacesTheBuiltInPairItRepeats()
    {
        var table = ResourcePairTables.Parse([("repo.pairs", "family libc\nmemory mmap munmap null\n")], BuiltIn);

        var mmap = Pair("mmap", "munmap", table);
        Assert.Equal((AcquireFailure.Null, "repo.pairs"), (mmap.Failure, mmap.Source));
        Assert.Equal(BuiltIn.Pairs.Length, table.Pairs.Length);
    }

    [Fact]
    public void TransferListsSeveralArguments()
    {
        var table = ResourcePairTables.Parse([("repo.pairs", "transfer map_put@2,3\n")]);

        Assert.Equal(new[] { new Carrier(2), new Carrier(3) }, table.TransfersByFunction["map_put"].Select(t => t.Carrier));
    }

    [Theory]
    [InlineData("memroy malloc free", 1, "expected a kind (memory, handle, ref, lock, state)", "'memroy'")]
    [InlineData("# comment\n\nmemory malloc@x free", 3, "expected a carrier (ret, none, %m or an argument 1..9) after 'malloc@'", "'x'")]
    [InlineData("memory malloc free@0", 1, "expected a carrier", "'0'")]
    [InlineData("lock sscanf@%m free", 1, "expected %m only on a memory acquire", "scanf-like format")]
    [InlineData("memory malloc free@%m", 1, "expected %m only on a memory acquire", "scanf-like format")]
    [InlineData("memory malloc free@ret", 1, "expected free@N (1..9) or free@none", "not as its return value")]
    [InlineData("memory malloc free nul", 1, "expected a failure (none, null, negative, nonzero, false, iserr, iserrnull, count)", "'nul'")]
    [InlineData("family x\nmemory malloc", 2, "expected KIND ACQUIRE[@CARRIER] RELEASE[@CARRIER] [FAILURE]", "the release is missing")]
    [InlineData("memory malloc free null extra", 1, "expected at most a failure after the release", "'extra'")]
    [InlineData("memory mal-loc free", 1, "expected a C identifier", "'mal-loc'")]
    [InlineData("lock rcu_read_lock@none rcu_read_unlock", 1, "expected rcu_read_unlock@none", "global")]
    [InlineData("memory malloc@none free@none", 1, "expected malloc@ret or malloc@N", "only lock and state pairs can be global")]
    [InlineData("transfer list_add", 1, "expected transfer FUNCTION@N[,N...]", "names no argument")]
    [InlineData("transfer list_add@1,,2", 1, "expected argument numbers 1..9", "found ''")]
    [InlineData("forget", 1, "expected forget NAME", "forget NAME")]
    [InlineData("memory kmalloc kfree null\nmemory kmalloc vfree", 2, "expected kind memory and failure null for kmalloc@ret", "repo.pairs line 1")]
    public void MalformedLinesSayWhereAndWhatWasExpected(string text, int line, string expected, string detail)
    {
        var error = Malformed(text);

        Assert.Equal("repo.pairs", error.Source);
        Assert.Equal(line, error.Line);
        Assert.StartsWith(expected, error.Expected, StringComparison.Ordinal);
        Assert.Contains(detail, error.Expected, StringComparison.Ordinal);
        Assert.StartsWith($"repo.pairs, line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARepositoryLineThatContradictsABuiltInAcquireIsRejected()
    {
        var error = Assert.Throws<ResourcePairFormatException>(
            () => ResourcePairTables.Parse([("repo.pairs", "memory kmalloc my_free\n")], BuiltIn));

        Assert.Contains("failure null", error.Expected, StringComparison.Ordinal);
        Assert.Contains("kernel.pairs", error.Expected, StringComparison.Ordinal);
    }

    private static ImmutableArray<ResourcePair> AcquiresOf(ResourcePairTable table, string name) =>
        table.TryGetAcquires(name, out var pairs) ? pairs : throw new KeyNotFoundException(name);

    private static ImmutableArray<ResourcePair> ReleasesOf(ResourcePairTable table, string name) =>
        table.TryGetReleases(name, out var pairs) ? pairs : throw new KeyNotFoundException(name);
}
