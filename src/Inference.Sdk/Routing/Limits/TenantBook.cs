using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Inference.Sdk.Routing.Limits;

/// <summary>
/// The tenants' rate limits and priorities (<see cref="HybridRouterOptions.Tenants"/>): a tenant listed by name gets its own;
/// every other tenant, and requests without one, get the <see cref="HybridRouterOptions.DefaultTenant"/> entry's, counted for
/// each tenant apart. Memory is bounded: past <see cref="MaxTenants"/> tenants, new ones share one count.
/// </summary>
internal sealed class TenantBook
{
    /// <summary>The most tenants counted apart.</summary>
    public const int MaxTenants = 10_000;

    private const string NoTenant = "(none)";
    private const string Other = "(other)";
    private readonly Dictionary<string, TenantLimits> _configured;
    private readonly TenantLimits? _default;
    private readonly LimitSet _set;
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, TenantState> _states = new(StringComparer.Ordinal);

    public TenantBook(IDictionary<string, TenantLimits> tenants, LimitSet set)
    {
        _set = set;
        _configured = new Dictionary<string, TenantLimits>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, TenantLimits limits) in tenants)
        {
            if (string.Equals(name, HybridRouterOptions.DefaultTenant, StringComparison.OrdinalIgnoreCase))
            {
                _default = limits;
            }
            else
            {
                _configured[name] = limits;
            }
        }

        IsEmpty = _default is null && _configured.Count == 0;
    }

    /// <summary>Gets a value indicating whether no tenant has limits or a priority.</summary>
    public bool IsEmpty { get; }

    /// <summary>The state of a tenant; <see langword="null"/> when nothing is configured for it.</summary>
    /// <param name="tenant">The tenant (<see cref="InferencePropertyNames.Tenant"/>), or <see langword="null"/>.</param>
    public TenantState? Find(string? tenant)
    {
        if (IsEmpty)
        {
            return null;
        }

        string key = tenant ?? NoTenant;
        if (_states.TryGetValue(key, out TenantState? state))
        {
            return state;
        }

        TenantLimits? limits = tenant is not null && _configured.TryGetValue(tenant, out TenantLimits? own) ? own : _default;
        if (limits is null)
        {
            return null;
        }

        lock (_gate)
        {
            if (_states.TryGetValue(key, out state))
            {
                return state;
            }

            if (_states.Count >= MaxTenants && !_configured.ContainsKey(key))
            {
                key = Other;
                limits = _default ?? limits;
                if (_states.TryGetValue(key, out state))
                {
                    return state;
                }
            }

            state = new TenantState(key, limits.Priority, RateLimits.Create(_set, "Tenants:" + key, limits.RequestsPerMinute, limits.TokensPerMinute));
            _states[key] = state;
            return state;
        }
    }
}
