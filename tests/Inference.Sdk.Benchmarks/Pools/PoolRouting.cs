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
/// <c>dotnet run -c Release -- pools [conversations] [turns] [requests per second]</c>: three real llama-servers serve a workload
/// of multi-turn conversations behind four applications' shared system prompts (instructions and tool schemas, 1-2 K tokens
/// each), once per way of picking the replica: the pool's prefix-aware scorer, round-robin, and least-loaded (fewest requests
/// in flight, ties rotated). Requests arrive open-loop at a fixed rate in an order fixed in advance (the same for every picker); a
/// turn whose previous answer has not arrived yet waits for it (counted). Each picker gets three fresh servers, so every one
/// starts cold. For each, from every response's llama.cpp <c>timings</c>: prompt tokens recomputed (<c>prompt_n</c>) against
/// served from cache (<c>cache_n</c>), time to first token p50/p95 and throughput.
/// </summary>
/// <remarks>
/// The servers run the tiny random-weight model with the real qwen2 vocabulary (<c>scripts/deps/llama-tool-model.py</c>, a
/// 32 K training context) with the prompt-cache settings a pool's replica would run: <c>--parallel 4</c> slots of 8,192 tokens,
/// <c>--cache-reuse 256</c>, the host-RAM prompt cache (<c>--cache-ram</c>) at its default and <c>--slot-prompt-similarity 0</c>
/// (see <see cref="ServerArgs"/>). Its answers are 80-120 generated tokens (<c>ignore_eos</c>), as in vLLM's multi-turn benchmark.
/// </remarks>
internal static class PoolRouting
{
    private const int Replicas = 3;
    private const int Apps = 4;
    private static readonly int Slots = int.TryParse(Environment.GetEnvironmentVariable("POOL_SLOTS"), out int slots) ? slots : 4;
    private const int ContextPerSlot = 8192;
    /// <summary>
    /// Tokens of each answer, drawn uniformly (<c>POOL_ANSWER_TOKENS=min-max</c>, default 80-120 as in vLLM's
    /// <c>benchmarks/multi_turn/generate_multi_turn.json</c>).
    /// </summary>
    private static readonly (int Min, int Max) AnswerTokens = Environment.GetEnvironmentVariable("POOL_ANSWER_TOKENS")?.Split('-') is [string min, string max]
        ? (int.Parse(min, CultureInfo.InvariantCulture), int.Parse(max, CultureInfo.InvariantCulture))
        : (80, 120);

    /// <summary>
    /// Conversations open at a time (<c>POOL_OPEN</c>, default 24): eight per replica against four slots each, more
    /// conversations per replica than slots, as in llm-d's multi-turn benchmarks.
    /// </summary>
    private static readonly int OpenConversations = int.TryParse(Environment.GetEnvironmentVariable("POOL_OPEN"), out int open) ? open : 24;

