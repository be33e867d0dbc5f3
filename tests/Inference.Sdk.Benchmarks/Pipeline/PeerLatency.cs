using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks.Pipeline;

/// <summary>
/// <c>dotnet run -c Release -- peer-server PORT</c> serves the fixed completion on a given port (for the gateway);
/// <c>dotnet run -c Release -- peer-latency SERVER_V1 GATEWAY_V1 [requests]</c> sends the same sequential requests
/// (a) directly with the OpenAI SDK, (b) through the gateway with the OpenAI SDK, (c) through our in-process pipeline,
/// round-robin so load drift hits all three alike, and prints p50/p99 and the added latency over the direct call.
/// </summary>
internal static class PeerLatency
{
    internal static readonly List<ChatMessage> Messages = [new(ChatRole.User, "What is the capital of France? Answer in one sentence.")];

    public static async Task<int> ServeAsync(string[] args)
    {
        await using var server = await FixedCompletionServer.StartAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
        Console.WriteLine($"serving {server.OpenAIBase}");
        await server.WaitForShutdownAsync(); // until SIGTERM or Ctrl+C
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var serverV1 = new Uri(args[1]);
        var gatewayV1 = new Uri(args[2]);
        int requests = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
        using var direct = Contenders.Sdk(serverV1, "m");
        // The gateway's equivalent of our two targets on one server: a fallback from the first to the second.
        string target = $$"""{"provider":"openai","api_key":"unused","custom_host":"{{serverV1.AbsoluteUri.TrimEnd('/')}}"}""";
        string config = $$"""{"strategy":{"mode":"fallback"},"targets":[{{target}},{{target}}]}""";
        using var gateway = Contenders.Sdk(gatewayV1, "m", ("x-portkey-config", config));
        var (host, pipeline) = await Contenders.PipelineAsync(serverV1);
        using (host)
        {
            var clients = new[] { direct, gateway, pipeline };
            var samples = clients.Select(_ => new double[requests]).ToArray();
            for (int i = 0; i < 200; i++)
            {
                foreach (var client in clients)
                {
                    await OnceAsync(client); // warm-up: JIT, connections, gateway caches
                }
            }

            for (int i = 0; i < requests; i++)
            {
                for (int c = 0; c < clients.Length; c++)
                {
                    samples[c][i] = await OnceAsync(clients[c]);
                }
            }

            await host.StopAsync();
            foreach (var s in samples)
            {
                Array.Sort(s);
            }

            double P(int c, double q) => samples[c][Math.Min(requests - 1, (int)Math.Ceiling(q * requests) - 1)];
            Console.WriteLine($"{requests} sequential requests each, round-robin; {Environment.ProcessorCount} cores");
            Console.WriteLine("| path | p50 µs | p99 µs | added p50 µs | added p99 µs |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            string[] names = ["direct (OpenAI SDK → server)", "Portkey gateway (OpenAI SDK → node gateway → server)", "our pipeline (in-process router → server)"];
            for (int c = 0; c < clients.Length; c++)
            {
                Console.WriteLine($"| {names[c]} | {P(c, 0.5):0} | {P(c, 0.99):0} | {P(c, 0.5) - P(0, 0.5):0} | {P(c, 0.99) - P(0, 0.99):0} |");
            }
        }

        return 0;
    }

    /// <summary><c>decompose [requests]</c>: where the pipeline's added latency goes, layer by layer, against the fixed server.</summary>
    public static async Task<int> DecomposeAsync(string[] args)
    {
        // decompose [requests] [--warmup N]: each layer first serves N requests that are timed apart (cold: tiered JIT, caches and
        // connection pools still settling), then `requests` that make the steady-state figures. Both p50s are printed.
        int warmupAt = Array.IndexOf(args, "--warmup");
        int warmup = warmupAt > 0 && warmupAt + 1 < args.Length
            ? int.Parse(args[warmupAt + 1], CultureInfo.InvariantCulture)
            : DefaultWarmup;
        int requests = args.Length > 1 && warmupAt != 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        if (warmup < 0 || requests < 1)
        {
            Console.Error.WriteLine("Usage: decompose [requests >= 1] [--warmup N >= 0]");
            return 2;
        }

        await using var server = await FixedCompletionServer.StartAsync();
        using var sdk = Contenders.Sdk(server.OpenAIBase, "m");
        using var engine = Inference.Sdk.Engines.EngineChatClient.Create(Inference.Sdk.Knowledge.EngineKind.Vllm, server.OpenAIBase, "m");
        var (host, pipeline) = await Contenders.PipelineAsync(server.OpenAIBase);
        using (host)
        {
            var target = Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<IChatClient>(host.Services, "edge");
            var factory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<System.Net.Http.IHttpClientFactory>(host.Services);
            var resilientHttp = factory.CreateClient("Inference.Sdk:edge");
            using var resilient = Inference.Sdk.Engines.EngineChatClient.Create(
                Inference.Sdk.Knowledge.EngineKind.Vllm, server.OpenAIBase, "m", new Inference.Sdk.Engines.EngineClientOptions { HttpClient = resilientHttp });
            using var bareRouter = new Inference.Sdk.Routing.HybridRouterChatClient([new Inference.Sdk.Routing.RouteTarget("edge", target, Inference.Sdk.Knowledge.TargetTier.Edge, 8192)]);
            using var engineRouter = new Inference.Sdk.Routing.HybridRouterChatClient([new Inference.Sdk.Routing.RouteTarget("edge", engine, Inference.Sdk.Knowledge.TargetTier.Edge, 8192)]);
            using var passthrough = new PassThrough(engine);
            using var decideOnly = new DecideThenSend(engine, engineRouter);
            var clients = new[] { sdk, engine, passthrough, decideOnly, engineRouter, resilient, target, bareRouter, pipeline };
            string[] names = ["OpenAI SDK", "engine adapter (shared HttpClient)", "pass-through over the adapter", "the router's decision (Plan), then the adapter", "router over the adapter", "engine adapter (the target's IHttpClientFactory client)", "target pipeline (+ cost meter + OpenTelemetry)", "a router over that one target pipeline", "router over the targets"];
            var samples = clients.Select(_ => new double[requests]).ToArray();
            var cold = clients.Select(_ => new double[Math.Max(warmup, 1)]).ToArray();
            for (int i = 0; i < warmup; i++)
            {
                for (int c = 0; c < clients.Length; c++)
                {
                    cold[c][i] = await OnceAsync(clients[c]);
                }
            }

            // Besides the latency, what each request costs the process (client and the in-process server alike): CPU time and
            // thread-pool work items. A layer that adds latency but little CPU adds a wait (a hop to the thread pool), not work.
            var cpu = new double[clients.Length];
            var workItems = new long[clients.Length];
            for (int i = 0; i < requests; i++)
            {
                for (int c = 0; c < clients.Length; c++)
                {
                    var cpuBefore = Environment.CpuUsage.TotalTime;
                    long itemsBefore = System.Threading.ThreadPool.CompletedWorkItemCount;
                    samples[c][i] = await OnceAsync(clients[c]);
                    workItems[c] += System.Threading.ThreadPool.CompletedWorkItemCount - itemsBefore;
                    cpu[c] += (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds;
                }
            }

            await host.StopAsync();
            Console.WriteLine($"{requests} sequential requests each after {warmup} warm-up requests each (timed apart as 'cold'), round-robin; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
            Console.WriteLine("| layer | cold p50 µs | cold p50 / SDK | steady p50 µs | steady p90 µs | steady p50 / SDK | CPU µs per request | thread-pool items per request |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (int c = 0; c < clients.Length; c++)
            {
                Array.Sort(samples[c]);
                Array.Sort(cold[c], 0, warmup);
            }

            for (int c = 0; c < clients.Length; c++)
            {
                string coldP50 = warmup > 0 ? $"{cold[c][warmup / 2]:0} | {cold[c][warmup / 2] / cold[0][warmup / 2]:0.00}" : "— | —";
                Console.WriteLine($"| {names[c]} | {coldP50} | {samples[c][requests / 2]:0} | {samples[c][requests * 9 / 10]:0} | {samples[c][requests / 2] / samples[0][requests / 2]:0.00} | {cpu[c] / requests:0} | {(double)workItems[c] / requests:0.0} |");
            }
        }

        return 0;
    }

    /// <summary>
    /// <c>hot [seconds] [layer,layer,...] [--warmup S] [--server URL]</c>: sequential requests through one or more layers for a while, after S
    /// seconds (default 60) of the same unmeasured; several layers take turns in blocks of 1,000 requests, so each runs alone for a while as it would in an application (unlike <c>decompose</c>,
    /// which alternates request by request). With <c>--server URL</c> the server is another process (<c>peer-server PORT</c>). Prints p50, mean, CPU time, thread-pool items and context switches per request.
    /// A steady load to attach a profiler to (<c>dotnet-trace collect --profile dotnet-sampled-thread-time</c>). Layers: <see cref="Layers"/>.
    /// </summary>
    public static async Task<int> HotAsync(string[] args)
    {
        // hot [seconds] [layers] [--warmup S]: the layers first take turns unmeasured for S seconds (default 60): the tiered JIT
        // keeps compiling in the background for tens of seconds on a 2-core box (libclrjit ~9% of CPU 10-20 s in, ~1.6% at 50 s).
        int warmupAt = Array.IndexOf(args, "--warmup");
        double warmupSeconds = warmupAt > 0 && warmupAt + 1 < args.Length ? double.Parse(args[warmupAt + 1], CultureInfo.InvariantCulture) : 60;
        double seconds = args.Length > 1 && warmupAt != 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        string layer = args.Length > 2 && warmupAt != 2 ? args[2] : "pipeline";
        // --server URL: the fixed completion served by another process (`peer-server PORT`), as a real server would be: its
        // threads, allocations and cache footprint are then not the client's.
        int serverAt = Array.IndexOf(args, "--server");
        bool remote = serverAt > 0;
        if (remote && serverAt + 1 >= args.Length)
        {
            throw new ArgumentException("--server needs the server's OpenAI base, e.g. --server http://127.0.0.1:18080/v1 (start it with peer-server 18080).");
        }

        await using var local = remote ? null : await FixedCompletionServer.StartAsync();
        Uri openAIBase = remote ? new Uri(args[serverAt + 1]) : local!.OpenAIBase;
        using var sdk = Contenders.Sdk(openAIBase, "m");
        using var sdkOwn = Contenders.Sdk(openAIBase, "m", httpClient: new System.Net.Http.HttpClient());
        var (host, pipeline) = await Contenders.PipelineAsync(openAIBase);
        using (host)
        {
            using var engine = Inference.Sdk.Engines.EngineChatClient.Create(Inference.Sdk.Knowledge.EngineKind.Vllm, openAIBase, "m");
            using var engineRouter = new Inference.Sdk.Routing.HybridRouterChatClient([new Inference.Sdk.Routing.RouteTarget("edge", engine, Inference.Sdk.Knowledge.TargetTier.Edge, 8192)]);
            var targetPipeline = Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<IChatClient>(host.Services, "edge");
            using var targetRouter = new Inference.Sdk.Routing.HybridRouterChatClient([new Inference.Sdk.Routing.RouteTarget("edge", targetPipeline, Inference.Sdk.Knowledge.TargetTier.Edge, 8192)]);
            var factory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<System.Net.Http.IHttpClientFactory>(host.Services);
            using var resilient = Inference.Sdk.Engines.EngineChatClient.Create(
                Inference.Sdk.Knowledge.EngineKind.Vllm, openAIBase, "m", new Inference.Sdk.Engines.EngineClientOptions { HttpClient = factory.CreateClient("Inference.Sdk:edge") });
            using var inMemoryRouter = new Inference.Sdk.Routing.HybridRouterChatClient([new Inference.Sdk.Routing.RouteTarget("edge", new Answering(), Inference.Sdk.Knowledge.TargetTier.Edge, 8192)]);
            var (inMemoryHost, inMemoryPipeline) = Contenders.InMemoryPipeline(new Answering());
            using var inMemoryHostScope = inMemoryHost;
            IChatClient Pick(string name) => name switch
            {
                "in-memory-router" => inMemoryRouter,
                "in-memory-pipeline" => inMemoryPipeline,
                "spin2" => new Spin(engine, 2.0),
                "classify" => new Before(engine, m => (int)Inference.Sdk.Requests.LinearTaskClassifier.Instance.Classify(m, null)),
                "read" => new Before(engine, m => engineRouter.Reader.Read(m, null).PromptTokens.Length),
                "spin1" => new Spin(engine, 1.0),
                "resilient" => resilient,
                "sdk" => sdk,
                "sdk-own" => sdkOwn,
                "adapter" => engine,
                "router-adapter" => engineRouter,
                "deep" => new PassThrough(new PassThrough(new PassThrough(new PassThrough(new PassThrough(engine))))),
                "plan" => new DecideThenSend(engine, engineRouter),
                "target" => targetPipeline,
                "router-target" => targetRouter,
                "pipeline" => pipeline,
                _ => throw new ArgumentException($"Unknown layer '{name}': use {Layers}."),
            };

            // Several layers (comma-separated) take turns in blocks of 1,000 requests, so that each runs alone for a while
            // (as in an application) and load drift still hits all alike.
            string[] layers = layer.Split(',');
            var clients = layers.Select(Pick).ToArray();
            Console.WriteLine($"pid {Environment.ProcessId}: {layer} for {seconds} s after {warmupSeconds} s of warm-up, server {(remote ? openAIBase : "in this process")}; load average {LoadAverage()}");
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed.TotalSeconds < warmupSeconds)
            {
                foreach (var client in clients)
                {
                    for (int i = 0; i < 1000; i++)
                    {
                        await OnceAsync(client);
                    }
                }
            }

            var times = layers.Select(_ => new List<double>()).ToArray();
            var cpu = new double[layers.Length];
            var items = new long[layers.Length];
            var switches = new long[layers.Length];
            int[] gcs = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                for (int c = 0; c < clients.Length; c++)
                {
                    long switchesBefore = ContextSwitches();
                    long itemsBefore = System.Threading.ThreadPool.CompletedWorkItemCount;
                    var cpuBefore = Environment.CpuUsage.TotalTime;
                    for (int i = 0; i < 1000; i++)
                    {
                        times[c].Add(await OnceAsync(clients[c]));
                    }

                    cpu[c] += (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds;
                    items[c] += System.Threading.ThreadPool.CompletedWorkItemCount - itemsBefore;
                    switches[c] += ContextSwitches() - switchesBefore;
                }
            }

            long requests = times.Sum(t => t.Count);
            Console.WriteLine($"{requests} requests, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / requests:0} B allocated each (client and server); GCs gen0 {GC.CollectionCount(0) - gcs[0]}, gen1 {GC.CollectionCount(1) - gcs[1]}, gen2 {GC.CollectionCount(2) - gcs[2]}");
            for (int c = 0; c < clients.Length; c++)
            {
                times[c].Sort();
                double p50 = times[c][times[c].Count / 2];
                Console.WriteLine($"{layers[c],-15} p50 {p50:0.0} µs ({p50 / times[0][times[0].Count / 2]:0.000} of {layers[0]}), mean {times[c].Average():0.0} µs, CPU {cpu[c] / times[c].Count:0.0} µs, {(double)items[c] / times[c].Count:0.00} thread-pool items, {(double)switches[c] / times[c].Count:0.00} context switches per request");
            }

            await host.StopAsync();
        }

        return 0;
    }

    private const string Layers = "sdk, sdk-own, adapter, resilient, deep, plan, router-adapter, target, router-target, pipeline, in-memory-router, in-memory-pipeline, spin1, spin2, classify, read";

    /// <summary>The process's context switches so far (voluntary and not, all threads; Linux only, else 0).</summary>
    private static long ContextSwitches()
    {
        long total = 0;
        if (!System.IO.Directory.Exists("/proc/self/task"))
        {
            return 0;
        }

        foreach (string task in System.IO.Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (string line in System.IO.File.ReadLines(System.IO.Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (System.IO.IOException)
            {
                // the thread ended meanwhile
            }
        }

        return total;
    }

    /// <summary>
    /// Warm-up requests per layer before the measured ones. By then the first tier-up is done, but not all of it: on a 2-core box
    /// the tiered JIT keeps compiling in the background for tens of seconds (perf: libclrjit ~9% of the CPU 10-20 s in, ~1.6% at
    /// 50 s), so for the steady state use <c>hot ... --warmup 60</c>.
    /// </summary>
    private const int DefaultWarmup = 5000;

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<double> OnceAsync(IChatClient client)
    {
        long start = Stopwatch.GetTimestamp();
        var response = await client.GetResponseAsync(Messages).ConfigureAwait(false);
        double micros = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        return response.Text == FixedCompletionServer.Content
            ? micros
            : throw new InvalidOperationException($"Unexpected answer '{response.Text}'.");
    }

    /// <summary>A target that answers at once, in memory (the router's own cost, without I/O).</summary>
    internal sealed class Answering : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, FixedCompletionServer.Content))
            {
                Usage = new UsageDetails { InputTokenCount = 14, OutputTokenCount = 8, TotalTokenCount = 22 }, // as the loopback server reports
            });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>Busy for a fixed time (µs) on the request's thread before the adapter: the in-place cost of pure compute with no memory footprint.</summary>
    private sealed class Spin(IChatClient inner, double micros) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        {
            long until = Stopwatch.GetTimestamp() + (long)(micros * Stopwatch.Frequency / 1_000_000);
            while (Stopwatch.GetTimestamp() < until)
            {
            }

            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    /// <summary>One step of the router's read (the classifier, the whole read) before the adapter: what that step costs in place.</summary>
    internal sealed class Before(IChatClient inner, Func<IReadOnlyList<ChatMessage>, int> step) : DelegatingChatClient(inner)
    {
        public int Sink { get; private set; }

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        {
            Sink += step((IReadOnlyList<ChatMessage>)messages);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    internal sealed class PassThrough(IChatClient inner) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
            => await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The router's read and decision (<see cref="Inference.Sdk.Routing.HybridRouterChatClient.Plan"/>) without its execution, then the adapter: splits the router's cost into deciding and executing.</summary>
    private sealed class DecideThenSend(IChatClient inner, Inference.Sdk.Routing.HybridRouterChatClient router) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        {
            _ = router.Plan(messages, options);
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
