using DiffLint.Core;
using DiffLint.Core.Profiles;

namespace DiffLint.Tests.Streaming;

public class ProfileChoiceWindowTests
{
    private static readonly ProfileChoice[] Choices =
    [
        new(BuiltInProfiles.Qemu, "layout", LayoutOnly: true),
        new(BuiltInProfiles.Qemu, "list"),
        new(BuiltInProfiles.Kernel, "list"),
        new(BuiltInProfiles.Kernel, "default") { IsFallback = true },
    ];

    [Fact]
    public void TheVotesAroundAMessageAreThoseOfTheChoicesKeptWithinTheRadius()
    {
        var random = new Random(12);
        var window = new ProfileChoiceWindow();
        var kept = new List<(long Sequence, ProfileChoice Choice)>();
        long sequence = 0;
        for (var step = 0; step < 3000; step++)
        {
            sequence += random.Next(1, 4);
            var choice = Choices[random.Next(Choices.Length)];
            window.Add(sequence, choice);
            kept.Add((sequence, choice));
            if (step % 7 == 0)
            {
                var before = sequence - 300;
                window.DropBefore(before);
                kept.RemoveAll(c => c.Sequence < before);
            }

            var around = sequence - random.Next(0, 200);
            var expected = new ProfileSelector.LayoutVotes();
            foreach (var (at, c) in kept)
            {
                if (Math.Abs(at - around) <= 100) expected = expected.Add(c);
            }

            Assert.Equal(expected, window.Around(around, 100));
        }
    }

    [Fact]
    public void FourQemuChoicesInFiveTellTheQemuLayout()
    {
        var votes = new ProfileSelector.LayoutVotes();
        foreach (var choice in (ProfileChoice[])[Choices[0], Choices[1], Choices[1], Choices[1], Choices[2], Choices[3]]) votes = votes.Add(choice);

        Assert.Equal(new ProfileSelector.LayoutVotes(4, 1, 1), votes);
        Assert.True(votes.InputLayout is { LayoutOnly: true } layout && layout.Profile == BuiltInProfiles.Qemu);
        Assert.Null(votes.Add(Choices[2]).InputLayout);
    }
}
