using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Fills targets from Aspire-style connection strings, <c>ConnectionStrings:{target}</c> = <c>Endpoint=…;Key=…;Model=…</c>
/// (or a bare URL), over what the <c>Inference</c> section says; keeps what it could not read for the validator.
/// </summary>
internal sealed class InferenceConnectionStrings(IConfiguration configuration) : IConfigureOptions<InferenceOptions>
{
    private static readonly string[] Keys = ["Endpoint", "Key", "Model", "Deployment", "ApiVersion"];
    private IReadOnlyList<ConfigurationProblem> _problems = [];

    /// <summary>Gets the problems of the last application, each at its connection string (<c>ConnectionStrings:{target}</c>).</summary>
    public IReadOnlyList<ConfigurationProblem> Problems => _problems;

    public void Configure(InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigurationProblem>();
        foreach ((string name, InferenceTargetOptions target) in options.Targets)
        {
            if (configuration.GetConnectionString(name) is { Length: > 0 } value)
            {
                Apply($"ConnectionStrings:{name}", value, target, problems);
            }
        }

        _problems = problems;
    }

    /// <summary>Applies one connection string to a target; a pure function of its text.</summary>
    internal static void Apply(string path, string value, InferenceTargetOptions target, List<ConfigurationProblem> problems)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out Uri? bare) && (bare.Scheme == Uri.UriSchemeHttp || bare.Scheme == Uri.UriSchemeHttps))
        {
            target.Endpoint = value;
            return;
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            problems.Add(new ConfigurationProblem(path, FindingSeverity.Error, "is not a connection string. Write it as Endpoint=https://host/v1;Key=...;Model=... (or a bare URL)."));
            return;
        }

        foreach (string key in parts.Keys.Cast<string>())
        {
            string text = Convert.ToString(parts[key], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            switch (Array.Find(Keys, k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)))
            {
                case "Endpoint":
                    target.Endpoint = text;
                    break;
                case "Key":
                    target.ApiKey = text;
                    break;
                case "Model" or "Deployment":
                    target.Model = text;
                    break;
                case "ApiVersion":
                    target.ApiVersion = text;
                    break;
                default:
                    problems.Add(new ConfigurationProblem(path, FindingSeverity.Error, $"has the key '{key}', which this package does not read. Use: {string.Join(", ", Keys)}."));
                    break;
            }
        }
    }
}
