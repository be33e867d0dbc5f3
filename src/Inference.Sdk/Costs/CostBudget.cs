using System;

namespace Inference.Sdk.Costs;

/// <summary>A spending limit for one tenant, or for everything, per UTC day or month.</summary>
public sealed record CostBudget
{
    /// <summary>Initializes a new instance of the <see cref="CostBudget"/> class.</summary>
    /// <param name="limitUsd">The most USD that may be spent in one window.</param>
    /// <param name="window">The window the limit applies to.</param>
    /// <param name="tenant">The tenant the budget applies to, or <see langword="null"/> for a global budget.</param>
    public CostBudget(decimal limitUsd, CostWindow window, string? tenant = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitUsd);
        if (tenant is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        }

        LimitUsd = limitUsd;
        Window = window;
        Tenant = tenant;
    }

    /// <summary>Gets the most USD that may be spent in one window.</summary>
    public decimal LimitUsd { get; }

    /// <summary>Gets the window the limit applies to.</summary>
    public CostWindow Window { get; }

    /// <summary>Gets the tenant the budget applies to, or <see langword="null"/> for a global budget.</summary>
    public string? Tenant { get; }
}
