using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Tests.Hosting;

/// <summary><c>IHostApplicationBuilder.AddInference</c>: Aspire's client-integration conventions over <c>services.AddInference</c>.</summary>
public sealed class HostApplicationBuilderTests
{
    [Fact]
    public async Task A_connection_string_fills_the_target_and_the_keyed_client_reaches_it_with_the_key()
    {
        await using LoopbackServer engine = await HostingFixture.StartEngineAsync();
        HostApplicationBuilder builder = Builder(new()
        {
            ["Inference:Targets:edge:Engine"] = "LlamaCpp",
            ["ConnectionStrings:edge"] = $"Endpoint={engine.BaseAddress};Key=sk-from-apphost;Model={ModelIds.Llama31_8B}",
        });

        builder.AddInference();
        using IHost host = builder.Build();
        ChatResponse response = await host.Services.GetRequiredKeyedService<IChatClient>("edge").GetResponseAsync("hi");

        Assert.Equal("hello from the engine", response.Text);
        RecordedRequest chat = Assert.Single(engine.Requests, r => r.Method == "POST");
        Assert.Equal("Bearer sk-from-apphost", chat.Headers["Authorization"]);
        Assert.Contains(ModelIds.Llama31_8B, chat.Body, StringComparison.Ordinal);
        InferenceTargetOptions edge = host.Services.GetRequiredService<IOptions<InferenceOptions>>().Value.Targets["edge"];
        Assert.Equal(engine.BaseAddress.ToString(), edge.Endpoint);
    }

    [Fact]
    public void Health_checks_metrics_and_tracing_are_wired_unless_disabled()
    {
        HostApplicationBuilder wired = Builder(Edge());
        HostApplicationBuilder bare = Builder(Edge(("Aspire:Inference:DisableTracing", "true")));

        wired.AddInference();
        bare.AddInference(configure: s => { s.DisableHealthChecks = true; s.DisableMetrics = true; });
        using IHost wiredHost = wired.Build();
        using IHost bareHost = bare.Build();

        Assert.Equal(["inference:edge"], Registrations(wiredHost));
        Assert.Empty(Registrations(bareHost));
        Assert.Contains(wired.Services, d => d.ServiceType.Name == "IConfigureMeterProviderBuilder");
        Assert.Contains(wired.Services, d => d.ServiceType.Name == "IConfigureTracerProviderBuilder");
        Assert.DoesNotContain(bare.Services, d => d.ServiceType.Name is "IConfigureMeterProviderBuilder" or "IConfigureTracerProviderBuilder");
        Assert.NotNull(wiredHost.Services.GetRequiredKeyedService<IChatClient>("edge"));
    }

    [Fact]
    public void A_named_section_is_read_and_a_connection_string_with_an_unknown_key_stops_the_start_with_its_name()
    {
        HostApplicationBuilder builder = Builder(new()
        {
            ["Llm:Targets:edge:Engine"] = "LlamaCpp",
            ["Llm:Targets:edge:Model"] = ModelIds.Llama31_8B,
            ["ConnectionStrings:edge"] = "Endpoint=http://127.0.0.1:8080;Secret=sk-hidden",
        });

        builder.AddInference("Llm");
        using IHost host = builder.Build();
        var e = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<InferenceOptions>>().Value);

        string failure = Assert.Single(e.Failures);
        Assert.StartsWith("ConnectionStrings:edge has the key 'secret'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-hidden", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://my-resource.openai.azure.com/openai/v1/", "https://my-resource.openai.azure.com/openai/v1/", null, null)]
    [InlineData("Endpoint=https://my-resource.openai.azure.com/;Key=k1;Deployment=gpt-4o-mini-prod;ApiVersion=2024-10-21", "https://my-resource.openai.azure.com/", "gpt-4o-mini-prod", "2024-10-21")]
    [InlineData("endpoint=http://127.0.0.1:11434;model=llama3.1:8b", "http://127.0.0.1:11434", "llama3.1:8b", null)]
    public void Connection_strings_are_read_as_aspire_writes_them(string text, string endpoint, string? model, string? apiVersion)
    {
        var target = new InferenceTargetOptions();
        var errors = new List<ConfigurationProblem>();

        InferenceConnectionStrings.Apply("ConnectionStrings:t", text, target, errors);

        Assert.Empty(errors);
        Assert.Equal(endpoint, target.Endpoint);
        Assert.Equal(model, target.Model);
        Assert.Equal(apiVersion, target.ApiVersion);
    }

    private static string[] Registrations(IHost host) =>
        host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToArray();

    private static Dictionary<string, string?> Edge(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Inference:Targets:edge:Engine"] = "LlamaCpp",
            ["Inference:Targets:edge:Endpoint"] = "http://127.0.0.1:8080",
            ["Inference:Targets:edge:Model"] = ModelIds.Llama31_8B,
        };
        foreach ((string key, string value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
