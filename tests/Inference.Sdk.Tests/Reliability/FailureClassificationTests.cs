using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Routing;
using Polly.CircuitBreaker;

namespace Inference.Sdk.Tests.Reliability;

/// <summary>
/// The failure classification table in <c>docs/reliability.md</c> is what <see cref="Failures"/> does: each row, read from the
/// document, is checked against examples of that failure (one test case per row).
/// </summary>
public class FailureClassificationTests
{
    private static readonly EngineProfile Vllm = EngineProfile.For(EngineKind.Vllm);

    /// <summary>Examples of each kind of failure, as the code that raises them raises them.</summary>
    private static readonly Dictionary<FailureKind, Exception[]> Examples = new()
    {
        [FailureKind.Unavailable] =
        [
            new HttpRequestException(HttpRequestError.ConnectionError, "refused"), new SocketException(), new IOException("reset"),
            Engine(500), Engine(502), Engine(504), Engine(408), ProviderErrors.FromResponse("t", 524, null),
            new ProviderApiException("Job 'j' on target 't' failed.") { TargetName = "t", ErrorCode = "FAILED" }, new ClientResultException("no response"),
        ],
        [FailureKind.Overloaded] = [Engine(429), Engine(503), ProviderErrors.FromResponse("t", 429, null), new InferenceException("x") { StatusCode = 503 }],
        [FailureKind.Loading] = [EngineErrors.FromAnswer(Vllm, "t", 503, new EngineError("Loading model", null, null, null, null, null, null), null, false, null)],
        [FailureKind.TimedOut] =
        [
            new TimeoutException(), new TargetUnavailableException("slow", new TimeoutException()), new TaskCanceledException("t", new TimeoutException()),
            EngineErrors.Timeout(Vllm, "t", TimeSpan.FromSeconds(1), new OperationCanceledException(), outputCommitted: false),
            AttemptTimeout.For(new RouteTarget("t", new Tests.Routing.FakeChatClient("t"), TargetTier.Edge, 8192) { FirstTokenTimeout = TimeSpan.FromSeconds(1) }, TimeProvider.System, default)!.TimeoutError(),
        ],
        [FailureKind.Protocol] = [new InferenceProtocolException("bad json"), EngineErrors.FromAnswer(Vllm, "t", null, new EngineError("CUDA out of memory", null, null, null, null, null, null), null, false, null)],
        [FailureKind.ContextOverflow] =
        [
            new ContextWindowExceededException("too long"),
            EngineErrors.FromAnswer(Vllm, "t", 400, new EngineError("This model's maximum context length is 4096 tokens.", "BadRequestError", "input_tokens", "400", 400, null, null), null, false, null),
        ],
        [FailureKind.Credentials] = [Engine(401), Engine(403), ProviderErrors.FromResponse("t", 401, null)],
        [FailureKind.NotServedHere] = [Engine(404), Engine(413), ProviderErrors.FromResponse("t", 404, null)],
        [FailureKind.Unsupported] =
        [
            new CapabilityNotSupportedException("no images") { Capability = ModelCapabilities.Vision },
            EngineErrors.FromAnswer(EngineProfile.For(EngineKind.LlamaCpp), "t", 500, new EngineError("image input is not supported - hint: if this is unexpected, you may need to provide the mmproj", "server_error", null, null, 500, null, null), null, false, null),
            EngineErrors.FromAnswer(EngineProfile.For(EngineKind.LlamaCpp), "t", 500, new EngineError("tools param requires --jinja flag", "server_error", null, null, 500, null, null), null, false, null),
            EngineErrors.FromAnswer(Vllm, "t", 400, new EngineError("\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set", "BadRequestError", null, null, 400, null, null), null, false, null),
            EngineErrors.FromAnswer(EngineProfile.For(EngineKind.Ollama), "t", 400, new EngineError("\"gemma3:4b\" does not support tools", null, null, null, null, null, null), null, false, null),
        ],
        [FailureKind.RequestRejected] = [Engine(400), Engine(409), Engine(422), ProviderErrors.FromResponse("t", 400, null)],
        [FailureKind.CircuitOpen] = [new BrokenCircuitException(), Failures.ToTyped(new BrokenCircuitException(), "t", false, DateTimeOffset.UnixEpoch)],
        [FailureKind.Refused] = [new RouteRefusedException("no target")],
        [FailureKind.OutputCommitted] = [new TargetUnavailableException("reset") { OutputCommitted = true }, new InferenceException("x") { StatusCode = 400, OutputCommitted = true }],
        [FailureKind.Canceled] = [new OperationCanceledException(), new TaskCanceledException()],
        [FailureKind.Unknown] = [new ArgumentException("bad"), new InvalidOperationException("bug")],
    };

