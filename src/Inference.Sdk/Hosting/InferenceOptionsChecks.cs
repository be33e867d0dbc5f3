using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The checks of a bound <see cref="InferenceOptions"/>: missing or malformed settings, then the Knowledge layer's
/// <see cref="DeploymentRules"/> (the same rules the analyzers evaluate), each mapped to the key a user must change.
/// A pure function; <see cref="InferenceOptionsValidator"/> and the start-up warning log call it.
/// </summary>
internal static class InferenceOptionsChecks
{
    public static IReadOnlyList<ConfigurationProblem> Check(InferenceOptions options, string root)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigurationProblem>();
        if (options.Targets.Count == 0)
        {
            problems.Add(Error($"{root}:Targets", "has no targets. Add one, e.g. \"Targets\": { \"local\": { \"Engine\": \"LlamaCpp\", \"Endpoint\": \"http://127.0.0.1:8080\", \"Model\": \"...\" } }."));
        }

        CheckPositive(problems, $"{root}:ProbeInterval", options.ProbeInterval, "00:00:10");
        CheckPositive(problems, $"{root}:ProbeTimeout", options.ProbeTimeout, "00:00:02");

        CheckPositive(problems, $"{root}:Monitoring:LoadInterval", options.Monitoring.LoadInterval, "00:00:02");
        CheckPositive(problems, $"{root}:Monitoring:ProviderStatusInterval", options.Monitoring.ProviderStatusInterval, "00:00:30");
        CheckPositive(problems, $"{root}:Monitoring:PriceRefreshInterval", options.Monitoring.PriceRefreshInterval, "00:15:00");

        try
        {
            options.Router.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(Error($"{root}:Router:{e.ParamName}", e.Message.Split(" (Parameter", 2)[0]));
        }

        for (int i = 0; i < options.Budgets.Count; i++)
        {
            if (options.Budgets[i].LimitUsd <= 0)
            {
                problems.Add(Error($"{root}:Budgets:{i}:LimitUsd", "must be a positive amount in US dollars, e.g. 500."));
            }
        }

        foreach ((string name, InferenceTargetOptions target) in options.Targets)
        {
            CheckTarget(options, name, target, $"{root}:Targets:{name}", problems);
        }

