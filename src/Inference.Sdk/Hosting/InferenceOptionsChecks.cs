using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The checks of a bound <see cref="InferenceOptions"/>: each target read through the Knowledge layer's
/// <see cref="DeploymentSettings"/> (the names, ranges and rules the analyzer reads appsettings*.json with, each finding
/// on the key it blames), then what only the running host can check: required keys, addresses, fallbacks, provider
/// monitoring. A pure function; <see cref="InferenceOptionsValidator"/> and the start-up warning log call it.
/// </summary>
internal static class InferenceOptionsChecks
{
    private static readonly Dictionary<string, PropertyInfo> TargetProperties =
        typeof(InferenceTargetOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks the options.</summary>
    /// <param name="options">The bound options.</param>
    /// <param name="root">The configuration path of the section, which every problem's path starts with.</param>
    /// <param name="unbound">What binding already reported: keys there are not read or reported again.</param>
    public static IReadOnlyList<ConfigurationProblem> Check(InferenceOptions options, string root, IReadOnlyCollection<ConfigurationProblem>? unbound = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reported = new HashSet<string>((unbound ?? []).Select(p => p.Path), StringComparer.OrdinalIgnoreCase);
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
        if (options.Monitoring.HostedPricesUrl is { Length: > 0 } prices
            && (!Uri.TryCreate(prices, UriKind.Absolute, out Uri? url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))))
        {
            problems.Add(Error($"{root}:Monitoring:HostedPricesUrl", $"is '{prices}', which is not an absolute https address (plain http only to this machine), e.g. https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json."));
        }

        bool routerValid = true;
        try
        {
            options.Router.Validate();
        }
        catch (ArgumentException e)
        {
            routerValid = false;
            string setting = e.ParamName is { } name && name.StartsWith("Tenants:", StringComparison.Ordinal) ? name : $"Router:{e.ParamName}";
            problems.Add(Error($"{root}:{setting}", e.Message.Split(" (Parameter", 2)[0]));
        }

        if (routerValid && !string.IsNullOrWhiteSpace(options.Ledger.RedisConnectionString) && options.Ledger.ShareRateLimits)
        {
            try
            {
                InferenceRedis.FleetOptions(options.Ledger).Validate(options.Router.RateLimitWindow);
            }
            catch (ArgumentException e)
            {
                string key = e.ParamName switch
                {
                    nameof(Routing.RedisRateLimitFleetOptions.LeaseDuration) => nameof(InferenceLedgerOptions.RateLimitLeaseDuration),
                    nameof(Routing.RedisRateLimitFleetOptions.RenewInterval) => nameof(InferenceLedgerOptions.RateLimitRenewInterval),
                    _ => nameof(InferenceLedgerOptions.RateLimitKeyPrefix),
                };
                problems.Add(Error($"{root}:Ledger:{key}", e.Message.Split(" (Parameter", 2)[0].Replace("LeaseDuration", "RateLimitLeaseDuration", StringComparison.Ordinal).Replace("RenewInterval", "RateLimitRenewInterval", StringComparison.Ordinal)));
            }
        }

        for (int i = 0; i < options.Budgets.Count; i++)
        {
            if (options.Budgets[i].LimitUsd <= 0)
            {
                problems.Add(Error($"{root}:Budgets:{i}:LimitUsd", "must be a positive amount in US dollars, e.g. 500."));
            }
        }

        foreach ((string id, ModelSpec model) in options.Models)
        {
            // A model described in code (configuration is checked as it is bound): numbers that do not add up, on the key to change.
            foreach (string problem in model?.Check() ?? [$"{nameof(ModelSpec.ContextWindow)} is missing: describe the model with a ModelSpec."])
            {
                problems.Add(Error($"{root}:Models:{id}:{ModelKeys.Find(problem.Split(' ')[0])?.Name ?? ModelKeys.Layers}", problem));
            }
        }

        ModelSpec[] described = [.. options.Models.Values.Where(m => m is not null)];
        var readings = new List<DeploymentReading>();
        foreach ((string name, InferenceTargetOptions target) in options.Targets)
        {
            string path = $"{root}:Targets:{name}";
            CheckTarget(options, name, target, path, problems);
            DeploymentReading reading = DeploymentSettings.Read(SettingsOf(name, target, path, reported), options.Profile, described);
            foreach (SettingFinding finding in reading.Findings)
            {
                problems.Add(new ConfigurationProblem($"{path}:{finding.Key}", finding.Severity, finding.Message, finding.RuleId));
            }

            readings.Add(reading);
        }

        string threshold = $"{root}:{DeploymentSettings.EdgeTokenThresholdKey}";
        if (routerValid && !reported.Contains(threshold) && DeploymentSettings.EdgeThreshold(options.Router.EdgeTokenThreshold, readings) is { } edge)
        {
            problems.Add(new ConfigurationProblem(threshold, edge.Severity, edge.Message, edge.RuleId));
        }

        _ = problems.RemoveAll(p => reported.Contains(p.Path)); // one message per key: what binding said stands
        return problems;
    }

    /// <summary>The string-keyed view the Knowledge layer reads a target through: the bound values, and as unknown the keys binding already reported.</summary>
    internal static TargetSettings SettingsOf(string name, InferenceTargetOptions target, string path, ISet<string> reported)
    {
        var settings = new TargetSettings(name);
        foreach (SettingKey key in TargetKeys.All)
        {
            if (reported.Contains($"{path}:{key.Name}"))
            {
                settings.SetUnknown(key.Name);
            }
            else if (key.Kind != SettingKind.List && TargetProperties[key.Name].GetValue(target) is { } value)
            {
                settings.Set(key.Name, value);
            }
        }

        return settings;
    }