    public static TheoryData<string, string, string, string, string> Rows()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var row in Table())
        {
            data.Add(row[0], row[1], row[2], row[3], row[4]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_row_of_the_table_is_what_the_code_does(string failure, string kind, string failsOver, string counts, string retried)
    {
        var k = Enum.Parse<FailureKind>(kind.Trim('`'));
        var expected = new FailureClass(k, Yes(failsOver), Yes(counts), Yes(retried));

        Assert.Equal(expected, Failures.Of(k));
        Assert.True(Examples.TryGetValue(k, out var examples), $"no example of '{failure}'");
        Assert.All(examples, e => Assert.Equal(expected, Failures.Classify(e)));
    }

    [Fact]
    public void Every_kind_has_one_row()
    {
        var kinds = Table().Select(r => Enum.Parse<FailureKind>(r[1].Trim('`'))).ToList();

        Assert.Equal(Enum.GetValues<FailureKind>().Order(), kinds.Order());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(413)]
    [InlineData(422)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void The_engine_adapter_and_the_provider_clients_type_a_status_the_same_way(int status)
    {
        var engine = Engine(status);
        var provider = ProviderErrors.FromResponse("t", status, """{"error":{"message":"no","type":"x"}}""");

        Assert.Equal(Failures.OfStatus(status), Failures.KindOf(engine));
        Assert.Equal(Failures.OfStatus(status), Failures.KindOf(provider));
        Assert.Equal((status, status), (engine.StatusCode, provider.StatusCode));
    }

    [Theory]
    [InlineData("7", 7.0)]
    [InlineData(" 120 ", 120.0)]
    [InlineData("Wed, 21 Oct 2015 07:28:10 GMT", 10.0)] // RFC 9110's example date, 10 s after "now" below
    [InlineData("Wed, 21 Oct 2015 07:27:00 GMT", 0.0)] // a date already past: no wait
    [InlineData("-5", null)]
    [InlineData("soon", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Retry_after_is_read_in_one_place(string? header, double? seconds)
    {
        var now = new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero);

        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, RetryAfterHeader.Parse(header, now));
    }

    private static InferenceException Engine(int status) =>
        EngineErrors.FromAnswer(Vllm, "t", status, new EngineError("no", "x", null, null, null, null, null), null, false, null);

    private static bool Yes(string cell) => cell.StartsWith("yes", StringComparison.Ordinal) || cell.StartsWith("to a larger window", StringComparison.Ordinal)
        ? true
        : cell == "no" ? false : throw new FormatException($"'{cell}' is neither yes nor no");

    private static List<string[]> Table()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "reliability.md"));
        int start = doc.IndexOf("| Failure | Kind |", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/reliability.md has no failure classification table");
        return doc[start..].Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Inference.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (Inference.Sdk.sln) is not above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void A_Redis_outage_is_Redis_errors_timeouts_a_torn_down_connections_pipe_and_a_dropped_command_and_nothing_else()
    {
        // The pipe under a StackExchange.Redis connection, completed (the connection torn down) while a command was written.
        var pipe = new System.IO.Pipelines.Pipe();
        pipe.Writer.Complete();
        var torn = Assert.Throws<InvalidOperationException>(() => pipe.Writer.GetSpan());
        using var canceled = new System.Threading.CancellationTokenSource();
        canceled.Cancel();
        var none = System.Threading.CancellationToken.None;

        Assert.True(Failures.IsRedisOutage(torn, none));
        Assert.True(Failures.IsRedisOutage(new StackExchange.Redis.RedisConnectionException(StackExchange.Redis.ConnectionFailureType.SocketClosed, "closed"), none));
        Assert.True(Failures.IsRedisOutage(new StackExchange.Redis.RedisTimeoutException("timeout", StackExchange.Redis.CommandStatus.Sent), none));
        Assert.True(Failures.IsRedisOutage(new ObjectDisposedException("multiplexer"), none));

        // A command the connection dropped while it waited ends canceled, though nobody canceled it; the caller's own cancellation is no outage.
        Assert.True(Failures.IsRedisOutage(new System.Threading.Tasks.TaskCanceledException(), none));
        Assert.False(Failures.IsRedisOutage(new OperationCanceledException(canceled.Token), canceled.Token));
        Assert.False(Failures.IsRedisOutage(new InvalidOperationException("a bug"), none));
        Assert.False(Failures.IsRedisOutage(new ArgumentException("a bad script argument"), none));
    }
}