        return problems;
    }

    private static void CheckTarget(InferenceOptions options, string name, InferenceTargetOptions t, string path, List<ConfigurationProblem> problems)
    {
        int before = problems.Count;
        EngineKind engine = EffectiveEngine(t);
        if (string.IsNullOrWhiteSpace(t.Endpoint))
        {
            string example = engine == EngineKind.OpenAICompatible
                ? "https://api.example.com/v1"
                : $"http://127.0.0.1:{EngineProfile.For(engine).DefaultPort}";
            problems.Add(Error($"{path}:Endpoint", $"is missing. Set it to the base URL of the target's OpenAI-compatible API, e.g. {example}."));
        }
        else if (!Uri.TryCreate(t.Endpoint, UriKind.Absolute, out Uri? endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(Error($"{path}:Endpoint", $"is '{t.Endpoint}', which is not an absolute http or https address, e.g. http://127.0.0.1:8000/v1."));
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback && !t.AllowInsecureHttp)
        {
            problems.Add(Error($"{path}:Endpoint", $"uses plain http to the remote host {endpoint.Host}: prompts and the API key would travel unencrypted. Use https, or set {path}:AllowInsecureHttp to true on a trusted network."));
        }

        ModelSpec? model = null;
        if (string.IsNullOrWhiteSpace(t.Model))
        {
            problems.Add(Error($"{path}:Model", "is missing. Set it to the model id the target serves, e.g. " + ModelIds.Qwen35_35B_A3B + "."));
        }
        else if (!Models.TryGet(t.Model, out model) && !IsHosted(t, engine))
        {
            string? nearest = InferenceConfigurationReader.Closest(t.Model, Models.All.Select(m => m.Id));
            string hint = nearest is null ? string.Empty : $" Did you mean '{nearest}'?";
            string unchecked_ = t.Gpu is null ? "its context window and memory are not checked" : $"its memory on the {t.Gpu} is not checked";
            problems.Add(new ConfigurationProblem($"{path}:Model", FindingSeverity.Warning,
                $"'{t.Model}' is not in the model catalog, so {unchecked_}.{hint} Describe it under Inference:Models:{t.Model} (TotalParametersBillions, ContextWindow, Layers, KvHeads, HeadDim) or set ContextLength."));
        }

        if (t.GpuCount < 1)
        {
            problems.Add(Error($"{path}:GpuCount", $"is {t.GpuCount}; it must be at least 1."));
        }

        CheckPositive(t.ContextLength, $"{path}:ContextLength", problems);
        CheckPositive(t.MaxOutputTokens, $"{path}:MaxOutputTokens", problems);
        CheckPositive(t.MaxConcurrency, $"{path}:MaxConcurrency", problems);
        if (t.RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add(Error($"{path}:RequestTimeout", "must be a positive duration, e.g. 00:01:40."));
        }

        if (t.MaxRetries is < 0 or > 10)
        {
            problems.Add(Error($"{path}:MaxRetries", $"is {t.MaxRetries}; use 0 to 10."));
        }

        CheckProviderMonitoring(t, path, problems);

        if (!string.IsNullOrWhiteSpace(t.ApiVersion) && t.Provider != ProviderKind.AzureOpenAI)
        {
            problems.Add(Error($"{path}:ApiVersion", $"is set, but only Azure OpenAI deployment routes take an api-version and the provider is {t.Provider}. Remove ApiVersion, or set Provider to AzureOpenAI."));
        }

        if (t.Fallback is { Length: > 0 } fallback)
        {
            if (string.Equals(fallback, name, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(Error($"{path}:Fallback", "names the target itself; name another target."));
            }
            else if (!options.Targets.ContainsKey(fallback))
            {
                problems.Add(Error($"{path}:Fallback", $"names '{fallback}', which is not a target. Targets: {string.Join(", ", options.Targets.Keys)}."));
            }
        }

        if (problems.Count > before && problems.Skip(before).Any(p => p.Severity == FindingSeverity.Error))
        {
            return; // the rules need a well-formed target; fix the basics first
        }

        var description = new DeploymentDescription
        {
            Provider = t.Provider,
            Engine = t.Engine,
            Gpu = t.Gpu,
            GpuCount = t.GpuCount,
            ModelId = model?.Id ?? t.Model,
            Quantization = t.Quantization,
            KvCacheDType = t.KvCacheDType,
            ContextLength = t.ContextLength,
            MaxOutputTokens = t.MaxOutputTokens,
            ExpectedPromptTokens = t.ExpectedPromptTokens,
            Capacity = t.Capacity,
            LatencyCritical = t.LatencyCritical,
            HasFallback = !string.IsNullOrEmpty(t.Fallback) || options.Targets.Count > 1,
            Profile = options.Profile,
            EvaluatedForQuality = t.EvaluatedForQuality,
        };

        foreach (Finding finding in DeploymentRules.Evaluate(description))
        {
            problems.Add(new ConfigurationProblem($"{path}:{KeyOf(finding.RuleId)}", finding.Severity, finding.Message, finding.RuleId));
        }
    }

    /// <summary>The engine a target's client speaks to: the configured one, else an OpenAI-compatible API.</summary>
    private static void CheckProviderMonitoring(InferenceTargetOptions t, string path, List<ConfigurationProblem> problems)
    {
        if (t.TokensPerSecond is <= 0 or double.NaN or double.PositiveInfinity)
        {
            problems.Add(Error($"{path}:TokensPerSecond", $"is {t.TokensPerSecond}; it must be a positive number of tokens per second, e.g. 600."));
        }

        if (t.ProviderBaseAddress is { } address
            && (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || t.AllowInsecureHttp)))))
        {
            problems.Add(Error($"{path}:ProviderBaseAddress", $"is '{address}'; it must be an absolute https address of the provider's API (plain http only to loopback or with AllowInsecureHttp)."));
        }

        if (string.IsNullOrWhiteSpace(t.ProviderResourceId))
        {
            return;
        }

        if (!ProviderTargetReader.IsMonitored(t.Provider))
        {
            problems.Add(Error($"{path}:ProviderResourceId", $"is set, but the provider {t.Provider} has no status API this package reads. Set Provider to RunPod, Lambda, CoreWeave or Spheron, or remove ProviderResourceId."));
        }
        else if (ProviderTargetReader.NeedsKey(t.Provider) && string.IsNullOrWhiteSpace(t.ProviderApiKey ?? t.ApiKey))
        {
            problems.Add(Error($"{path}:ProviderApiKey", $"is missing: reading the {t.Provider} status of '{t.ProviderResourceId}' needs the provider's API key. Set it from user secrets or the environment (e.g. Inference__Targets__{path[(path.LastIndexOf(':') + 1)..]}__ProviderApiKey)."));
        }
        else if (t.ProviderResourceId.AsSpan().IndexOfAny("/?#") >= 0)
        {
            problems.Add(Error($"{path}:ProviderResourceId", $"is '{t.ProviderResourceId}'; write the bare id the provider shows, without '/', '?' or '#'."));
        }
    }

    private static void CheckPositive(List<ConfigurationProblem> problems, string path, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(Error(path, $"must be a positive duration, e.g. {example}."));
        }
    }

    public static EngineKind EffectiveEngine(InferenceTargetOptions target) => target.Engine ?? EngineKind.OpenAICompatible;

    private static bool IsHosted(InferenceTargetOptions t, EngineKind engine)
        => t.Gpu is null && (engine == EngineKind.OpenAICompatible || t.Tier == TargetTier.HostedApi
            || t.Provider is ProviderKind.AzureOpenAI or ProviderKind.OpenAICompatible);

    /// <summary>The target setting a user changes to fix a finding of a rule.</summary>
    internal static string KeyOf(string ruleId) => ruleId switch
    {
        RuleIds.QuantizationNotNative => nameof(InferenceTargetOptions.Quantization),
        RuleIds.DoesNotFit => nameof(InferenceTargetOptions.Gpu),
        RuleIds.FourBitUnevaluated => nameof(InferenceTargetOptions.Quantization),
        RuleIds.TokenBudgetOverContext => nameof(InferenceTargetOptions.MaxOutputTokens),
        RuleIds.EngineCannotLoadFormat => nameof(InferenceTargetOptions.Quantization),
        RuleIds.DevelopmentEngineInProduction => nameof(InferenceTargetOptions.Engine),
        RuleIds.Fp8KvCacheOff => nameof(InferenceTargetOptions.KvCacheDType),
        RuleIds.SpotWithoutFallback => nameof(InferenceTargetOptions.Fallback),
        _ => string.Empty,
    };

    private static void CheckPositive(int? value, string path, List<ConfigurationProblem> problems)
    {
        if (value is <= 0)
        {
            problems.Add(Error(path, $"is {value}; it must be greater than 0 when set."));
        }
    }

    private static ConfigurationProblem Error(string path, string message) => new(path, FindingSeverity.Error, message);
}
