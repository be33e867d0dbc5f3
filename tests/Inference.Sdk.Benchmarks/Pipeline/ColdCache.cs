using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks.Pipeline;

/// <summary>
/// <c>cold [seconds] [KiB evicted per request] [layer,...]</c>: the in-memory layers with the caches evicted before every request,
/// as the HTTP stack, Kestrel and JSON evict them between two requests in place. Layers: target, classify, read, plan, router,
/// meter, meter-null-ledger, metered-target (the default client's edge target: meter and OpenTelemetry gate), async, pipeline. Each request is preceded (outside the timed region) by a walk
/// over <c>KiB</c> of a 64 MiB buffer, one load per cache line, at a rotating offset; then only the call is timed. The same layers
/// are also timed warm (no eviction). The difference to the in-memory target called directly is each layer's own cost, cold and warm.
/// With <c>COLD_ONLY=1</c> only the cold requests run (to profile them). The target completes at once, so no await suspends: in place,
/// the router costs about twice its cold figure here, the cost meter about its cold figure.
/// </summary>
internal static class ColdCache
{
    private const int BlockSize = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        int kib = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4096;
        var buffer = new byte[64 << 20];
        var source = new PeerLatency.Answering();
        using var router = new HybridRouterChatClient([new RouteTarget("edge", source, TargetTier.Edge, 8192)]);
        var (host, pipeline) = Contenders.InMemoryPipeline(source);
        using var hostScope = host;
        var metered = Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<IChatClient>(host.Services, "edge");
        (string Name, IChatClient Client)[] all =
        [
            ("target", source),
            ("classify", new PeerLatency.Before(source, m => (int)Inference.Sdk.Requests.LinearTaskClassifier.Instance.Classify(m, null))),
            ("read", new PeerLatency.Before(source, m => router.Reader.Read(m, null).PromptTokens.Length)),
            ("plan", new PeerLatency.Before(source, m => router.Plan(m, null).GetHashCode())),
            ("router", router),
            ("metered-target", metered),
            ("meter", source.AsBuilder().UseCostMeter(Target, new Inference.Sdk.Costs.InMemoryCostLedger()).Build()),
            ("meter-null-ledger", source.AsBuilder().UseCostMeter(Target, new NullLedger()).Build()),
            ("async", new PeerLatency.PassThrough(source)),
            ("pipeline", pipeline),
        ];
        string[] pick = args.Length > 3 ? args[3].Split(',') : ["target", "router", "metered-target", "pipeline"];
        var layers = pick.Select(n => all.Single(l => l.Name == n)).ToArray();
        int offset = 0;
        int sink = 0;

        void Evict()
        {
            int bytes = kib << 10;
            for (int i = 0; i < bytes; i += 64)
            {
                sink += buffer[(offset + i) & (buffer.Length - 1)];
            }

            offset = (offset + bytes) & (buffer.Length - 1);
        }

        async Task<double> OnceAsync(IChatClient client, bool cold)
        {
            if (cold)
            {
                Evict();
            }

            long start = Stopwatch.GetTimestamp();
            var response = await client.GetResponseAsync(PeerLatency.Messages).ConfigureAwait(false);
            double micros = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            return response.Text == FixedCompletionServer.Content ? micros : throw new InvalidOperationException($"Unexpected answer '{response.Text}'.");
        }

        Console.WriteLine($"pid {Environment.ProcessId}: cold, {kib} KiB evicted before each request, {seconds} s per phase after as long a warm-up");
        var times = layers.Select(_ => (Warm: new List<double>(), Cold: new List<double>())).ToArray();
        foreach (bool measure in new[] { false, true })
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                for (int c = 0; c < layers.Length; c++)
                {
                    foreach (bool cold in Environment.GetEnvironmentVariable("COLD_ONLY") == "1" ? new[] { true } : new[] { false, true })
                    {
                        for (int i = 0; i < BlockSize; i++)
                        {
                            double micros = await OnceAsync(layers[c].Client, cold);
                            if (measure)
                            {
                                (cold ? times[c].Cold : times[c].Warm).Add(micros);
                            }
                        }
                    }
                }
            }
        }

        static double P50(List<double> t)
        {
            t.Sort();
            return t[t.Count / 2];
        }

        if (times[0].Warm.Count == 0)
        {
            return 0;
        }

        double baseWarm = P50(times[0].Warm), baseCold = P50(times[0].Cold);
        Console.WriteLine($"| layer | warm p50 µs | cold p50 µs | warm, own µs | cold, own µs | cold / warm, own |  (sink {sink & 1})");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (int c = 0; c < layers.Length; c++)
        {
            double warm = P50(times[c].Warm), cold = P50(times[c].Cold);
            Console.WriteLine($"| {layers[c].Name} | {warm:0.00} | {cold:0.00} | {warm - baseWarm:0.00} | {cold - baseCold:0.00} | {(c == 0 || warm - baseWarm <= 0 ? "—" : ((cold - baseCold) / (warm - baseWarm)).ToString("0.0", CultureInfo.InvariantCulture))} |");
        }

        return 0;
    }

    private static readonly Inference.Sdk.Costs.MeteredTarget Target = new(
        "edge", new Inference.Sdk.Costs.PerTokenPricing(0.1m, 0.2m, "test", new DateOnly(2026, 1, 1)), ProviderKind.OpenAICompatible, TargetTier.Edge, "llama-3.1-8b-instruct");

    private sealed class NullLedger : Inference.Sdk.Costs.ICostLedger
    {
        public event EventHandler<Inference.Sdk.Costs.RequestCost>? Recorded;

        public bool Record(Inference.Sdk.Costs.RequestCost cost)
        {
            Recorded?.Invoke(this, cost);
            return true;
        }

        public Inference.Sdk.Costs.CostTotals GetTotals(Inference.Sdk.Costs.CostDimension dimension, string? key, Inference.Sdk.Costs.CostWindow window, DateTimeOffset at) => throw new NotSupportedException();

        public IReadOnlyDictionary<string, Inference.Sdk.Costs.CostTotals> GetBreakdown(Inference.Sdk.Costs.CostDimension dimension, Inference.Sdk.Costs.CostWindow window, DateTimeOffset at) => throw new NotSupportedException();
    }
}
