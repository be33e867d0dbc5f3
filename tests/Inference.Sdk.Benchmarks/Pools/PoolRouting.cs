using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Pools;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks.Pools;

/// <summary>
/// <c>dotnet run -c Release -- pools [conversations] [turns] [concurrency]</c>: three real llama-servers (the tiny model, prompt
/// caching on, the default) serve a workload of multi-turn conversations over two shared system prompts, once per way of
/// picking the replica: the pool's prefix-aware scorer, round-robin, and least-loaded (fewest requests in flight). The servers
/// are restarted between strategies so every one starts cold. For each, from every response's llama.cpp <c>timings</c>: prompt
/// tokens recomputed (<c>prompt_n</c>) against served from cache (<c>cache_n</c>), time to first token p50/p95 and throughput.
/// </summary>
internal static class PoolRouting
{
    private const int Replicas = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        int conversations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12;
        int turns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        int concurrency = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 6;
        Console.WriteLine($"{Replicas} llama-servers (tiny model, --parallel 2, 256 tokens per slot: the model's training context); {conversations} conversations x {turns} turns, {concurrency} at a time, 2 shared system prompts");
        Console.WriteLine();
        Console.WriteLine("| picking | requests | prompt tokens | recomputed (prompt_n) | from cache (cache_n) | recomputed share | TTFT p50 | TTFT p95 | requests/s | failed sends / turns resent |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        string[] strategies = Environment.GetEnvironmentVariable("POOL_STRATEGIES")?.Split(',') ?? ["prefix-aware", "round-robin", "least-loaded"];
        var all = new List<LlamaServer>();
        string? picks = null;
        try
        {
            // Three fresh servers per strategy, all started up front: every strategy starts with cold caches, and no server is
            // stopped while the next ones start.
            for (int i = 0; i < Replicas * strategies.Length; i++)
            {
                all.Add(await LlamaServer.StartAsync(contextPerSlot: 256, parallel: 2, metrics: false));
            }

            for (int s = 0; s < strategies.Length; s++)
            {
                Result result = await RunStrategyAsync(strategies[s], all.GetRange(s * Replicas, Replicas), conversations, turns, concurrency);
                Console.WriteLine(result);
                if (result.Picks.Length > 0)
                {
                    picks = result.Picks;
                }
            }
        }
        finally
        {
            foreach (LlamaServer server in all)
            {
                await server.DisposeAsync();
            }
        }

        Console.WriteLine();
        Console.WriteLine($"prefix-aware picks: {picks}");
        return 0;
    }

