using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Inference.Sdk.Benchmarks.Pipeline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;

namespace Inference.Sdk.Benchmarks;

/// <summary>
/// One request through (a) raw HttpClient + System.Text.Json, (b) the bare OpenAI SDK <see cref="IChatClient"/> (the
/// baseline of each category) and (c) our full pipeline from <c>AddInference</c>, against the same loopback server:
/// non-streaming, streaming to the first update (time to first token) and streaming to the end.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PipelineBenchmarks
{
    private const string Prompt = "What is the capital of France? Answer in one sentence.";
    private static readonly List<ChatMessage> Messages = [new(ChatRole.User, Prompt)];

    private FixedCompletionServer _server = null!;
    private RawOpenAIClient _raw = null!;
    private IChatClient _sdk = null!;
    private IHost _host = null!;
    private IChatClient _pipeline = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await FixedCompletionServer.StartAsync();
        _raw = Contenders.Raw(_server.OpenAIBase, "m");
        _sdk = Contenders.Sdk(_server.OpenAIBase, "m");
        (_host, _pipeline) = await Contenders.PipelineAsync(_server.OpenAIBase);
        var check = await _pipeline.GetResponseAsync(Messages);
        if (check.Text != FixedCompletionServer.Content || check.AdditionalProperties?[InferencePropertyNames.TargetName] is not "edge")
        {
            throw new System.InvalidOperationException($"The pipeline did not answer through the edge: '{check.Text}' via {check.AdditionalProperties?[InferencePropertyNames.TargetName]}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _sdk.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark, BenchmarkCategory("complete")]
    public Task<string?> RawHttp() => _raw.CompleteAsync(Prompt);

    [Benchmark(Baseline = true), BenchmarkCategory("complete")]
    public async Task<string> OpenAISdk() => (await _sdk.GetResponseAsync(Messages)).Text;

    [Benchmark, BenchmarkCategory("complete")]
    public async Task<string> Pipeline() => (await _pipeline.GetResponseAsync(Messages)).Text;

    [Benchmark, BenchmarkCategory("first-update")]
    public Task<int> RawHttpFirst() => _raw.StreamAsync(Prompt, firstOnly: true);

    [Benchmark(Baseline = true), BenchmarkCategory("first-update")]
    public Task<int> OpenAISdkFirst() => FirstAsync(_sdk);

    [Benchmark, BenchmarkCategory("first-update")]
    public Task<int> PipelineFirst() => FirstAsync(_pipeline);

    [Benchmark, BenchmarkCategory("stream")]
    public Task<int> RawHttpStream() => _raw.StreamAsync(Prompt, firstOnly: false);

    [Benchmark(Baseline = true), BenchmarkCategory("stream")]
    public Task<int> OpenAISdkStream() => AllAsync(_sdk);

    [Benchmark, BenchmarkCategory("stream")]
    public Task<int> PipelineStream() => AllAsync(_pipeline);

    private static async Task<int> FirstAsync(IChatClient client)
    {
        await foreach (var update in client.GetStreamingResponseAsync(Messages))
        {
            if (update.Text.Length > 0)
            {
                return update.Text.Length;
            }
        }

        return 0;
    }

    private static async Task<int> AllAsync(IChatClient client)
    {
        int chars = 0;
        await foreach (var update in client.GetStreamingResponseAsync(Messages))
        {
            chars += update.Text.Length;
        }

        return chars;
    }
}
