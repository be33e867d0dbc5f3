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
    InferenceHostingState state,
    IEnumerable<IConfigureOptions<InferenceOptions>> configurers,
    IEnumerable<IInferenceTargetConnector> connectors,
    ILogger<InferenceOptionsValidator>? logger = null)
    : IValidateOptions<InferenceOptions>
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<ConfigurationProblem> unbound =
        [
            .. configurers.OfType<InferenceConfigurationBinder>().SelectMany(b => b.Problems),
            .. configurers.OfType<InferenceConnectionStrings>().SelectMany(c => c.Problems),
        ];
        List<string> failures = [.. unbound.Concat(InferenceOptionsChecks.Check(options, state.Root, unbound))
            .Where(p => p.Severity == FindingSeverity.Error)
            .Select(p => p.ToString()), .. ConnectorProblems(options, state.Root, connectors.ToArray())];
        foreach (string failure in failures)
        {
            LogProblem(_logger, failure);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What the connectors find in the targets they serve, and Azure deployment routes that no connector serves.</summary>
    private static IEnumerable<string> ConnectorProblems(InferenceOptions options, string root, IInferenceTargetConnector[] connectors)
    {
        foreach ((string name, InferenceTargetOptions target) in options.Targets)
        {
            string path = $"{root}:Targets:{name}";
            if (Array.Find(connectors, c => c.Serves(target)) is { } connector)
            {
                foreach (string problem in connector.Validate(path, target))
                {
                    yield return problem;
                }
            }
            else if (target.Provider == ProviderKind.AzureOpenAI && !string.IsNullOrWhiteSpace(target.ApiVersion))
            {
                yield return $"{path}:ApiVersion is set, so the target uses an Azure OpenAI deployment route, which needs the Inference.Sdk.Azure package: "
                    + "dotnet add package Inference.Sdk.Azure, then call .AddAzureOpenAI() on what AddInference returns. Or remove ApiVersion and end the Endpoint in /openai/v1/ for the v1 route.";
            }
        }
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);
}
