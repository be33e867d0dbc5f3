using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Inference.Sdk;

/// <summary>
/// The one <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/> of the package,
/// and every telemetry name it uses, in one place. The package's meter emits <c>inference.*</c> instruments only (cost, routing,
/// utilization, budgets). The OpenTelemetry GenAI instruments (<c>gen_ai.client.*</c>: token usage, operation duration, time to
/// first chunk, time per output chunk) are Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c>'s, which each target's pipeline
/// runs under the same meter and source name (<see cref="Name"/>): their names are here so that views and dashboards name them
/// from one place, and follow the conventions when they rename them.
/// </summary>
/// <remarks>Tags carry names (target, provider, model, tier, tenant), never endpoints or keys.</remarks>
public static class InferenceTelemetry
{
    /// <summary>The name of the meter and of the activity source: <c>Inference.Sdk</c>.</summary>
    public const string Name = "Inference.Sdk";

    /// <summary>The GenAI token usage histogram name (<c>{token}</c>), tagged with <see cref="TokenTypeTag"/>; recorded by <c>OpenTelemetryChatClient</c>.</summary>
    public const string TokenUsageName = "gen_ai.client.token.usage";

    /// <summary>The GenAI operation duration histogram name (seconds); recorded by <c>OpenTelemetryChatClient</c>.</summary>
    public const string OperationDurationName = "gen_ai.client.operation.duration";

    /// <summary>The GenAI time-to-first-chunk histogram name (seconds), recorded by <c>OpenTelemetryChatClient</c> for streaming calls.</summary>
    /// <remarks>The GenAI conventions are moving these to <c>gen_ai.client.inference.*</c>; this is the one place that names them.</remarks>
    public const string TimeToFirstChunkName = "gen_ai.client.operation.time_to_first_chunk";

    /// <summary>The GenAI time-per-output-chunk histogram name (seconds): the inter-token latency of streaming calls, recorded by <c>OpenTelemetryChatClient</c>.</summary>
    public const string TimePerOutputChunkName = "gen_ai.client.operation.time_per_output_chunk";

    /// <summary>The cost counter name (<c>USD</c>), tagged with <see cref="PricingTag"/> and <see cref="EstimatedTag"/>.</summary>
    public const string CostName = "inference.client.cost";

    /// <summary>The route decision counter name, tagged with the chosen target and <see cref="RouteReasonTag"/>.</summary>
    public const string RouteDecisionsName = "inference.route.decisions";

    /// <summary>The route attempt counter name, tagged with the target and <see cref="AttemptOutcomeTag"/>.</summary>
    public const string RouteAttemptsName = "inference.route.attempts";

    /// <summary>The GPU utilization gauge name (a fraction between 0 and 1) of GPU-hour targets.</summary>
    public const string UtilizationName = "inference.gpu.utilization";

    /// <summary>The effective cost gauge name (USD per million tokens at the measured utilization) of GPU-hour targets.</summary>
    public const string EffectiveCostName = "inference.gpu.effective_cost";

    /// <summary>The budget remaining gauge name (<c>USD</c>), tagged with <see cref="TenantTag"/> and <see cref="BudgetWindowTag"/>.</summary>
    public const string BudgetRemainingName = "inference.budget.remaining";

    /// <summary>The budget threshold crossing counter name, tagged with <see cref="BudgetThresholdTag"/>.</summary>
    public const string BudgetThresholdCrossedName = "inference.budget.threshold_crossed";

    /// <summary>The GenAI operation name tag (<c>chat</c>).</summary>
    public const string OperationNameTag = "gen_ai.operation.name";

    /// <summary>The GenAI provider name tag.</summary>
    public const string ProviderTag = "gen_ai.provider.name";

    /// <summary>The GenAI request model tag.</summary>
    public const string RequestModelTag = "gen_ai.request.model";

    /// <summary>The GenAI token type tag (<c>input</c> or <c>output</c>).</summary>
    public const string TokenTypeTag = "gen_ai.token.type";

    /// <summary>The activity tag with the cost in USD of the request the current activity covers.</summary>
    public const string CostUsdTag = "inference.cost.usd";

    /// <summary>The error type tag of failed operations.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The target name tag.</summary>
    public const string TargetTag = "inference.target";

    /// <summary>The target tier tag.</summary>
    public const string TierTag = "inference.tier";

    /// <summary>The tenant tag.</summary>
    public const string TenantTag = "inference.tenant";

    /// <summary>The pricing model tag of cost measurements.</summary>
    public const string PricingTag = "inference.pricing";

    /// <summary>The tag that says a cost was estimated rather than read from the provider's usage.</summary>
    public const string EstimatedTag = "inference.cost.estimated";

    /// <summary>The tag naming the rule that chose a route.</summary>
    public const string RouteReasonTag = "inference.route.reason";

