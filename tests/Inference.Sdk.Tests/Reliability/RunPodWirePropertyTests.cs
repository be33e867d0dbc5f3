using System;
using System.Text.Json;
using CsCheck;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.RunPod;
using Inference.Sdk.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Inference.Sdk.Tests.Reliability;

/// <summary>Random and mutated RunPod serverless answers give a value or the documented typed error, never another exception nor a hang.</summary>
public class RunPodWirePropertyTests
{
    private static readonly string[] Seeds =
    [
        """{"id":"job-1","status":"COMPLETED","delayTime":1234,"executionTime":567,"output":[{"choices":[{"tokens":["Hi"]}],"usage":{"input":5,"output":2}}]}""",
        """{"id":"job-2","status":"IN_QUEUE"}""",
        """{"id":"job-3","status":"FAILED","error":"{\"error_type\":\"ValueError\",\"error_message\":\"bad\"}","executionTime":3}""",
        """{"id":"job-4","status":"TIMED_OUT","delayTime":"12.5"}""",
        """{"status":"IN_PROGRESS","stream":[{"output":{"text":"a"}},{"output":"b"}]}""",
        """[{"output":{"text":"a"}},{"metrics":{}}]""",
        """{"jobs":{"completed":1,"failed":0,"inProgress":2,"inQueue":3,"retried":0},"workers":{"idle":0,"running":1,"ready":0}}""",
    ];

    public static TheoryData<string> Numbers => new() { "1e30", "-1e30", "79228162514264337593543950335", "-79228162514264337593543950335", "1e300", "0.0000001", "-5" };

    [Fact]
    public void Mutated_answers_parse_or_fail_typed() => Mutations.Holds(Mutations.Of(Mutations.Structural, Seeds), Property);

    [Fact]
    public void Random_text_parses_or_fails_typed() => Mutations.Holds(Mutations.Text(), Property);

    [Fact]
    public void Generated_jobs_with_any_status_and_timing_parse_or_fail_typed() => Mutations.Holds(
        Gen.Select(
            Gen.OneOfConst("IN_QUEUE", "IN_PROGRESS", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT", "completed", "", "NEW"),
            Gen.OneOf(Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1"), Gen.OneOfConst("1e30", "\"9e40\"", "null", "true", "[]")),
            Gen.OneOfConst("null", "\"oops\"", "{\"error_message\":\"m\"}", "[1,2]"),
            (status, time, error) => $$"""{"id":"j","status":"{{status}}","delayTime":{{time}},"executionTime":{{time}},"error":{{error}}}"""),
        Property);

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Out_of_range_timings_do_not_crash_the_reader(string number)
    {
        using var doc = JsonDocument.Parse($$"""{"id":"j","status":"COMPLETED","delayTime":{{number}},"executionTime":{{number}}}""");

        var job = RunPodWire.ParseJob("t", doc.RootElement);

        Assert.Equal(RunPodJobStatus.Completed, job.Status);
        Assert.True(job.DelayTime is null || job.DelayTime.Value.TotalMilliseconds >= -1e30, "a timing is a value or absent");
    }

    [Fact]
    public void An_undocumented_status_reads_as_Unknown_and_is_logged_once_per_value()
    {
        using var doc = JsonDocument.Parse("""{"id":"j","status":"EXPLODED"}""");
        var logger = new FakeLogger();
        var unknown = new UnknownValues(logger, "RunPod");

        var first = RunPodWire.ParseJob("runpod-a", doc.RootElement, unknown);
        var second = RunPodWire.ParseJob("runpod-a", doc.RootElement, unknown);

        Assert.Equal(RunPodJobStatus.Unknown, first.Status);
        Assert.False(second.IsTerminal);
        FakeLogRecord record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains("EXPLODED", record.Message, StringComparison.Ordinal);
    }

    private static void Property(string text)
    {
        _ = RunPodWire.DescribeError(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return; // the client maps this to InferenceProtocolException; tested by the Providers layer
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            _ = RunPodWire.ParseHealth(root);
            try
            {
                var job = RunPodWire.ParseJob("t", root);
                Assert.False(string.IsNullOrEmpty(job.Id));
            }
            catch (InferenceProtocolException e)
            {
                Assert.Equal("t", e.TargetName);
            }

            try
            {
                var (_, outputs) = RunPodWire.ParseStream("t", root);
                Assert.NotNull(outputs);
            }
            catch (InferenceProtocolException e)
            {
                Assert.Equal("t", e.TargetName);
            }
        }
    }
}
