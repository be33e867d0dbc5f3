using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.IntegrationTests.Costs;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Routing.Limits;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Inference.Sdk.IntegrationTests.Routing;

/// <summary>
/// Three instances (each a router with its own Redis connection, leases and ledger) share one real redis-server and send at once,
/// for a few seconds each, with the rate-limit window shortened to 2 s so several windows pass: the fleet's tokens per window stay
/// under a target's limit plus one request; a tenant at its limit is refused on every instance while another proceeds; batch work
/// keeps to its share while interactive work is served; Redis killed mid-run loses no ledger entry and the limits re-converge.
/// </summary>
public sealed class FleetRateLimitTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private const long Used = 85; // what each response reports: 5 prompt + 80 output tokens (each is estimated at its prompt + 100)

    [Fact]
    public async Task Three_instances_sending_at_once_never_exceed_a_targets_tokens_per_minute_by_more_than_one_request()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var served = new ConcurrentQueue<Served>();
        var logs = new ListLogger<RedisRateLimitFleet>();
        await using Fleet fleet = await Fleet.StartAsync(server, 3, (_, _) => [new RouteTarget("api", new UsageTarget(served), TargetTier.HostedApi, 128_000) { TokensPerMinute = 20_000 }], logger: logs);

        int refused = await fleet.SendAsync(TimeSpan.FromSeconds(4), loops: 3, (_, _) => Request());

        long busiest = Busiest(served);
        long total = served.Sum(s => s.Tokens);
        Assert.True(busiest <= 20_000 + Used, $"the fleet used {busiest} tokens in one window of a 20000 limit ({string.Join("; ", logs.Entries.Select(e => e.Message))})");
        long first = served.Min(s => s.At);
        string perTenth = string.Join(",", served.GroupBy(s => (s.At - first) * 10 / Stopwatch.Frequency).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Sum(s => s.Tokens)}"));
        Assert.True(busiest >= 15_000 && total >= 25_000, $"the fleet used only {busiest} tokens in its busiest window and {total} in 4 s of a 20000 per 2 s limit: leases starve it (tokens by tenth of a second: {perTenth}; refused {refused}; {string.Join("; ", logs.Entries.Select(e => e.Message))})");
        Assert.True(refused > 0, "nothing was refused"); // demand exceeded the limit: without the fleet three instances would use three times it
        Assert.All(fleet.Instances, i => Assert.Equal(3, i.Fleet.Instances));
    }

    [Fact]
    public async Task A_tenant_at_its_limit_is_refused_on_every_instance_while_another_tenant_proceeds()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var served = new ConcurrentQueue<Served>();
        await using Fleet fleet = await Fleet.StartAsync(
            server,
            3,
            (_, _) => [new RouteTarget("api", new UsageTarget(served), TargetTier.HostedApi, 128_000)],
            o => o.Tenants[HybridRouterOptions.DefaultTenant] = new TenantLimits { RequestsPerMinute = 12 },
            window: TimeSpan.FromSeconds(10));
        var refusals = new ConcurrentQueue<RateLimitExceededException>();

        int refused = await fleet.SendAsync(TimeSpan.FromSeconds(2.5), loops: 2, (_, _) => Request(tenant: "acme"), refusals);
        foreach (Instance instance in fleet.Instances)
        {
            Assert.NotNull(await instance.Router.GetResponseAsync(Ask(), Request(tenant: "beta")));
        }

        Assert.Equal(12, served.Count(s => s.Tenant == "acme")); // the fleet's 12, not 12 per instance, and all 12 despite the leases
        Assert.Equal(3, served.Count(s => s.Tenant == "beta"));
        Assert.True(refused > 0);
        Assert.All(refusals, e => Assert.Equal(("acme", RateLimitKind.RequestsPerMinute), (e.Tenant, e.Limit)));
    }

    [Fact]
    public async Task A_renewed_lease_is_counted_once_so_a_small_tenant_limit_admits_a_request_on_every_instance()
    {
        // A tenant allowed 12 requests a minute across three instances. Each instance serves one request, then renews while
        // that request's demand still counts: it asks again for its share (4). Were the lease it replaces counted in Redis
        // until the next renewal, the first two instances would hold all 12 and the third would be refused "12 of 12 used"
        // for a tenant that had sent two requests.
        await using RedisServer server = await RedisServer.StartAsync();
        var served = new ConcurrentQueue<Served>();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Fleet fleet = await Fleet.StartAsync(
            server,
            3,
            (_, _) => [new RouteTarget("api", new UsageTarget(served), TargetTier.HostedApi, 128_000)],
            o => o.Tenants[HybridRouterOptions.DefaultTenant] = new TenantLimits { RequestsPerMinute = 12 },
            window: TimeSpan.FromSeconds(10),
            time: time,
            lease: (TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500)));

        foreach (Instance instance in fleet.Instances)
        {
            Assert.NotNull(await instance.Router.GetResponseAsync(Ask(), Request(tenant: "beta")));
            time.Advance(TimeSpan.FromSeconds(1)); // the lease is due for renewal (it ends within two intervals)
            Assert.True(await instance.Fleet.RenewAsync());
        }

        Assert.Equal(3, served.Count(s => s.Tenant == "beta"));
    }

    [Fact]
    public async Task Giving_back_to_a_grant_already_emptied_is_not_mistaken_for_an_outage()
    {
        // A renewal carries the whole idle lease out of its grant; a request spends from it while the round trip waits (Redis
        // paused), and its response used less than estimated, so the unused part goes back to the grant the lease came from,
        // now empty. Redis rejects HINCRBY by "-0": were that sent, the script would fail, the fleet would think Redis gone,
        // and each instance would admit its share on top of what the fleet had already spent in the window.
        await using RedisServer server = await RedisServer.StartAsync();
        var served = new ConcurrentQueue<Served>();
        var logs = new ListLogger<RedisRateLimitFleet>();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Fleet fleet = await Fleet.StartAsync(
            server,
            1,
            (_, _) => [new RouteTarget("api", new UsageTarget(served), TargetTier.HostedApi, 128_000) { TokensPerMinute = 20_000 }],
            logger: logs,
            time: time,
            lease: (TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(100)));
        Instance instance = fleet.Instances[0];
        time.Advance(TimeSpan.FromMilliseconds(350)); // the idle lease is due (it ends within two intervals), not yet ended

        await server.PauseWritesAsync(TimeSpan.FromMilliseconds(300));
        Task<bool> renewing = instance.Fleet.RenewAsync();
        Assert.NotNull(await instance.Router.GetResponseAsync(Ask(), Request()));
        Assert.True(await renewing);

        Assert.True(await instance.Fleet.RenewAsync()); // gives the response's unused part back
        Assert.False(instance.Fleet.IsDegraded);
        Assert.DoesNotContain(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Single(served);
    }

    [Fact]
    public async Task Batch_work_keeps_to_its_share_of_the_fleets_limit_while_interactive_work_is_served()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var served = new ConcurrentQueue<Served>();
        await using Fleet fleet = await Fleet.StartAsync(
            server,
            3,
            (_, _) => [new RouteTarget("api", new UsageTarget(served), TargetTier.HostedApi, 128_000) { TokensPerMinute = 20_000 }],
            o =>
            {
                o.BatchLimitShare = 0.5;
                o.BatchQueueLimit = 0;
            });
        int interactive = 0;

        // Two instances flood batch work; the third sends interactive work at about a tenth of the limit.
        int refused = await fleet.SendAsync(TimeSpan.FromSeconds(4), loops: 2, (instance, _) =>
        {
            if (instance < 2)
            {
                return Request(priority: "Batch");
            }

            Interlocked.Increment(ref interactive);
            return Request(priority: "Interactive", pause: TimeSpan.FromMilliseconds(100));
        });

        long busiestBatch = Busiest(served.Where(s => s.Priority == "Batch"));
        Assert.True(busiestBatch <= 10_000 + Used, $"batch work used {busiestBatch} tokens in one window of its 10000");
        Assert.True(refused > 0);
        int interactiveServed = served.Count(s => s.Priority == "Interactive");
        Assert.True(interactiveServed >= interactive - 2, $"{interactiveServed} of {interactive} interactive requests served"); // the last may still be retrying at the end
    }

    [Fact]
    public async Task Redis_killed_and_restarted_mid_run_loses_no_ledger_entry_and_the_limits_reconverge()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var served = new ConcurrentQueue<Served>();
        var logs = new ListLogger<RedisRateLimitFleet>();
        string prefix = "t" + Guid.NewGuid().ToString("N");
        await using Fleet fleet = await Fleet.StartAsync(
            server,
            3,
            (_, ledger) => [new RouteTarget("api", new CostMeteringChatClient(new UsageTarget(served), new MeteredTarget("api", new PerTokenPricing(1m, 2m, "config", DateOnly.FromDateTime(DateTime.UtcNow)), ProviderKind.OpenAICompatible, TargetTier.HostedApi), ledger!), TargetTier.HostedApi, 128_000) { TokensPerMinute = 20_000 }],
            ledgerPrefix: prefix,
            logger: logs);

        Task<int> sending = fleet.SendAsync(TimeSpan.FromSeconds(5), loops: 2, (_, _) => Request());
        await Task.Delay(1000);
        await Task.WhenAll(fleet.Instances.Select(i => i.Ledger!.FlushAsync()));
        await server.SaveAsync(); // what a persistent Redis keeps
        await server.KillAsync();
        await Eventually(() => fleet.Instances.All(i => i.Fleet.IsDegraded));
        int servedWhileDown = served.Count;
        await Task.Delay(1200);
        Assert.True(served.Count > servedWhileDown); // each instance still admits its share
        Assert.All(fleet.Instances.SelectMany(i => i.Router.Limits.All), c => Assert.Equal(LimitMode.Degraded, c.Mode));

        await server.RestartAsync();
        await Eventually(() => fleet.Instances.All(i => !i.Fleet.IsDegraded));
        long reconverged = Stopwatch.GetTimestamp();
        await sending;

        Assert.All(fleet.Instances.SelectMany(i => i.Router.Limits.All), c => Assert.Equal(LimitMode.Fleet, c.Mode));
        // Each outage is logged once when it starts and once when it ends, not per failed call: at least one per instance. A Redis
        // restarting from its dump answers LOADING for a moment, which an instance may see as a second, short outage.
        int outages = logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("Redis unreachable for the fleet's rate limits", StringComparison.Ordinal));
        int recoveries = logs.Entries.Count(e => e.Level == LogLevel.Information && e.Message.Contains("Redis reachable again for the fleet's rate limits", StringComparison.Ordinal));
        Assert.InRange(outages, 3, 6);
        Assert.Equal(outages, recoveries);
        long busiest = Busiest(served.Where(s => s.At >= reconverged + Stopwatch.Frequency * (long)Window.TotalSeconds));
        Assert.True(busiest <= 20_000 + Used, $"after re-converging the fleet used {busiest} tokens in one window of a 20000 limit");

        foreach (Instance instance in fleet.Instances)
        {
            Assert.True(await instance.Ledger!.FlushAsync());
            Assert.Equal(0, instance.Ledger.PendingCount);
        }

        await using ConnectionMultiplexer reader = await ConnectionMultiplexer.ConnectAsync(server.ClientOptions());
        await using var check = new RedisCostLedger(reader, new RedisCostLedgerOptions { KeyPrefix = prefix });
        Assert.True(await check.RefreshAsync());
        CostTotals totals = check.GetTotals(CostDimension.Global, null, CostWindow.Day, DateTimeOffset.UtcNow);
        Assert.Equal(served.Count, totals.Requests);
        Assert.Equal(served.Count * 80L, totals.OutputTokens);
    }

    private static List<ChatMessage> Ask() => [new ChatMessage(ChatRole.User, "hello")];

    private static ChatOptions Request(string? tenant = null, string? priority = null, TimeSpan? pause = null)
    {
        var options = new ChatOptions { MaxOutputTokens = 100, AdditionalProperties = [] };
        if (tenant is not null)
        {
            options.AdditionalProperties[InferencePropertyNames.Tenant] = tenant;
        }

        if (priority is not null)
        {
            options.AdditionalProperties[InferencePropertyNames.Priority] = priority;
        }

        if (pause is not null)
        {
            options.AdditionalProperties["test.pause"] = pause.Value;
        }

        return options;
    }

    /// <summary>The most tokens served in any window (of <see cref="Window"/>) that starts at a request.</summary>
    private static long Busiest(IEnumerable<Served> served)
    {
        Served[] all = [.. served.OrderBy(s => s.At)];
        long window = (long)(Window.TotalSeconds * Stopwatch.Frequency);
        long busiest = 0;
        for (int i = 0; i < all.Length; i++)
        {
            long sum = 0;
            for (int j = i; j < all.Length && all[j].At - all[i].At < window; j++)
            {
                sum += all[j].Tokens;
            }

            busiest = Math.Max(busiest, sum);
        }

        return busiest;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the fleet did not get there within 10 s");
            await Task.Delay(20);
        }
    }

    private readonly record struct Served(long At, long Tokens, string? Tenant, string? Priority);

    /// <summary>A target that answers at once and reports <see cref="Used"/> tokens; records when and for whom.</summary>
    private sealed class UsageTarget(ConcurrentQueue<Served> served) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            served.Enqueue(new Served(
                Stopwatch.GetTimestamp(),
                Used,
                options?.AdditionalProperties?.TryGetValue(InferencePropertyNames.Tenant, out object? tenant) == true ? tenant as string : null,
                options?.AdditionalProperties?.TryGetValue(InferencePropertyNames.Priority, out object? priority) == true ? priority as string : null));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
            {
                Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 80, TotalTokenCount = Used },
            });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (ChatResponseUpdate update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed record Instance(HybridRouterChatClient Router, RedisRateLimitFleet Fleet, RedisCostLedger? Ledger, ConnectionMultiplexer Redis);

    private sealed class Fleet : IAsyncDisposable
    {
        private Fleet(Instance[] instances) => Instances = instances;

        public Instance[] Instances { get; }

        public static async Task<Fleet> StartAsync(
            RedisServer server,
            int count,
            Func<int, RedisCostLedger?, RouteTarget[]> targets,
            Action<HybridRouterOptions>? configure = null,
            TimeSpan? window = null,
            string? ledgerPrefix = null,
            ILogger<RedisRateLimitFleet>? logger = null,
            TimeProvider? time = null,
            (TimeSpan Duration, TimeSpan Renew)? lease = null)
        {
            string prefix = "limits" + Guid.NewGuid().ToString("N");
            var instances = new Instance[count];
            var logs = logger as ListLogger<RedisRateLimitFleet> ?? new ListLogger<RedisRateLimitFleet>();
            for (int i = 0; i < count; i++)
            {
                ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(server.ClientOptions());
                RedisCostLedger? ledger = ledgerPrefix is null ? null : new RedisCostLedger(redis, new RedisCostLedgerOptions
                {
                    KeyPrefix = ledgerPrefix,
                    FlushInterval = TimeSpan.FromMilliseconds(50),
                    RetryInterval = TimeSpan.FromMilliseconds(100),
                });
                var options = new HybridRouterOptions { RateLimitWindow = window ?? Window };
                configure?.Invoke(options);
                var router = new HybridRouterChatClient(targets(i, ledger), options, timeProvider: time);
                var fleet = new RedisRateLimitFleet(redis, router, new RedisRateLimitFleetOptions
                {
                    KeyPrefix = prefix,
                    LeaseDuration = lease?.Duration ?? TimeSpan.FromMilliseconds(200),
                    RenewInterval = lease?.Renew ?? TimeSpan.FromMilliseconds(50),
                    RetryInterval = TimeSpan.FromMilliseconds(100),
                }, logger ?? logs);
                instances[i] = new Instance(router, fleet, ledger, redis);
            }

            // Every instance registered, so each knows the fleet's size before traffic starts.
            for (int round = 0; round < 2; round++)
            {
                foreach (Instance instance in instances)
                {
                    // A fresh connection on a loaded box can time out its first round: set-up retries (a few, briefly).
                    bool renewed = false;
                    for (int attempt = 0; attempt < 5 && !(renewed = await instance.Fleet.RenewAsync()); attempt++)
                    {
                        await Task.Delay(100);
                    }

                    Assert.True(renewed, $"an instance did not reach Redis in 5 tries at set-up ({string.Join("; ", logs.Entries.Select(e => e.Message))})");
                }
            }

            return new Fleet(instances);
        }

        /// <summary>Sends from every instance at once for <paramref name="duration"/>; a refused request waits its RetryAfter (at most 50 ms).</summary>
        /// <returns>How many requests were refused.</returns>
        public async Task<int> SendAsync(TimeSpan duration, int loops, Func<int, int, ChatOptions> request, ConcurrentQueue<RateLimitExceededException>? refusals = null)
        {
            int refused = 0;
            var clock = Stopwatch.StartNew();
            var senders = new List<Task>();
            for (int i = 0; i < Instances.Length; i++)
            {
                for (int loop = 0; loop < loops; loop++)
                {
                    int instance = i, index = loop;
                    senders.Add(Task.Run(async () =>
                    {
                        while (clock.Elapsed < duration)
                        {
                            ChatOptions options = request(instance, index);
                            try
                            {
                                _ = await Instances[instance].Router.GetResponseAsync(Ask(), options);
                                if (options.AdditionalProperties!.TryGetValue("test.pause", out object? pause))
                                {
                                    await Task.Delay((TimeSpan)pause!);
                                }
                            }
                            catch (RateLimitExceededException e)
                            {
                                Interlocked.Increment(ref refused);
                                refusals?.Enqueue(e);
                                await Task.Delay(e.RetryAfter is { } wait && wait < TimeSpan.FromMilliseconds(50) ? wait : TimeSpan.FromMilliseconds(50));
                            }
                        }
                    }));
                }
            }

            await Task.WhenAll(senders);
            return refused;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (Instance instance in Instances)
            {
                await instance.Fleet.DisposeAsync();
                if (instance.Ledger is { } ledger)
                {
                    await ledger.DisposeAsync();
                }

                instance.Router.Dispose();
                await instance.Redis.DisposeAsync();
            }
        }
    }
}
