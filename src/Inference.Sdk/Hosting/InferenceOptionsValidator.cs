using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Validates <see cref="InferenceOptions"/> at start: what could not be bound, then <see cref="InferenceOptionsChecks"/>.
/// Error-severity problems fail validation (the host does not start); each message names the configuration path and the fix,
/// and each is logged as one critical line before the host throws, so a log shows every problem without a stack trace.
/// </summary>
internal sealed partial class InferenceOptionsValidator(
    InferenceHostingState state, IEnumerable<IConfigureOptions<InferenceOptions>> configurers, ILogger<InferenceOptionsValidator>? logger = null)
    : IValidateOptions<InferenceOptions>
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (InferenceConfigurationBinder binder in configurers.OfType<InferenceConfigurationBinder>())
        {
            failures.AddRange(binder.Errors);
        }

        List<string> unbound = [.. failures];
        failures.AddRange(InferenceOptionsChecks.Check(options, state.Root)
            .Where(p => p.Severity == FindingSeverity.Error)
            .Where(p => !unbound.Exists(u => u.StartsWith(p.Path + " ", StringComparison.Ordinal))) // one message per key
            .Select(p => p.ToString()));
        foreach (string failure in failures)
        {
            LogProblem(_logger, failure);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);
}
