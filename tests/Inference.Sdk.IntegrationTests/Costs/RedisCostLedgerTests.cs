using System;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Inference.Sdk.IntegrationTests.Costs;

public class RedisCostLedgerTests
{
    private static RequestCost Cost(decimal usd, string tenant, long input = 100, long output = 10) => new()
    {
        Usd = usd,
        Pricing = PricingKind.PerToken,
        Target = "api",
        Provider = ProviderKind.OpenAICompatible,
        Tier = TargetTier.HostedApi,
        Model = "m",
        Tenant = tenant,
        InputTokens = input,
        OutputTokens = output,
        Timestamp = DateTimeOffset.UtcNow,
    };

    private static RedisCostLedgerOptions Options(string prefix) => new()
    {
        KeyPrefix = prefix,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        RefreshInterval = TimeSpan.FromMilliseconds(100),
        RetryInterval = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task Two_ledgers_share_totals_and_a_budget_through_redis()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using ConnectionMultiplexer redisA = await ConnectionMultiplexer.ConnectAsync(server.ClientOptions());
        await using ConnectionMultiplexer redisB = await ConnectionMultiplexer.ConnectAsync(server.ClientOptions());
        string prefix = "t" + Guid.NewGuid().ToString("N");
        await using var a = new RedisCostLedger(redisA, Options(prefix));
        await using var b = new RedisCostLedger(redisB, Options(prefix));
        using var budgetA = new CostBudgetTracker(a, [new CostBudget(10m, CostWindow.Day, "acme")]);
        using var budgetB = new CostBudgetTracker(b, [new CostBudget(10m, CostWindow.Day, "acme")]);

        Assert.True(a.Record(Cost(6m, "acme")));
        Assert.True(await a.FlushAsync());
        Assert.Equal(new BudgetStatus(4m, false), budgetA.GetStatus("acme"));
        Assert.Equal(new BudgetStatus(10m, false), budgetB.GetStatus("acme")); // B has not heard yet: answers from memory, no I/O

        Assert.True(await b.RefreshAsync());
        Assert.Equal(new BudgetStatus(4m, false), budgetB.GetStatus("acme"));

        b.Record(Cost(5m, "acme"));
        Assert.Equal(new BudgetStatus(-1m, true), budgetB.GetStatus("acme")); // pending local cost counts at once
        Assert.True(await b.FlushAsync());
        Assert.True(await a.RefreshAsync());
        Assert.Equal(new BudgetStatus(-1m, true), budgetA.GetStatus("acme"));
        Assert.Equal(new CostTotals(11m, 200, 20, 2, 0), a.GetTotals(CostDimension.Global, null, CostWindow.Month, DateTimeOffset.UtcNow));
        Assert.Equal(new CostTotals(11m, 200, 20, 2, 0), b.GetTotals(CostDimension.Global, null, CostWindow.Month, DateTimeOffset.UtcNow));
        Assert.Equal(0, a.PendingCount);
    }

    [Fact]
    public async Task A_replayed_attempt_is_counted_once_by_the_fleet()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(server.ClientOptions());
        string prefix = "t" + Guid.NewGuid().ToString("N");
        await using var a = new RedisCostLedger(redis, Options(prefix));
        await using var b = new RedisCostLedger(redis, Options(prefix));
        RequestCost cost = Cost(1.25m, "acme");

        a.Record(cost);
        b.Record(cost); // another instance replays the same attempt
        Assert.True(await a.FlushAsync());
        Assert.True(await b.FlushAsync());

        Assert.Equal(1.25m, a.GetTotals(CostDimension.Tenant, "acme", CostWindow.Day, cost.Timestamp).Usd);
        Assert.True(await a.RefreshAsync());
        Assert.Equal(1, a.GetTotals(CostDimension.Tenant, "acme", CostWindow.Day, cost.Timestamp).Requests);
        HashEntry[] stored = await redis.GetDatabase().HashGetAllAsync($"{{{prefix}}}:d:{cost.Timestamp.UtcDateTime:yyyyMMdd}:Tenant:acme");
        Assert.Equal("1250000000", stored.Single(e => e.Name == "usd_nanos").Value.ToString());
    }

    [Fact]
    public async Task An_outage_degrades_to_local_accounting_with_a_warning_and_reconciles_losing_nothing()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(server.ClientOptions());
        string prefix = "t" + Guid.NewGuid().ToString("N");
        var logger = new ListLogger<RedisCostLedger>();
        await using var ledger = new RedisCostLedger(redis, Options(prefix), logger);

        for (int i = 0; i < 10; i++)
        {
            ledger.Record(Cost(0.10m, "acme"));
        }

        Assert.True(await ledger.FlushAsync());
        await server.SaveAsync();
        await server.KillAsync();

        for (int i = 0; i < 25; i++)
        {
            ledger.Record(Cost(0.01m, "acme", input: 7, output: 3));
        }

        Assert.False(await ledger.FlushAsync());
        Assert.True(ledger.IsDegraded);
        Assert.Equal(25, ledger.PendingCount);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("accounting locally", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(1.25m, ledger.GetTotals(CostDimension.Tenant, "acme", CostWindow.Day, DateTimeOffset.UtcNow).Usd); // local accounting

        await server.RestartAsync();
        for (int i = 0; i < 100 && (ledger.PendingCount > 0 || ledger.IsDegraded); i++)
        {
            await Task.Delay(100); // the background pump reconciles on its own
        }

        Assert.Equal(0, ledger.PendingCount);
        Assert.False(ledger.IsDegraded);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("reconciled", StringComparison.Ordinal));

        await using ConnectionMultiplexer other = await ConnectionMultiplexer.ConnectAsync(server.ClientOptions());
        await using var fresh = new RedisCostLedger(other, Options(prefix));
        _ = fresh.GetTotals(CostDimension.Tenant, "acme", CostWindow.Day, DateTimeOffset.UtcNow); // ask once: the next refresh reads it
        Assert.True(await fresh.RefreshAsync());
        Assert.Equal(new CostTotals(1.25m, 1_175, 175, 35, 0), fresh.GetTotals(CostDimension.Tenant, "acme", CostWindow.Day, DateTimeOffset.UtcNow));
    }
}
