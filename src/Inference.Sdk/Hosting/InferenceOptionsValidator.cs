using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Validates <see cref="InferenceOptions"/> at start: what could not be bound, then <see cref="InferenceOptionsChecks"/>.
/// Error-severity problems fail validation (the host does not start); each message names the configuration path and the fix.
/// </summary>
internal sealed class InferenceOptionsValidator(InferenceHostingState state, IEnumerable<IConfigureOptions<InferenceOptions>> configurers) : IValidateOptions<InferenceOptions>
{
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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
