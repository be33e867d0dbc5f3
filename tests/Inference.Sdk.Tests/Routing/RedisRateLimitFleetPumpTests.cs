using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NSubstitute;
using StackExchange.Redis;

namespace Inference.Sdk.Tests.Routing;

/// <summary>The fleet's background renewals outlive a failure nobody expected (Redis itself is covered by the integration tests).</summary>
public sealed class RedisRateLimitFleetPumpTests
{
    [Fact]
    public async Task An_unexpected_failure_is_logged_once_by_type_and_the_renewals_go_on()
    {
        int calls = 0;
        var database = Substitute.For<IDatabase>();
        database.ScriptEvaluateAsync(Arg.Any<string>(), Arg.Any<RedisKey[]?>(), Arg.Any<RedisValue[]?>(), Arg.Any<CommandFlags>())
            .Returns(_ => Interlocked.Increment(ref calls) <= 2
                ? Task.FromException<RedisResult>(new InvalidOperationException("secret-key-in-message"))
                : Task.FromResult(RedisResult.Create([RedisResult.Create((RedisValue)1)])));
        var redis = Substitute.For<IConnectionMultiplexer>();
        redis.GetDatabase(Arg.Any<int>(), Arg.Any<object?>()).Returns(database);
        var logger = new FakeLogger<RedisRateLimitFleet>();
        using var router = new HybridRouterChatClient([new RouteTarget("api", Substitute.For<IChatClient>(), TargetTier.HostedApi, 128_000)]);

        await using (var fleet = new RedisRateLimitFleet(redis, router, new RedisRateLimitFleetOptions
        {
            RenewInterval = TimeSpan.FromMilliseconds(10),
            LeaseDuration = TimeSpan.FromMilliseconds(100),
            RetryInterval = TimeSpan.FromMilliseconds(10),
        }, logger))
        {
            var clock = Stopwatch.StartNew();
            while (Volatile.Read(ref calls) < 4)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the renewals stopped after {calls} calls");
                await Task.Delay(10);
            }

            Assert.False(fleet.IsDegraded);
        }

        var errors = logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Error).ToList();
        Assert.Single(errors); // two failures of one kind, one line
        Assert.Contains("InvalidOperationException", errors[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-in-message", errors[0].Message, StringComparison.Ordinal);
    }
}
