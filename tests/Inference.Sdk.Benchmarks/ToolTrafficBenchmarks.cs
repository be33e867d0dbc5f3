using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks;

/// <summary>
/// The routing decision on a tool-loop turn: 8 tools with JSON schemas, two tool calls and 4 KB of tool results (a JSON object
/// and a string), no PII. Every part is walked for PII and counted; compared with one read of the same characters and with
/// <c>Decide</c> on a plain 2 KB prompt over the same targets.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class ToolTrafficBenchmarks
{
    private HybridRouterChatClient _router = null!;
    private List<ChatMessage> _loop = null!;
    private ChatOptions _options = null!;
    private List<ChatMessage> _prompt = null!;
    private string _results = null!;
    private readonly List<PiiFinding> _findings = [];

    [GlobalSetup]
    public void Setup()
    {
        _router = new HybridRouterChatClient(
        [
            new RouteTarget("edge", new RoutingBenchmarks.NoopClient(), TargetTier.Edge, 8192) { ModelId = "llama-3.1-8b-instruct", ExpectedCostUsd = static (_, _) => 0m },
            new RouteTarget("pod", new RoutingBenchmarks.NoopClient(), TargetTier.CloudPod, 131072) { ModelId = "meta-llama/Llama-3.3-70B-Instruct", ExpectedCostUsd = static (i, o) => (i + o) * 0.2m / 1_000_000m },
            new RouteTarget("api", new RoutingBenchmarks.NoopClient(), TargetTier.HostedApi, 128000) { ModelId = "gpt-4o-mini", ExpectedCostUsd = static (i, o) => (i * 0.15m + o * 0.6m) / 1_000_000m },
        ]);

        _options = new ChatOptions { Tools = [.. Enumerable.Range(0, 8).Select(Tool)] };
        string orders = Orders(3 * 1024);
        string notes = RoutingBenchmarks.Prose(1024);
        _results = orders + notes;
        _loop =
        [
            new ChatMessage(ChatRole.System, "You are the order desk's assistant. Use the tools; answer in two sentences."),
            new ChatMessage(ChatRole.User, "Which of last week's orders shipped late, and what did the warehouse note about them?"),
            new ChatMessage(ChatRole.Assistant,
            [
                new FunctionCallContent("call_1", "tool_0", new Dictionary<string, object?> { ["region"] = "north", ["since"] = "2026-03-01", ["limit"] = 40 }),
                new FunctionCallContent("call_2", "tool_1", new Dictionary<string, object?> { ["warehouse"] = "W-12", ["kind"] = "notes" }),
            ]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", JsonDocument.Parse(orders).RootElement.Clone())]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_2", notes)]),
        ];
        _prompt = [new ChatMessage(ChatRole.System, "You are a helpful assistant."), new ChatMessage(ChatRole.User, RoutingBenchmarks.Prose(2 * 1024))];
        _ = _router.Plan(_loop, _options); // load tokenizers, cache the tools' text
        _ = _router.Plan(_prompt);
    }

    [GlobalCleanup]
    public void Cleanup() => _router.Dispose();

    /// <summary>The floor: read every character of the tool results once.</summary>
    [Benchmark(Baseline = true)]
    public int ReadToolResults()
    {
        int sum = 0;
        foreach (char c in _results)
        {
            sum += c;
        }

        return sum;
    }

    /// <summary>The plain 2 KB prompt over the same targets, for comparison.</summary>
    [Benchmark]
    public RouteDecision DecidePrompt2K() => _router.Plan(_prompt);

    /// <summary>The tool-loop turn: 8 tools, two calls, 4 KB of results.</summary>
    [Benchmark]
    public RouteDecision DecideToolTurn() => _router.Plan(_loop, _options);

    /// <summary>Part of the turn: what the engines read of it (the walk the counters use).</summary>
    [Benchmark]
    public int ReadPromptText() => PromptText.Read(_loop, _options, AIJsonUtilities.DefaultOptions).Texts.Count;

    /// <summary>Part of the turn: the PII scan of the tool results' text.</summary>
    [Benchmark]
    public int PiiScanToolResults()
    {
        _findings.Clear();
        PiiDetector.Instance.Detect(_results, _findings);
        return _findings.Count;
    }

    /// <summary>Part of the turn: the task classifier.</summary>
    [Benchmark]
    public TaskType ClassifyToolTurn() => LinearTaskClassifier.Instance.Classify(_loop, _options);

    private static AIFunctionDeclaration Tool(int i)
    {
        var schema = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        string[] names = ["region", "since", "limit", "warehouse", "kind"];
        for (int p = 0; p < names.Length; p++)
        {
            schema.Append(p == 0 ? string.Empty : ",").Append('"').Append(names[p]).Append("\":{\"type\":\"")
                .Append(p == 2 ? "integer" : "string").Append("\",\"description\":\"The ").Append(names[p]).Append(" to filter on.\"}");
        }

        schema.Append("},\"required\":[\"region\"]}");
        return AIFunctionFactory.CreateDeclaration($"tool_{i}", $"Looks up the order desk's records, view {i}.", JsonDocument.Parse(schema.ToString()).RootElement.Clone());
    }

    /// <summary>A JSON list of orders of about <paramref name="bytes"/> characters, no PII.</summary>
    private static string Orders(int bytes)
    {
        var sb = new StringBuilder("{\"orders\":[");
        for (int i = 0; sb.Length < bytes - 100; i++)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append("{\"order\":").Append(10_000 + i).Append(",\"shipped\":\"2026-03-")
                .Append((i % 28) + 1).Append("\",\"late_days\":").Append(i % 4).Append(",\"items\":").Append((i % 7) + 1).Append('}');
        }

        return sb.Append("]}").ToString();
    }
}