    /// <summary>The tag naming how an attempt on a target ended (<see cref="Routing.AttemptOutcome"/>).</summary>
    public const string AttemptOutcomeTag = "inference.attempt.outcome";

    /// <summary>The budget window tag (<c>day</c> or <c>month</c>).</summary>
    public const string BudgetWindowTag = "inference.budget.window";

    /// <summary>The budget threshold tag (a fraction, for example <c>0.8</c>).</summary>
    public const string BudgetThresholdTag = "inference.budget.threshold";

    /// <summary>Gets the meter of the package.</summary>
    public static Meter Meter { get; } = new(Name, typeof(InferenceTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Gets the activity source of the package.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(InferenceTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Gets the <c>inference.client.cost</c> counter (USD).</summary>
    public static Counter<double> Cost { get; } = Meter.CreateCounter<double>(CostName, "USD", "Cost of requests in US dollars.");

    /// <summary>Gets the <c>inference.route.decisions</c> counter.</summary>
    public static Counter<long> RouteDecisions { get; } = Meter.CreateCounter<long>(RouteDecisionsName, "{decision}", "Routing decisions by chosen target and reason.");

    /// <summary>Gets the <c>inference.route.attempts</c> counter.</summary>
    public static Counter<long> RouteAttempts { get; } = Meter.CreateCounter<long>(RouteAttemptsName, "{attempt}", "Attempts on routing targets, by target and outcome.");

    /// <summary>Gets the <c>inference.gpu.utilization</c> gauge.</summary>
    public static Gauge<double> Utilization { get; } = Meter.CreateGauge<double>(UtilizationName, "1", "Busy fraction of a GPU-hour target.");

    /// <summary>Gets the <c>inference.gpu.effective_cost</c> gauge (USD per million tokens).</summary>
    public static Gauge<double> EffectiveCost { get; } = Meter.CreateGauge<double>(EffectiveCostName, "USD/{Mtoken}", "Effective cost per million tokens of a GPU-hour target at its measured utilization.");

    /// <summary>Gets the <c>inference.budget.remaining</c> gauge (USD).</summary>
    public static Gauge<double> BudgetRemaining { get; } = Meter.CreateGauge<double>(BudgetRemainingName, "USD", "Budget left in the current window.");

    /// <summary>Gets the <c>inference.budget.threshold_crossed</c> counter.</summary>
    public static Counter<long> BudgetThresholdCrossed { get; } = Meter.CreateCounter<long>(BudgetThresholdCrossedName, "{event}", "Budget threshold crossings.");

    /// <summary>The <see cref="TargetTag"/> value of a refused request (no target).</summary>
    internal const string NoTarget = "none";

    /// <summary>The <see cref="RouteReasonTag"/> value of a refused request.</summary>
    internal const string RefusedReason = "Refused";

    /// <summary>The tag value of a tier, without formatting an enum on the request path.</summary>
    internal static string NameOf(Knowledge.TargetTier tier) => tier switch
    {
        Knowledge.TargetTier.Edge => "Edge",
        Knowledge.TargetTier.CloudPod => "CloudPod",
        Knowledge.TargetTier.Serverless => "Serverless",
        Knowledge.TargetTier.HostedApi => "HostedApi",
        _ => tier.ToString(),
    };

    /// <summary>The tag value of a rule.</summary>
    internal static string NameOf(Routing.RouteRule rule) => rule switch
    {
        Routing.RouteRule.Default => "Default",
        Routing.RouteRule.ForceTarget => "ForceTarget",
        Routing.RouteRule.Pii => "Pii",
        Routing.RouteRule.Budget => "Budget",
        Routing.RouteRule.Degraded => "Degraded",
        Routing.RouteRule.TokenBudget => "TokenBudget",
        Routing.RouteRule.TaskType => "TaskType",
        Routing.RouteRule.ConfidenceEscalation => "ConfidenceEscalation",
        Routing.RouteRule.Saturation => "Saturation",
        Routing.RouteRule.Residency => "Residency",
        Routing.RouteRule.ContextWindow => "ContextWindow",
        Routing.RouteRule.Cost => "Cost",
        Routing.RouteRule.Failover => "Failover",
        _ => rule.ToString(),
    };

    /// <summary>The tag value of an attempt's outcome.</summary>
    internal static string NameOf(Routing.AttemptOutcome outcome) => outcome switch
    {
        Routing.AttemptOutcome.Succeeded => "Succeeded",
        Routing.AttemptOutcome.FailedOver => "FailedOver",
        Routing.AttemptOutcome.Failed => "Failed",
        Routing.AttemptOutcome.Canceled => "Canceled",
        Routing.AttemptOutcome.LowConfidence => "LowConfidence",
        Routing.AttemptOutcome.Superseded => "Superseded",
        _ => outcome.ToString(),
    };
}
