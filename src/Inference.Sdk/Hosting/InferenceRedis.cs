using System;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The one Redis connection of a host with <c>Inference:Ledger:RedisConnectionString</c>: the ledger and the fleet's rate limits
/// share it. Created on first use (with <c>abortConnect=false</c>, so the app starts while Redis is down) and closed with the host,
/// after the ledger and the fleet are done with it.
/// </summary>
internal sealed class InferenceRedis : IAsyncDisposable
{
    private readonly InferenceLedgerOptions _options;
    private readonly ILoggerFactory? _loggers;
    private readonly Lazy<ConnectionMultiplexer>? _connection;
    private RedisRateLimitFleet? _fleet;

    public InferenceRedis(IOptions<InferenceOptions> options, IServiceProvider services)
    {
        _options = options.Value.Ledger;
        _loggers = services.GetService<ILoggerFactory>();
        if (!string.IsNullOrWhiteSpace(_options.RedisConnectionString))
        {
            _connection = new Lazy<ConnectionMultiplexer>(Connect, LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>Gets the connection, or <see langword="null"/> when no Redis is configured.</summary>
    public IConnectionMultiplexer? Connection => _connection?.Value;

    /// <summary>The fleet settings the ledger section describes.</summary>
    public static RedisRateLimitFleetOptions FleetOptions(InferenceLedgerOptions ledger) => new()
    {
        KeyPrefix = ledger.RateLimitKeyPrefix,
        LeaseDuration = ledger.RateLimitLeaseDuration,
        RenewInterval = ledger.RateLimitRenewInterval,
    };

    /// <summary>Makes the router's limits the fleet's when Redis is configured and <see cref="InferenceLedgerOptions.ShareRateLimits"/> is on.</summary>
    public void Join(HybridRouterChatClient router)
    {
        if (Connection is { } redis && _options.ShareRateLimits && _fleet is null)
        {
            _fleet = new RedisRateLimitFleet(redis, router, FleetOptions(_options), _loggers?.CreateLogger<RedisRateLimitFleet>());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_fleet is { } fleet)
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is { IsValueCreated: true })
        {
            await _connection.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ConnectionMultiplexer Connect()
    {
        var configuration = ConfigurationOptions.Parse(_options.RedisConnectionString!);
        configuration.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(configuration);
    }
}