    /// <summary>Whether we address a target's engine directly (not a serverless route or a hosted API) at an absolute endpoint, so its own routes can be read.</summary>
    internal static bool IsEngineAddressedDirectly(InferenceTargetOptions target) =>
        target.Tier is not (TargetTier.Serverless or TargetTier.HostedApi)
        && (IsDiscovered(target) || (EndpointsOf(target) is [var first, ..] && Uri.TryCreate(first, UriKind.Absolute, out _)));

    /// <summary>The replicas a target serves from: <see cref="InferenceTargetOptions.Endpoint"/> first when set, then <see cref="InferenceTargetOptions.Endpoints"/>, each once.</summary>
    internal static IReadOnlyList<string> EndpointsOf(InferenceTargetOptions target)
    {
        var endpoints = new List<string>(target.Endpoints.Count + 1);
        if (!string.IsNullOrWhiteSpace(target.Endpoint))
        {
            endpoints.Add(target.Endpoint);
        }

        foreach (string endpoint in target.Endpoints)
        {
            if (!string.IsNullOrWhiteSpace(endpoint) && !endpoints.Exists(e => string.Equals(e.TrimEnd('/'), endpoint.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            {
                endpoints.Add(endpoint);
            }
        }

        return endpoints;
    }

    private static void CheckService(InferenceTargetOptions t, string path, List<ConfigurationProblem> problems)
    {
        if (!string.IsNullOrWhiteSpace(t.Endpoint) || t.Endpoints.Count > 0)
        {
            problems.Add(Error($"{path}:Service", $"is set with {path}:{(string.IsNullOrWhiteSpace(t.Endpoint) ? "Endpoints" : "Endpoint")}: the replicas come from one place. Keep Service (the replicas are resolved) or the addresses (they are fixed), not both."));
        }
        else if (!IsServiceName(t.Service!))
        {
            problems.Add(Error($"{path}:Service", $"is '{t.Service}', which is not a service name. Write it as Aspire does, e.g. https+http://vllm (https, else http) or _http.vllm (the http endpoint of vllm), and list the replicas under Services:vllm:http (or let a DNS SRV provider resolve them)."));
        }
    }

    /// <summary>Whether <paramref name="service"/> parses as a service-discovery query with a service name.</summary>
    internal static bool IsServiceName(string service) =>
        Microsoft.Extensions.ServiceDiscovery.ServiceEndpointQuery.TryParse(service, out var query) && !string.IsNullOrWhiteSpace(query.ServiceName);

    /// <summary>Whether the target's replicas are resolved through service discovery (<see cref="InferenceTargetOptions.Service"/>).</summary>
    internal static bool IsDiscovered(InferenceTargetOptions target) => !string.IsNullOrWhiteSpace(target.Service);

    /// <summary>Whether the target is a replica pool: several endpoints, or a service whose endpoints are resolved.</summary>
    internal static bool IsPool(InferenceTargetOptions target) => IsDiscovered(target) || EndpointsOf(target).Count > 1;

    private static void CheckAddress(InferenceTargetOptions t, string address, string key, string path, List<ConfigurationProblem> problems)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(Error(key, $"is '{address}', which is not an absolute http or https address, e.g. http://127.0.0.1:8000/v1."));
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback && !t.AllowInsecureHttp)
        {
            problems.Add(Error(key, $"uses plain http to the remote host {endpoint.Host}: prompts and the API key would travel unencrypted. Use https, or set {path}:AllowInsecureHttp to true on a trusted network."));
        }
    }

    // What only the host checks: required keys, addresses and names of other targets; the values themselves are the Knowledge layer's.
    private static void CheckTarget(InferenceOptions options, string name, InferenceTargetOptions t, string path, List<ConfigurationProblem> problems)
    {
        EngineKind engine = EffectiveEngine(t);
        if (!string.IsNullOrWhiteSpace(t.Service))
        {
            CheckService(t, path, problems);
        }
        else if (string.IsNullOrWhiteSpace(t.Endpoint) && t.Endpoints.Count == 0)
        {
            string example = engine == EngineKind.OpenAICompatible
                ? "https://api.example.com/v1"
                : $"http://127.0.0.1:{EngineProfile.For(engine).DefaultPort}";
            problems.Add(Error($"{path}:Endpoint", $"is missing. Set it to the base URL of the target's OpenAI-compatible API, e.g. {example} (or list replicas in {path}:Endpoints, or name their service in {path}:Service)."));
        }
        else if (!string.IsNullOrWhiteSpace(t.Endpoint))
        {
            CheckAddress(t, t.Endpoint, $"{path}:Endpoint", path, problems);
        }

        for (int i = 0; i < t.Endpoints.Count; i++)
        {
            CheckAddress(t, t.Endpoints[i], $"{path}:Endpoints:{i}", path, problems);
        }

        if (string.IsNullOrWhiteSpace(t.Model))
        {
            problems.Add(Error($"{path}:Model", "is missing. Set it to the model id the target serves, e.g. " + ModelIds.Qwen35_35B_A3B + "."));
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
    }

    private static void CheckProviderMonitoring(InferenceTargetOptions t, string path, List<ConfigurationProblem> problems)
    {
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

    /// <summary>The engine a target's client speaks to: the configured one, else an OpenAI-compatible API.</summary>
    public static EngineKind EffectiveEngine(InferenceTargetOptions target) => target.Engine ?? EngineKind.OpenAICompatible;

    private static ConfigurationProblem Error(string path, string message) => new(path, FindingSeverity.Error, message);
}
