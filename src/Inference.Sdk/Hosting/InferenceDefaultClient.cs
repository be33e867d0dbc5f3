using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>Creates the router over the registered targets: the default <see cref="IChatClient"/>.</summary>
internal static class InferenceDefaultClient
{
    public static HybridRouterChatClient CreateRouter(IServiceProvider services, InferenceBuilder builder)
    {
        InferenceOptions options = services.GetRequiredService<IOptions<InferenceOptions>>().Value;
        InferenceTargetPricing pricing = services.GetRequiredService<InferenceTargetPricing>();
        TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var targets = new List<RouteTarget>();
        foreach (string name in builder.SnapshotTargetNames())
        {
            InferenceTargetOptions target = options.Targets[name];
            targets.Add(new RouteTarget(name, services.GetRequiredKeyedService<IChatClient>(name), target.Tier, InferenceTargetClientFactory.ContextWindowOf(target, options))
            {
                ModelId = target.Model,
                Tags = target.Tags.ToArray(),
                LatencyGoal = target.TimeToFirstTokenGoal,
                MaxConcurrency = target.MaxConcurrency,
                RequestsPerMinute = target.RequestsPerMinute,
                TokensPerMinute = target.TokensPerMinute,
                MaxRetries = target.MaxRetries,
                Fallback = string.IsNullOrWhiteSpace(target.Fallback) ? null : target.Fallback,
                Pricing = TargetCost.ExpectedCost(target, pricing.Get(name), time.GetUtcNow(), options.Models.Values),
                Capabilities = TargetCapabilities.Of(target.Capabilities, Models.TryGet(target.Model, options.Models.Values, out ModelSpec? model) ? model : null),
            });
        }

        if (targets.Count == 0)
        {
            throw new InvalidOperationException("Inference:Targets has no targets; add one in configuration or with AddTarget.");
        }

        var router = new HybridRouterChatClient(
            targets,
            options.Router,
            services.GetService<IBudgetTracker>(),
            logger: services.GetService<ILogger<HybridRouterChatClient>>(),
            timeProvider: services.GetService<TimeProvider>());
        services.GetRequiredService<InferenceRedis>().Join(router);
        foreach (IRouteObserver observer in services.GetServices<IRouteObserver>())
        {
            router.Observe(observer); // a route log, a dashboard: every request's end with every attempt
        }

        return router;
    }

    public static ICostLedger CreateLedger(IServiceProvider services)
    {
        InferenceLedgerOptions ledger = services.GetRequiredService<IOptions<InferenceOptions>>().Value.Ledger;
        if (string.IsNullOrWhiteSpace(ledger.RedisConnectionString))
        {
            return new InMemoryCostLedger();
        }

        return new RedisCostLedger(
            services.GetRequiredService<InferenceRedis>().Connection!,
            new RedisCostLedgerOptions { KeyPrefix = ledger.KeyPrefix },
            services.GetService<ILogger<RedisCostLedger>>(),
            services.GetService<TimeProvider>());
    }

    public static IBudgetTracker? CreateBudgets(IServiceProvider services)
    {
        InferenceOptions options = services.GetRequiredService<IOptions<InferenceOptions>>().Value;
        return new CostBudgetTracker(
            services.GetRequiredService<ICostLedger>(),
            options.Budgets.Select(b => new CostBudget(b.LimitUsd, b.Window, b.Tenant)).ToArray(),
            services.GetService<TimeProvider>());
    }
}
