using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Sdk.Providers;

/// <summary>
/// Where a provider client reports a status or enum value it does not know: the value reads as <c>Unknown</c> and is logged
/// as a warning once per field and value for the life of the client, so a monitor polling every few seconds neither throws
/// nor floods the log when a provider adds a value.
/// </summary>
internal sealed partial class UnknownValues(ILogger? logger, string provider)
{
    private readonly ConcurrentDictionary<(string Field, string Value), byte> _seen = new();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Records <paramref name="value"/> of <paramref name="field"/> as unknown; logs it the first time.</summary>
    public void Report(string field, string? value)
    {
        string shown = ProviderErrors.Truncate(value ?? "(none)");
        if (_seen.TryAdd((field, shown), 0))
        {
            LogUnknown(_logger, provider, field, shown);
        }
    }

    [LoggerMessage(EventId = 7040, Level = LogLevel.Warning,
        Message = "{Provider} answered the {Field} value '{Value}', which this version of Inference.Sdk does not know; it reads as Unknown and the router keeps its last verdict. Upgrade the package if this persists")]
    private static partial void LogUnknown(ILogger logger, string provider, string field, string value);
}