    /// <summary>
    /// The flags every server gets, whichever way it is picked: <c>--cache-reuse 256</c>; <c>--slot-prompt-similarity</c> from
    /// <c>POOL_SPS</c> (default 0: every request takes the least recently used slot, whose prompt is saved to the host-RAM prompt
    /// cache, and the cached prompt that best matches the request is restored into it; <c>POOL_SPS=default</c> leaves
    /// llama-server's 0.10, where a request sharing only the system prompt takes a slot holding another conversation and drops its
    /// history unsaved when it keeps half of it); <c>--cache-ram</c> when <c>POOL_CACHE_RAM</c> is set (default 8192 MiB); and
    /// whatever <c>POOL_SERVER_ARGS</c> adds (space-separated, e.g. <c>--kv-unified</c>).
    /// </summary>
    private static readonly string[] ServerArgs =
    [
        "--cache-reuse", "256",
        .. Environment.GetEnvironmentVariable("POOL_SPS") switch
        {
            "default" => Array.Empty<string>(),
            { Length: > 0 } similarity => ["--slot-prompt-similarity", similarity],
            _ => ["--slot-prompt-similarity", "0"],
        },
        .. Environment.GetEnvironmentVariable("POOL_CACHE_RAM") is { Length: > 0 } cacheRam ? ["--cache-ram", cacheRam] : Array.Empty<string>(),
        .. (Environment.GetEnvironmentVariable("POOL_SERVER_ARGS") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int conversations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 48;
        int turns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 6;
        double rate = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 4;
        Arrival[] schedule = Schedule(conversations, turns);
        Console.WriteLine($"{Replicas} llama-servers (tool-traffic model, qwen2 vocabulary; --parallel {Slots}, {ContextPerSlot} tokens per slot, {string.Join(' ', ServerArgs)}{(ServerArgs.Contains("--cache-ram") ? string.Empty : ", --cache-ram default")}); "
            + $"{conversations} conversations x {turns} turns over {Apps} applications' system prompts, {OpenConversations} open at a time, answers of {AnswerTokens.Min}-{AnswerTokens.Max} tokens, {rate} requests/s open-loop");
        Console.WriteLine();
        Console.WriteLine("| picking | requests | prompt tokens | recomputed (prompt_n) | from cache (cache_n) | recomputed share | TTFT p50 | TTFT p95 | requests/s | prompt tokens/s | recomputed on turns 2+ | new since the previous turn (turns 2+) | turns held for their previous answer | failed sends / turns resent | load average (start / end) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        string[] strategies = Environment.GetEnvironmentVariable("POOL_STRATEGIES")?.Split(',') ?? ["prefix-aware", "round-robin", "least-loaded"];
        var all = new List<LlamaServer>();
        string? picks = null;
        try
        {
            // Three fresh servers per strategy, all started up front: every strategy starts with cold caches, and no server is
            // stopped while the next ones start.
            for (int i = 0; i < Replicas * strategies.Length; i++)
            {
                all.Add(await LlamaServer.StartToolModelAsync(jinja: true, contextPerSlot: ContextPerSlot, parallel: Slots, ServerArgs));
            }

            for (int s = 0; s < strategies.Length; s++)
            {
                Result result = await RunStrategyAsync(strategies[s], all.GetRange(s * Replicas, Replicas), conversations, turns, rate, schedule);
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
        Console.WriteLine($"system prompts: {string.Join(", ", Enumerable.Range(0, Apps).Select(a => $"{SystemPrompt(a).Length} chars"))}");
        return 0;
    }

    /// <summary>One request of the workload: the conversation and its turn.</summary>
    private readonly record struct Arrival(int Conversation, int Turn);

    /// <summary>
    /// The order of all requests, fixed in advance: <see cref="OpenConversations"/> conversations are open at a time; each slot
    /// goes to a random open conversation not among the last half of those picked (its user's think time), and a finished
    /// conversation is replaced by the next.
    /// </summary>
    private static Arrival[] Schedule(int conversations, int turns)
    {
        var random = new Random(2026);
        var open = new List<int>();
        var nextTurn = new int[conversations];
        var recent = new Queue<int>();
        int started = 0;
        var order = new List<Arrival>(conversations * turns);
        while (order.Count < conversations * turns)
        {
            while (open.Count < OpenConversations && started < conversations)
            {
                open.Add(started++);
            }

            List<int> ready = [.. open.Where(c => !recent.Contains(c))];
            int pick = ready.Count > 0 ? ready[random.Next(ready.Count)] : open[random.Next(open.Count)];
            order.Add(new Arrival(pick, nextTurn[pick]++));
            recent.Enqueue(pick);
            if (recent.Count > OpenConversations / 2)
            {
                recent.Dequeue();
            }

            if (nextTurn[pick] == turns)
            {
                open.Remove(pick);
            }
        }

        return [.. order];
    }

    private static async Task<Result> RunStrategyAsync(string strategy, List<LlamaServer> servers, int conversations, int turns, double rate, Arrival[] schedule)
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

            // Each conversation's previous turn, so a turn is sent after its previous answer arrived.
            var conversation = new List<ChatMessage>[conversations];
            var previous = new Task[conversations];
            var seen = new int[conversations];
            for (int c = 0; c < conversations; c++)
            {
                conversation[c] = [new ChatMessage(ChatRole.System, SystemPrompt(c % Apps))];
                previous[c] = Task.CompletedTask;
            }

            string loadAtStart = LoadAverage();
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < schedule.Length; i++)
            {
                TimeSpan due = TimeSpan.FromSeconds(i / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                Arrival arrival = schedule[i];
                Task before = previous[arrival.Conversation];
                if (!before.IsCompleted)
                {
                    record.Held();
                }

                previous[arrival.Conversation] = SendTurnAsync(picker, before, conversation[arrival.Conversation], seen, arrival, record);
            }

            await Task.WhenAll(previous);
            return record.Summarize(strategy, clock.Elapsed) with { Load = $"{loadAtStart} / {LoadAverage()}" };
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

    /// <summary>
    /// Sends one turn after the conversation's previous one; <paramref name="seen"/> holds, per conversation, the tokens its
    /// previous turn left in the serving replica's cache (prompt and answer).
    /// </summary>
    private static async Task SendTurnAsync(IChatClient client, Task previous, List<ChatMessage> messages, int[] seen, Arrival arrival, Recorder record)
    {
        await previous;
        var random = new Random((arrival.Conversation * 1000) + arrival.Turn);
        messages.Add(new ChatMessage(ChatRole.User, Words(random, 30 + random.Next(120), UserWords)));
        // The answer's length as vLLM's multi-turn benchmark draws it (80-120 tokens): the engine generates exactly that many
        // (ignore_eos), so the history grows by the answer as well as the question and the answer's tokens are in the serving
        // replica's cache, as a real model's answer would be.
        var options = new ChatOptions { MaxOutputTokens = AnswerTokens.Min + random.Next(AnswerTokens.Max - AnswerTokens.Min + 1), Temperature = 0 };
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

                    if (update.AdditionalProperties?.TryGetValue(TimingsProperty, out object? timings) == true && timings is (int prompt, int recomputed, int predicted))
                    {
                        // Tokens no picker could have had cached for this turn: the prompt past what the previous turn left.
                        if (arrival.Turn > 0)
                        {
                            record.New(prompt - seen[arrival.Conversation], recomputed);
                        }

                        seen[arrival.Conversation] = prompt + predicted;
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

    /// <summary>The property of the last streamed update that carries the response's prompt tokens and generated tokens.</summary>
    private const string TimingsProperty = "llama.timings";

    private static readonly string[] UserWords = ["order", "refund", "shipping", "account", "password", "invoice", "delivery", "warranty", "battery", "screen", "the", "a", "is", "when", "please", "customer", "my", "days", "return", "label", "why", "still", "not", "arrived", "charged", "twice", "can", "you", "check", "again"];

    private static readonly string[] PolicyWords = ["always", "never", "confirm", "identity", "before", "changing", "an", "order", "escalate", "to", "a", "human", "agent", "when", "the", "customer", "asks", "refunds", "above", "limit", "require", "approval", "quote", "policy", "section", "keep", "answers", "short", "polite", "and", "factual", "do", "not", "promise", "delivery", "dates", "use", "tools", "look", "up", "account", "status"];

    /// <summary>One application's system prompt: its instructions (about 450 words) and the JSON schemas of six tools.</summary>
    private static string SystemPrompt(int app)
    {
        var random = new Random(1000 + app);
        var prompt = new StringBuilder($"You are the assistant of application {app} for Contoso. Follow the policy below.\n\n");
        for (int section = 1; section <= 5; section++)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"## Section {section}\n").Append(Words(random, 90, PolicyWords)).Append(".\n\n");
        }

        prompt.Append("# Tools\n\nYou may call one or more functions to assist with the user query. Function signatures:\n<tools>\n");
        string[] tools = ["lookup_order", "issue_refund", "track_shipment", "reset_password", "open_ticket", "check_warranty"];
        foreach (string tool in tools)
        {
            prompt.Append(CultureInfo.InvariantCulture, $$$$"""{"type": "function", "function": {"name": "{{{{tool}}}}_{{{{app}}}}", "description": "{{{{Words(random, 20, PolicyWords)}}}}", "parameters": {"type": "object", "properties": {"order_id": {"type": "string", "description": "{{{{Words(random, 8, PolicyWords)}}}}"}, "customer_id": {"type": "string"}, "reason": {"type": "string", "enum": ["damaged", "late", "wrong_item", "other"]}, "amount": {"type": "number", "minimum": 0}}, "required": ["order_id"]}}}""").Append('\n');
        }

        return prompt.Append("</tools>").ToString();
    }

    /// <summary>The one-minute load average (<c>/proc/loadavg</c>), or "n/a" where there is none.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string Words(Random random, int count, string[] vocabulary) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => vocabulary[random.Next(vocabulary.Length)]));

    /// <summary>What every response reported.</summary>
    private sealed class Recorder
    {
        private readonly List<(int PromptN, int CacheN, double TtftMs)> _samples = [];
        private int _failed;
        private int _retried;
        private int _held;
        private long _new;
        private long _laterRecomputed;

        public void Failed() => Interlocked.Increment(ref _failed);

        public void Retried() => Interlocked.Increment(ref _retried);

        public void Held() => Interlocked.Increment(ref _held);

        public void New(int tokens, int recomputed)
        {
            Interlocked.Add(ref _new, tokens);
            Interlocked.Add(ref _laterRecomputed, recomputed);
        }

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
                _samples.Sum(s => (long)s.PromptN + s.CacheN) / elapsed.TotalSeconds,
                _held,
                _failed,
                _retried)
            {
                Picks = Picks,
                New = Interlocked.Read(ref _new),
                LaterRecomputed = Interlocked.Read(ref _laterRecomputed),
            };
        }

        private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private sealed record Result(string Strategy, int Requests, long Recomputed, long Cached, double TtftP50, double TtftP95, double Rate, double PromptRate, int Held, int Failed, int Retried)
    {
        public string Picks { get; init; } = string.Empty;

        public string Load { get; init; } = string.Empty;

        /// <summary>Prompt tokens of turns 2 and later past what the conversation's previous turn left (prompt and answer).</summary>
        public long New { get; init; }

        /// <summary>Prompt tokens recomputed on turns 2 and later.</summary>
        public long LaterRecomputed { get; init; }

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"| {Strategy} | {Requests} | {Recomputed + Cached} | {Recomputed} | {Cached} | {100.0 * Recomputed / Math.Max(1, Recomputed + Cached):F1} % | {TtftP50:F0} ms | {TtftP95:F0} ms | {Rate:F2} | {PromptRate:F0} | {LaterRecomputed} | {New} | {Held} | {Failed} / {Retried} | {Load} |");
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
                ["ignore_eos"] = true,
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
                    int promptN = timings.GetProperty("prompt_n").GetInt32(), cacheN = timings.GetProperty("cache_n").GetInt32();
                    recorder.Add(promptN, cacheN, ttft ?? Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    yield return new ChatResponseUpdate { AdditionalProperties = new() { [TimingsProperty] = (promptN + cacheN, promptN, timings.GetProperty("predicted_n").GetInt32()) } };
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

    /// <summary>The baselines: round-robin, or the replica with the fewest requests in flight (ties rotated, so an idle pool is not one replica).</summary>
    private sealed class Picker(List<(Uri Address, IChatClient Client)> replicas, Func<int[], int, int> pick) : IChatClient
    {
        private readonly int[] _inFlight = new int[replicas.Count];
        private int _next;

        public static int RoundRobin(int[] inFlight, int next) => next % inFlight.Length;

        public static int LeastLoaded(int[] inFlight, int next)
        {
            int best = next % inFlight.Length;
            for (int k = 1; k < inFlight.Length; k++)
            {
                int i = (next + k) % inFlight.Length;
                best = inFlight[i] < inFlight[best] ? i : best;
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
