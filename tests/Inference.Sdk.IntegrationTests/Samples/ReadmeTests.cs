using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Inference.Sdk.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>The README and docs/configuration.md stay true: the ASP.NET example compiles, every configuration key is documented, the complete example is valid.</summary>
public sealed class ReadmeTests
{
    // The global usings of a Microsoft.NET.Sdk.Web project with ImplicitUsings on.
    private static readonly string[] WebImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json", "System.Threading",
        "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static string Repository => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    [Fact]
    public void The_readme_opens_with_the_install_command_for_the_package_id_and_version_that_are_packed()
    {
        string readme = File.ReadAllText(Path.Combine(Repository, "README.md"));
        string version = Regex.Match(File.ReadAllText(Path.Combine(Repository, "Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;
        string packageId = Regex.Match(File.ReadAllText(Path.Combine(Repository, "src/Inference.Sdk/Inference.Sdk.csproj")), "<PackageId>([^<]+)</PackageId>").Groups[1].Value;

        string[] lines = readme.Split('\n');
        Assert.Equal("# " + packageId, lines[0]);
        Assert.Equal($"dotnet add package {packageId} --version {version}", lines[3]);
        Assert.Contains($"**`{packageId}`**, version **{version}**", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ASP_NET_example_is_about_twenty_lines_and_compiles()
    {
        string example = Block(File.ReadAllText(Path.Combine(Repository, "README.md")), "## In an ASP.NET app", "csharp");
        Assert.InRange(example.Split('\n').Length, 10, 25);

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees =
        [
            CSharpSyntaxTree.ParseText(string.Concat(WebImplicitUsings.Select(u => $"global using global::{u};\n")), parse),
            CSharpSyntaxTree.ParseText(example, parse, path: "README.md"),
        ];
        MetadataReference[] references = [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path))];
        var compilation = CSharpCompilation.Create("ReadmeExample", trees, references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        using var output = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(output);

        Assert.True(result.Success, string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
    }

    [Fact]
    public void Docs_configuration_and_the_README_name_every_configuration_key()
    {
        string configuration = File.ReadAllText(Path.Combine(Repository, "docs/configuration.md"));
        string readme = File.ReadAllText(Path.Combine(Repository, "README.md"));
        var keys = new List<string>(Keys(typeof(InferenceOptions), string.Empty));
        keys.AddRange(Keys(typeof(InferenceBudgetOptions), "Budgets:N:"));
        keys.AddRange(Keys(typeof(InferenceTargetOptions), string.Empty));
        keys.AddRange(Keys(typeof(Inference.Sdk.Routing.TenantLimits), "Tenants:{name}:"));
        Assert.Contains("Router:EdgeTokenThreshold", keys);
        Assert.Contains("Ledger:RedisConnectionString", keys);

        Assert.True(keys.Count > 50, $"only {keys.Count} keys found");
        Assert.All(keys, key => Assert.Contains($"| `{key}` |", configuration, StringComparison.Ordinal));
        Assert.All(keys, key => Assert.Contains($"`{key.Split(':')[^1]}`", readme, StringComparison.Ordinal));
        Assert.All(Knowledge.ModelKeys.Names, key => Assert.Contains($"| `{key}` |", configuration, StringComparison.Ordinal)); // Inference:Models:{id}
    }

    [Fact]
    public void The_complete_example_of_docs_configuration_is_valid()
    {
        string json = Block(File.ReadAllText(Path.Combine(Repository, "docs/configuration.md")), "## A complete example", "json");
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Services.AddInference(builder.Configuration.GetSection("Inference"));
        using IHost host = builder.Build();

        InferenceOptions options = host.Services.GetRequiredService<IOptions<InferenceOptions>>().Value; // throws on any error

        Assert.Equal(["cloud", "edge", "gpu-pod"], options.Targets.Keys.Order());
        Assert.Equal(2, options.Budgets.Count);
        Assert.Equal(["hipaa", "region:eu"], options.Targets["cloud"].Tags);
        Assert.Equal(32768, options.Models["my-org/support-14b"].ContextWindow);
        Assert.Equal(["support-14b"], options.Models["my-org/support-14b"].Aliases);
    }

    // Scalar settings by path; a nested options object (Router, Ledger, and any section added later) is walked with its name as prefix.
    // Budgets, Targets, Models and Tenants are lists and maps whose items are listed separately.
    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Type value = property.PropertyType;
            if (property.Name is nameof(InferenceOptions.Budgets) or nameof(InferenceOptions.Targets) or nameof(InferenceOptions.Models) or nameof(InferenceOptions.Tenants) && type == typeof(InferenceOptions))
            {
                continue;
            }

            if (property.Name is nameof(Inference.Sdk.Routing.HybridRouterOptions.Tenants) && type == typeof(Inference.Sdk.Routing.HybridRouterOptions))
            {
                continue; // bound from Inference:Tenants (above), never from Inference:Router
            }

            if (property.Name is nameof(Inference.Sdk.Routing.HybridRouterOptions.JsonSerializerOptions) && type == typeof(Inference.Sdk.Routing.HybridRouterOptions))
            {
                continue; // set in code (serializer options), not a configuration setting
            }

            if (value.IsClass && value != typeof(string) && !value.IsGenericType && !value.IsArray)
            {
                foreach (string nested in Keys(value, $"{prefix}{property.Name}:"))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return prefix + property.Name;
            }
        }
    }

    private static string Block(string markdown, string heading, string language)
    {
        int start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{heading}' not found");
        Match block = new Regex($"```{language}\\n(.*?)```", RegexOptions.Singleline).Match(markdown, start);
        Assert.True(block.Success, $"no ```{language} block after '{heading}'");
        return block.Groups[1].Value;
    }
}
