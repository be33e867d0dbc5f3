using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>Logs the configuration's warnings once, when the host starts (errors already stopped it).</summary>
internal sealed partial class InferenceStartupReport(IOptions<InferenceOptions> options, InferenceHostingState state, ILogger<InferenceStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        InferenceOptions value = options.Value;
        foreach (ConfigurationProblem problem in InferenceOptionsChecks.Check(value, state.Root).Where(p => p.Severity != FindingSeverity.Error))
        {
            LogWarning(logger, problem.Path, problem.RuleId ?? "config", problem.Message);
        }

        LogTargets(logger, value.Targets.Count, string.Join(", ", value.Targets.Keys));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "{Path}: {RuleId} {Message}")]
    private static partial void LogWarning(ILogger logger, string path, string ruleId, string message);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Inference: {Count} target(s) configured: {Targets}")]
    private static partial void LogTargets(ILogger logger, int count, string targets);
}
