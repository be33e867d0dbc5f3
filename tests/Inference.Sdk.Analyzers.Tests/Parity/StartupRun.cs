extern alias sdk;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Configuration;
using Hosting = sdk::Inference.Sdk.Hosting;

namespace Inference.Sdk.Analyzers.Tests.Parity;

/// <summary>
/// The start-up validation of an appsettings snippet, as a host runs it: the configuration binder's problems, then the
/// checks of the bound options (what <c>InferenceOptionsValidator</c> fails on and <c>InferenceStartupReport</c> logs).
/// </summary>
internal static class StartupRun
{
    public static (IReadOnlyList<Reported> Problems, Hosting.InferenceOptions Options) Validate(string json)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var binder = new Hosting.InferenceConfigurationBinder(configuration.GetSection(Hosting.InferenceOptions.SectionName));
        var options = new Hosting.InferenceOptions();
        binder.Configure(options);
        var problems = binder.Problems.Concat(Hosting.InferenceOptionsChecks.Check(options, Hosting.InferenceOptions.SectionName, binder.Problems))
            .Select(p => new Reported(p.RuleId ?? "(no id)", p.Severity.ToString(), p.Path, p.Message))
            .ToList();
        return (problems, options);
    }
}
