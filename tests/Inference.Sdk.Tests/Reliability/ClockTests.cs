using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Inference.Sdk.Tests.Reliability;

/// <summary>One clock: everything in <c>src/</c> reads time through a <see cref="TimeProvider"/>, so tests and hosts can move it.</summary>
public partial class ClockTests
{
    [Fact]
    public void Nothing_in_src_reads_the_clock_around_the_TimeProvider()
    {
        string src = Path.Combine(FailureClassificationTests.RepositoryRoot(), "src");
        var offenders =
            from file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            from line in File.ReadLines(file).Select((text, i) => (Text: text, Number: i + 1))
            where !line.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && Bypass().IsMatch(Allowed().Replace(line.Text, string.Empty))
            select $"{Path.GetRelativePath(src, file)}:{line.Number}: {line.Text.Trim()}";

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("DateTimeOffset now = DateTimeOffset.UtcNow;", true)]
    [InlineData("var t = DateTime.Now;", true)]
    [InlineData("var sw = Stopwatch.StartNew();", true)]
    [InlineData("long t = Stopwatch.GetTimestamp();", true)]
    [InlineData("int ms = Environment.TickCount;", true)]
    [InlineData("Probe(http, TimeProvider.System, ct);", true)]
    [InlineData("_time = timeProvider ?? TimeProvider.System;", false)]
    [InlineData("services.TryAddSingleton(TimeProvider.System);", false)]
    [InlineData("/// <param name=\"t\">The clock; <see cref=\"TimeProvider.System\"/> when null.</param>", false)]
    [InlineData("DateTimeOffset now = _time.GetUtcNow();", false)]
    public void The_check_catches_what_it_should(string line, bool bypasses) =>
        Assert.Equal(bypasses, Bypass().IsMatch(Allowed().Replace(line, string.Empty)));

    // Reading the clock directly: the wall clock, a stopwatch, the tick count, or the system clock where a TimeProvider belongs.
    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(UtcNow|Now|Today)\b|\bStopwatch\b|\bEnvironment\.TickCount|\bTimeProvider\.System\b")]
    private static partial Regex Bypass();

    // The system clock as a default (`?? TimeProvider.System`), registered once as the host's clock, or named in documentation.
    [GeneratedRegex(@"\?\?\s*TimeProvider\.System|TryAddSingleton\(TimeProvider\.System\)|cref=""[^""]*""")]
    private static partial Regex Allowed();
}
