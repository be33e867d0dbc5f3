using System;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>Bad configuration as a new user writes it: each stops the host with ONE message that names the key and the fix.</summary>
public sealed class ConfigurationValidationTests
{
    private const string Good = "\"Engine\": \"Vllm\", \"Endpoint\": \"http://127.0.0.1:8000\", \"Model\": \"Qwen/Qwen3.5-35B-A3B\"";

    [Theory]
    [InlineData("\"Provider\": \"RunPodd\", " + Good, "Inference:Targets:gpu-pod:Provider", "Did you mean 'RunPod'?")]
    [InlineData("\"Engine\": \"Vllm\", \"Model\": \"Qwen/Qwen3.5-35B-A3B\"", "Inference:Targets:gpu-pod:Endpoint", "is missing")]
    [InlineData(Good + ", \"Endpont\": \"http://127.0.0.1:9\"", "Inference:Targets:gpu-pod:Endpont", "Did you mean 'Endpoint'?")]
    [InlineData(Good + ", \"UsdPerGpuHour\": \"$2.69\"", "Inference:Targets:gpu-pod:UsdPerGpuHour", "without a currency sign: 2.69")]
    [InlineData(Good + ", \"MaxOutputTokens\": \"4k\"", "Inference:Targets:gpu-pod:MaxOutputTokens", "not a whole number")]
    [InlineData(Good + ", \"Gpu\": \"A100\", \"Quantization\": \"NVFP4\"", "Inference:Targets:gpu-pod:Quantization", "INF1001")]
    [InlineData("\"Engine\": \"Ollama\", \"Endpoint\": \"http://127.0.0.1:11434\", \"Model\": \"Qwen/Qwen3.5-35B-A3B\", \"Quantization\": \"AWQ4\"", "Inference:Targets:gpu-pod:Quantization", "INF1005")]
    [InlineData(Good + ", \"Fallback\": \"cloud\"", "Inference:Targets:gpu-pod:Fallback", "not a target")]
    [InlineData("\"Engine\": \"Vllm\", \"Endpoint\": \"http://10.1.2.3:8000\", \"Model\": \"Qwen/Qwen3.5-35B-A3B\"", "Inference:Targets:gpu-pod:Endpoint", "AllowInsecureHttp")]
    [InlineData("\"Engine\": \"Vllm\", \"Endpoints\": [\"http://127.0.0.1:8000/v1\", \"not-a-url\"], \"Model\": \"Qwen/Qwen3.5-35B-A3B\"", "Inference:Targets:gpu-pod:Endpoints:1", "not an absolute http or https address")]
    [InlineData("\"Engine\": \"Vllm\", \"Endpoints\": [\"http://10.1.2.3:8000/v1\"], \"Model\": \"Qwen/Qwen3.5-35B-A3B\"", "Inference:Targets:gpu-pod:Endpoints:0", "AllowInsecureHttp")]
    [InlineData("\"Engine\": \"Vllm\", \"Service\": \"https+http://vllm\", \"Endpoints\": [\"http://127.0.0.1:8000/v1\"], \"Model\": \"Qwen/Qwen3.5-35B-A3B\"", "Inference:Targets:gpu-pod:Service", "not both")]
    [InlineData("\"Engine\": \"Vllm\", \"Service\": \"https+http://\", \"Model\": \"Qwen/Qwen3.5-35B-A3B\"", "Inference:Targets:gpu-pod:Service", "not a service name")]
    [InlineData(Good + ", \"AffinityInFlightSlack\": -1", "Inference:Targets:gpu-pod:AffinityInFlightSlack", "use 0 to 1024")]
    [InlineData(Good + ", \"ProviderResourceId\": \"pod-1\"", "Inference:Targets:gpu-pod:ProviderResourceId", "has no status API")]
    [InlineData("\"Provider\": \"Lambda\", \"ProviderResourceId\": \"i-1\", " + Good, "Inference:Targets:gpu-pod:ProviderApiKey", "is missing")]
    [InlineData("\"Provider\": \"RunPod\", \"ProviderApiKey\": \"k\", \"ProviderResourceId\": \"v2/pods/p1\", " + Good, "Inference:Targets:gpu-pod:ProviderResourceId", "bare id")]
    [InlineData(Good + ", \"ProviderBaseAddress\": \"http://10.0.0.1/\"", "Inference:Targets:gpu-pod:ProviderBaseAddress", "https")]
    [InlineData(Good + ", \"TokensPerSecond\": 0", "Inference:Targets:gpu-pod:TokensPerSecond", "positive number")]
    [InlineData(Good + ", \"TokensPerMinute\": \"200k\"", "Inference:Targets:gpu-pod:TokensPerMinute", "not a whole number. Write digits only, e.g. 200000")]
    [InlineData(Good + ", \"RequestsPerMinute\": 0", "Inference:Targets:gpu-pod:RequestsPerMinute", "it must be at least 1")]
    public async Task Bad_configuration_stops_the_host_with_one_message_naming_the_key(string target, string key, string fix)
    {
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json($"\"gpu-pod\": {{ {target} }}"));

        OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        string failure = Assert.Single(e.Failures);
        Assert.StartsWith(key, failure, StringComparison.Ordinal);
        Assert.Contains(fix, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Router\": { \"PiiPolicy\": \"ForceLocl\" }", "Inference:Router:PiiPolicy", "Did you mean 'ForceLocal'?")]
    [InlineData("\"Router\": { \"EdgeTokenThreshold\": 0 }", "Inference:Router:EdgeTokenThreshold", "must be positive")]
    [InlineData("\"Router\": { \"Pii\": { \"CustomPatterns\": [ { \"Name\": \"patient\", \"Pattern\": \"PAT-(\" } ] } }", "Inference:Router:Pii", "Inference:Router:Pii:CustomPatterns:0:Pattern")]
    [InlineData("\"Router\": { \"Pii\": { \"DefaultRegions\": \"US, XX\" } }", "Inference:Router:Pii", "'XX', which is not a region")]
    [InlineData("\"Budgets\": [ { \"LimitUsd\": \"500 USD\" } ]", "Inference:Budgets:0:LimitUsd", "without a currency sign: 500")]
    [InlineData("\"Ledger\": { \"Redis\": \"localhost\" }", "Inference:Ledger:Redis", "Did you mean")]
    [InlineData("\"Monitoring\": { \"ProviderStatusInterval\": \"soon\" }", "Inference:Monitoring:ProviderStatusInterval", "which is not a duration")]
    [InlineData("\"Monitoring\": { \"PriceRefreshIntervall\": \"00:10:00\" }", "Inference:Monitoring:PriceRefreshIntervall", "Did you mean 'PriceRefreshInterval'?")]
    [InlineData("\"Tenants\": { \"acme\": { \"TokensPerMinut\": 1000 } }", "Inference:Tenants:acme:TokensPerMinut", "Did you mean 'TokensPerMinute'?")]
    [InlineData("\"Tenants\": { \"acme\": { \"Priority\": \"Bulk\" } }", "Inference:Tenants:acme:Priority", "Interactive")]
    [InlineData("\"Tenants\": { \"Default\": { \"RequestsPerMinute\": 0 } }", "Inference:Tenants:Default:RequestsPerMinute", "must be positive, e.g. 600")]
    [InlineData("\"Router\": { \"Tenants\": { \"acme\": { \"RequestsPerMinute\": 5 } } }", "Inference:Router:Tenants", "move this section to Inference:Tenants")]
    [InlineData("\"Router\": { \"BatchLimitShare\": 1.5 }", "Inference:Router:BatchLimitShare", "must be in (0, 1]")]
    public async Task Bad_router_budget_and_ledger_settings_name_their_key(string settings, string key, string fix)
    {
        string json = $$"""{ "Inference": { "Profile": "Development", {{settings}}, "Targets": { "edge": { {{Good}} } } } }""";
        using IHost host = HostingFixture.BuildHost(json);

        OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        string failure = Assert.Single(e.Failures);
        Assert.StartsWith(key, failure, StringComparison.Ordinal);
        Assert.Contains(fix, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_no_targets_does_not_start()
    {
        using IHost host = HostingFixture.BuildHost("""{ "Inference": { "Profile": "Development" } }""");

        OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith("Inference:Targets", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fp8_on_an_A100_is_a_warning_logged_once_at_start_naming_the_key()
    {
        var logs = new FakeLogCollector();
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json($"\"gpu-pod\": {{ {Good}, \"Gpu\": \"A100\", \"Quantization\": \"FP8\" }}"), logs);

        await host.StartAsync();
        await host.StopAsync();

        // The configuration's warnings only: whether a monitor read the (absent) engine before the host stopped is a race.
        FakeLogRecord warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.StartsWith("Inference:", StringComparison.Ordinal));
        Assert.StartsWith("Inference:Targets:gpu-pod:Quantization: INF1001", warning.Message, StringComparison.Ordinal);
        Assert.Contains("A100", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_problem_is_logged_as_one_critical_line_before_the_host_throws()
    {
        var logs = new FakeLogCollector();
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json($"\"gpu-pod\": {{ \"Provider\": \"RunPodd\", {Good}, \"UsdPerGpuHour\": \"$2.69\" }}"), logs);

        OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        FakeLogRecord[] critical = [.. logs.GetSnapshot().Where(r => r.Level == LogLevel.Critical)];
        Assert.Equal(e.Failures, critical.Select(r => r.Message));
        Assert.Equal(["Inference:Targets:gpu-pod:Provider", "Inference:Targets:gpu-pod:UsdPerGpuHour"], critical.Select(r => r.Message.Split(' ')[0].TrimEnd(':')));
        Assert.All(critical, r => Assert.Null(r.Exception));
    }

    [Fact]
    public void The_checks_use_the_knowledge_rules_and_map_each_finding_to_the_key_to_change()
    {
        var options = new Inference.Sdk.Hosting.InferenceOptions { Profile = DeploymentProfile.Production };
        options.Targets["edge"] = new Inference.Sdk.Hosting.InferenceTargetOptions
        {
            Engine = EngineKind.Ollama,
            Endpoint = "http://127.0.0.1:11434",
            Model = ModelIds.Llama31_8B,
            MaxOutputTokens = 200_000,
        };

        var problems = Inference.Sdk.Hosting.InferenceOptionsChecks.Check(options, "App:Inference");

        Assert.Equal(
            ["App:Inference:Targets:edge:MaxOutputTokens INF2001 Error", "App:Inference:Targets:edge:Engine INF1006 Warning"],
            problems.Select(p => $"{p.Path} {p.RuleId} {p.Severity}"));
    }

    [Fact]
    public async Task A_model_the_catalog_does_not_know_starts_the_host_with_one_warning_naming_the_nearest_id()
    {
        var logs = new FakeLogCollector();
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json(
            "\"gpu-pod\": { \"Engine\": \"Vllm\", \"Endpoint\": \"http://127.0.0.1:8000\", \"Model\": \"Qwen/Qwen3.5-35B-A3\", \"Gpu\": \"H100Sxm5\" }"), logs);

        await host.StartAsync();
        await host.StopAsync();

        string warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("Inference:Targets:gpu-pod:Model", StringComparison.Ordinal)).Message;
        Assert.Contains("is not in the model catalog", warning, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'Qwen/Qwen3.5-35B-A3B'?", warning, StringComparison.Ordinal);
        Assert.Contains("Inference:Models:Qwen/Qwen3.5-35B-A3", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_configuration_starts_and_logs_no_warning()
    {
        // Its own engine on a free port: a shared port (8000) may be anyone's under a full test run. Every monitor reads it once
        // before the host stops, so "no warning" covers what they found, not a race with the first read.
        await using LoopbackServer engine = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapGet("/metrics", () => Fixtures.Answer("vllm/metrics-v1-waiting-by-reason.prom", contentType: "text/plain; version=0.0.4"));
            app.MapGet("/v1/models", () => Fixtures.Answer("vllm/models.json"));
        });
        var logs = new FakeLogCollector();
        string good = $"\"Engine\": \"Vllm\", \"Endpoint\": \"{engine.BaseAddress}\", \"Model\": \"Qwen/Qwen3.5-35B-A3B\", \"ContextLength\": 32768";
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json($"\"gpu-pod\": {{ {good}, \"Gpu\": \"H100Sxm5\", \"KvCacheDType\": \"FP8\", \"UsdPerGpuHour\": 2.69, \"Tags\": [\"eu\", \"hipaa\"] }}"), logs);

        await host.StartAsync();
        var options = host.Services.GetRequiredService<IOptions<Inference.Sdk.Hosting.InferenceOptions>>().Value;
        await Eventually.HoldsAsync(() => engine.Requests.Select(r => r.PathAndQuery).ToHashSet(), seen => seen.IsSupersetOf(["/health", "/metrics", "/v1/models"]), "each monitor read the engine");
        await host.StopAsync();

        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        var target = options.Targets["gpu-pod"];
        Assert.Equal(2.69m, target.UsdPerGpuHour);
        Assert.Equal(GpuKind.H100Sxm5, target.Gpu);
        Assert.Equal(["eu", "hipaa"], target.Tags);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(20000)]
    public async Task A_model_described_under_Inference_Models_is_checked_like_a_catalog_one_and_sizes_the_routers_window(int? maxOutputTokens)
    {
        var logs = new FakeLogCollector();
        string output = maxOutputTokens is int max ? $", \"MaxOutputTokens\": {max}" : string.Empty;
        string json = $$"""
            { "Inference": { "Profile": "Development", "ProbeInterval": "00:01:00",
              "Models": { "my-org/private-model": { "TotalParametersBillions": 8, "ContextWindow": 16384, "Layers": 32, "KvHeads": 8, "HeadDim": 128, "Aliases": [ "private-8b" ] } },
              "Targets": { "gpu-pod": { "Engine": "Vllm", "Endpoint": "http://127.0.0.1:9", "Model": "private-8b", "Gpu": "L40S"{{output}} } } } }
            """;
        using IHost host = HostingFixture.BuildHost(json, logs);

        if (maxOutputTokens is null)
        {
            await host.StartAsync();
            var router = host.Services.GetRequiredService<Inference.Sdk.Routing.HybridRouterChatClient>();
            await host.StopAsync();

            Assert.Equal(16384, router.Targets[0].ConfiguredContextWindow);
            Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.Contains("model catalog", StringComparison.Ordinal));
        }
        else
        {
            // The described window is what the output budget is checked against (INF2001).
            OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            string failure = Assert.Single(e.Failures);
            Assert.StartsWith("Inference:Targets:gpu-pod:MaxOutputTokens", failure, StringComparison.Ordinal);
            Assert.Contains("16384", failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_described_model_without_its_context_window_stops_the_host_naming_the_key()
    {
        const string json = """
            { "Inference": { "Profile": "Development",
              "Models": { "my-org/private-model": { "TotalParametersBillions": 8, "Layers": 32 } },
              "Targets": { "gpu-pod": { "Engine": "Vllm", "Endpoint": "http://127.0.0.1:9", "Model": "my-org/private-model" } } } }
            """;
        using IHost host = HostingFixture.BuildHost(json);

        OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        string failure = Assert.Single(e.Failures);
        Assert.StartsWith("Inference:Models:my-org/private-model:ContextWindow", failure, StringComparison.Ordinal);
        Assert.Contains("is missing", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Tenants_and_target_limits_bind_from_configuration_into_the_router()
    {
        string json = $$"""
            { "Inference": { "Profile": "Development",
              "Tenants": { "Default": { "RequestsPerMinute": 60 }, "evals": { "TokensPerMinute": 50000, "Priority": "Batch" } },
              "Router": { "BatchLimitShare": 0.6, "BatchQueueLimit": 5, "BatchQueueTimeout": "00:00:20" },
              "Targets": { "edge": { {{Good}}, "RequestsPerMinute": 600, "TokensPerMinute": 200000 } } } }
            """;
        using IHost host = HostingFixture.BuildHost(json);

        var router = host.Services.GetRequiredService<Inference.Sdk.Routing.HybridRouterChatClient>();

        var edge = Assert.Single(router.Targets);
        Assert.Equal((600, 200000), (edge.RequestsPerMinute, edge.TokensPerMinute));
        Assert.Equal("Targets:edge:TokensPerMinute", router.Boards[0].Limits!.Tokens!.Name);
        Assert.Equal((0.6, 5, TimeSpan.FromSeconds(20)), (router.Options.BatchLimitShare, router.Options.BatchQueueLimit, router.Options.BatchQueueTimeout));
        var evals = router.Tenants.Find("Evals")!;
        Assert.Equal(Inference.Sdk.Requests.RequestPriority.Batch, evals.Priority);
        Assert.Equal(50000, evals.Limits!.Tokens!.Limit);
        Assert.Null(evals.Limits.Requests);
        var other = router.Tenants.Find("acme")!;
        Assert.Equal(("acme", 60L), (other.Name, other.Limits!.Requests!.Limit));
        Assert.Equal("(none)", router.Tenants.Find(null)!.Name);
    }
}
