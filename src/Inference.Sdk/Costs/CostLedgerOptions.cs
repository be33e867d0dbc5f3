using System;

namespace Inference.Sdk.Costs;

/// <summary>Bounds of a cost ledger's memory.</summary>
public sealed class CostLedgerOptions
{
    /// <summary>Gets or sets how many UTC days of day totals are kept (older ones are evicted). Default 62.</summary>
    public int DaysRetained { get; set; } = 62;

    /// <summary>Gets or sets how many UTC months of month totals are kept (older ones are evicted). Default 24.</summary>
    public int MonthsRetained { get; set; } = 24;

    /// <summary>Gets or sets the most totals (group × window) held; beyond it new groups are folded into <see cref="ICostLedger.OtherKey"/>. Default 100,000.</summary>
    public int MaxTotals { get; set; } = 100_000;

    /// <summary>Gets or sets how many recent attempt ids are remembered to ignore a second record of the same attempt. Default 65,536.</summary>
    public int AttemptsRemembered { get; set; } = 65_536;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DaysRetained, 1, nameof(DaysRetained));
        ArgumentOutOfRangeException.ThrowIfLessThan(MonthsRetained, 1, nameof(MonthsRetained));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTotals, 64, nameof(MaxTotals));
        ArgumentOutOfRangeException.ThrowIfLessThan(AttemptsRemembered, 16, nameof(AttemptsRemembered));
    }
}