    private static async Task<Result> RunStrategyAsync(string strategy, List<LlamaServer> servers, int conversations, int turns, int concurrency)
    {
        try
        {

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var record = new Recorder();
            List<(Uri, IChatClient)> replicas = [.. servers.Select(s => (new Uri(s.Endpoint, "v1/"), (IChatClient)new TimedLlamaClient(http, new Uri(s.Endpoint, "v1/chat/completions"), record)))];
            IChatClient picker = strategy switch
            {
                "prefix-aware" => EndpointPoolChatClient.Create(
                    "pool",
                    replicas,
                    new HybridRouterOptions(),
                    TimeProvider.System,
                    prefixCapacity: 16_384,
                    scoring: Environment.GetEnvironmentVariable("POOL_SLACK") is { } slack ? new PoolScoring(AffinityInFlightSlack: int.Parse(slack, CultureInfo.InvariantCulture)) : null),
                "round-robin" => new Picker(replicas, Picker.RoundRobin),
                _ => new Picker(replicas, Picker.LeastLoaded),
            };

            var clock = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(concurrency);
            await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
            {
                await gate.WaitAsync();
                try
                {
                    await ConverseAsync(picker, c, turns, record);
                }
                finally
                {
                    gate.Release();
                }
            }));
            return record.Summarize(strategy, clock.Elapsed);
        }
        catch (Exception) when (servers.Any(s => !s.IsRunning))
        {
            foreach (LlamaServer server in servers.Where(s => !s.IsRunning))
            {
                Console.Error.WriteLine($"llama-server on port {server.Port} exited:\n{server.RecentOutput}");
            }

            throw;
        }
    }

    private static async Task ConverseAsync(IChatClient client, int conversation, int turns, Recorder record)
    {
        var random = new Random(conversation);
        var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt(conversation % 2)) };
        var options = new ChatOptions { MaxOutputTokens = 8, Temperature = 0 };
        for (int turn = 0; turn < turns; turn++)
        {
            messages.Add(new ChatMessage(ChatRole.User, Words(random, 8)));
            var reply = new StringBuilder();
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    reply.Clear();
                    await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(messages, options))
                    {
                        if (update.AdditionalProperties?.TryGetValue(InferencePropertyNames.Endpoint, out object? value) == true && value is EndpointDecision decision)
                        {
                            record.Picked(decision);
                        }

                        reply.Append(update.Text);
                    }

                    break;
                }
                catch (HttpRequestException) when (attempt < 3)
                {
                    // llama-server under concurrent load on this machine sometimes ends a response early; the turn is sent again.
                    record.Retried();
                }
            }

            messages.Add(new ChatMessage(ChatRole.Assistant, reply.ToString()));
        }
    }

    private static string SystemPrompt(int which)
    {
        var random = new Random(1000 + which);
        return $"You are support agent {which} for Contoso. Follow the policy below. " + Words(random, 50);
    }

    private static string Words(Random random, int count)
    {
        string[] vocabulary = ["order", "refund", "shipping", "account", "password", "invoice", "delivery", "warranty", "battery", "screen", "the", "a", "is", "when", "please", "customer", "policy", "days", "return", "label"];
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
    }

    /// <summary>What every response reported.</summary>
    private sealed class Recorder
    {
        private readonly List<(int PromptN, int CacheN, double TtftMs)> _samples = [];
        private int _failed;
        private int _retried;

        public void Failed() => Interlocked.Increment(ref _failed);

        public void Retried() => Interlocked.Increment(ref _retried);

        private readonly Dictionary<string, int> _picks = [];

        public void Picked(EndpointDecision decision)
        {
            string key = decision.Escape == EndpointEscape.None ? decision.Basis.ToString() : $"{decision.Basis} (escaped: {decision.Escape})";
            lock (_picks)
            {
                _picks[key] = _picks.GetValueOrDefault(key) + 1;
            }
        }

        public string Picks => string.Join(", ", _picks.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));

        public void Add(int promptN, int cacheN, double ttftMs)
        {
            lock (_samples)
            {
                _samples.Add((promptN, cacheN, ttftMs));
            }
        }

        public Result Summarize(string strategy, TimeSpan elapsed)
        {
            double[] ttft = [.. _samples.Select(s => s.TtftMs).Order()];
            return new Result(
                strategy,
                _samples.Count,
                _samples.Sum(s => s.PromptN),
                _samples.Sum(s => s.CacheN),
                Percentile(ttft, 0.5),
                Percentile(ttft, 0.95),
                _samples.Count / elapsed.TotalSeconds,
                _failed,
                _retried)
            {
                Picks = Picks,
            };
        }

        private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private sealed record Result(string Strategy, int Requests, long Recomputed, long Cached, double TtftP50, double TtftP95, double Rate, int Failed, int Retried)
    {
        public string Picks { get; init; } = string.Empty;

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"| {Strategy} | {Requests} | {Recomputed + Cached} | {Recomputed} | {Cached} | {100.0 * Recomputed / Math.Max(1, Recomputed + Cached):F1} % | {TtftP50:F0} ms | {TtftP95:F0} ms | {Rate:F2} | {Failed} / {Retried} |");
    }

    /// <summary>A streaming chat client over llama-server's HTTP API that records each response's TTFT and <c>timings</c>.</summary>
    private sealed class TimedLlamaClient(HttpClient http, Uri completions, Recorder recorder) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var body = new JsonObject
            {
                ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text })]),
                ["max_tokens"] = options?.MaxOutputTokens ?? 16,
                ["temperature"] = 0,
                ["stream"] = true,
            };
            long started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, completions) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

            // One connection per request: llama-server closes kept-alive connections under load, and a send on a closed one fails
            // (which the pool would hide by failing over and the baselines would not).
            request.Headers.ConnectionClose = true;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException)
            {
                recorder.Failed();
                throw;
            }

            using HttpResponseMessage _ = response;
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            double? ttft = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!line.StartsWith("data: {", StringComparison.Ordinal))
                {
                    continue;
                }

                using JsonDocument chunk = JsonDocument.Parse(line.AsMemory(6));
                JsonElement root = chunk.RootElement;
                if (root.TryGetProperty("timings", out JsonElement timings))
                {
                    recorder.Add(timings.GetProperty("prompt_n").GetInt32(), timings.GetProperty("cache_n").GetInt32(), ttft ?? Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                if (root.TryGetProperty("choices", out JsonElement choices)
                    && choices.ValueKind == JsonValueKind.Array
                    && choices.GetArrayLength() > 0
                    && choices[0].TryGetProperty("delta", out JsonElement delta)
                    && delta.TryGetProperty("content", out JsonElement content)
                    && content.ValueKind == JsonValueKind.String)
                {
                    ttft ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    yield return new ChatResponseUpdate(ChatRole.Assistant, content.GetString());
                }
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>The baselines: round-robin, or the replica with the fewest requests in flight (first on ties).</summary>
    private sealed class Picker(List<(Uri Address, IChatClient Client)> replicas, Func<int[], int, int> pick) : IChatClient
    {
        private readonly int[] _inFlight = new int[replicas.Count];
        private int _next;

        public static int RoundRobin(int[] inFlight, int next) => next % inFlight.Length;

        public static int LeastLoaded(int[] inFlight, int next)
        {
            int best = 0;
            for (int i = 1; i < inFlight.Length; i++)
            {
                best = Volatile.Read(ref inFlight[i]) < Volatile.Read(ref inFlight[best]) ? i : best;
            }

            return best;
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            int index;
            lock (_inFlight)
            {
                index = pick(_inFlight, _next++);
                _inFlight[index]++;
            }

            try
            {
                await foreach (ChatResponseUpdate update in replicas[index].Client.GetStreamingResponseAsync(messages, options, cancellationToken))
                {
                    yield return update;
                }
            }
            finally
            {
                lock (_inFlight)
                {
                    _inFlight[index]--;
                }
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
