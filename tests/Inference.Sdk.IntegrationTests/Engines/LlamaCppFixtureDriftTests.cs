using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Engines;

/// <summary>
/// Drift check: the llama.cpp fixtures (tests/Fixtures/llamacpp, taken from the README and server source of the commit
/// the test script builds) against the real llama-server that script built. A difference between the two fails here,
/// so a new build that renames a metric or reshapes <c>/slots</c> is seen before a user sees it.
/// </summary>
[Collection(LlamaServerCollection.Name)]
public sealed class LlamaCppFixtureDriftTests(LlamaServerFixture fixture)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly LlamaServer _server = fixture.Server;

    [Fact]
    public async Task The_live_metrics_page_has_the_fixtures_families_in_order_and_no_kv_gauge()
    {
        await CompleteOnceAsync();
        string live = await Http.GetStringAsync(new Uri(_server.Endpoint, "metrics"));

        Assert.Equal(Families(Fixtures.Text("llamacpp/metrics.prom")), Families(live));
        Assert.DoesNotContain("llamacpp:kv_cache_usage_ratio", live, StringComparison.Ordinal);
        EngineProfile profile = EngineProfile.For(EngineKind.LlamaCpp);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Assert.Equal(
            EngineLoadReader.ReadMetrics(profile, PrometheusText.Parse(Fixtures.Text("llamacpp/metrics.prom")), now).Set,
            EngineLoadReader.ReadMetrics(profile, PrometheusText.Parse(live), now).Set);
    }

    [Fact]
    public async Task The_live_slots_have_the_keys_and_next_token_shape_of_the_server_code_fixture()
    {
        await CompleteOnceAsync();
        using JsonDocument live = JsonDocument.Parse(await Http.GetStringAsync(new Uri(_server.Endpoint, "slots")));
        JsonElement[] documented = Fixtures.Json("llamacpp/slots-server-code.json").EnumerateArray().ToArray();
        JsonElement withTask = documented.Single(s => s.TryGetProperty("id_task", out _));
        JsonElement withoutTask = documented.Single(s => !s.TryGetProperty("id_task", out _));

        Assert.Equal(_server.Parallel, live.RootElement.GetArrayLength());
        foreach (JsonElement slot in live.RootElement.EnumerateArray())
        {
            JsonElement expected = slot.TryGetProperty("id_task", out _) ? withTask : withoutTask;
            Assert.Equal(Keys(expected), Keys(slot));
            if (slot.TryGetProperty("next_token", out JsonElement next))
            {
                Assert.Equal(withTask.GetProperty("next_token").ValueKind, next.ValueKind);
                Assert.Equal(Keys(withTask.GetProperty("next_token")[0]), Keys(next[0]));
            }
        }

        Assert.Contains(live.RootElement.EnumerateArray(), s => s.TryGetProperty("id_task", out _));
        Assert.NotNull(SlotOccupancy.Read(live.RootElement));
    }

    [Fact]
    public async Task The_probe_derives_kv_occupancy_from_the_live_slots()
    {
        var probe = new EngineProbe(EngineKind.LlamaCpp, _server.Endpoint);

        EngineLoad? load = await probe.GetLoadAsync();

        Assert.NotNull(load);
        Assert.True(load.KvCacheUsageDerived);
        Assert.InRange(load.KvCacheUsage!.Value, 0, 1);
        Assert.StartsWith("llama.cpp (no KV gauge", load.MetricSet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_props_answer_as_the_readme_fixtures_say()
    {
        using JsonDocument health = JsonDocument.Parse(await Http.GetStringAsync(new Uri(_server.Endpoint, "health")));
        using JsonDocument props = JsonDocument.Parse(await Http.GetStringAsync(new Uri(_server.Endpoint, "props")));

        Assert.Equal(Fixtures.Json("llamacpp/health-ok.json").GetProperty("status").GetString(), health.RootElement.GetProperty("status").GetString());
        Assert.Subset(Keys(props.RootElement), Keys(Fixtures.Json("llamacpp/props.json")));
        Assert.Equal(_server.Parallel, props.RootElement.GetProperty("total_slots").GetInt32());
        Assert.Equal(EngineKind.LlamaCpp, Assert.Single(await LocalEngineDiscovery.DiscoverAsync([_server.Port], TimeSpan.FromSeconds(10))).Engine);
    }

    [Fact]
    public async Task The_live_v1_models_meta_has_the_readme_fixtures_keys_and_the_probe_reads_one_slots_context()
    {
        using JsonDocument models = JsonDocument.Parse(await Http.GetStringAsync(new Uri(_server.Endpoint, "v1/models")));
        JsonElement live = models.RootElement.GetProperty("data")[0].GetProperty("meta");

        Assert.Subset(Keys(live), Keys(Fixtures.Json("llamacpp/models.json").GetProperty("data")[0].GetProperty("meta")));
        EngineModelInfo? info = await new EngineProbe(EngineKind.LlamaCpp, _server.Endpoint).DescribeModelAsync(LlamaServer.ModelName);
        Assert.Equal(await _server.SlotContextAsync(), info!.ContextTokens);
        Assert.Equal(live.GetProperty("n_ctx_train").GetInt32(), info.TrainedContextTokens);
        Assert.Equal(live.GetProperty("n_params").GetInt64(), info.ParameterCount);
    }

    [Fact]
    public async Task Without_metrics_the_live_server_answers_the_fixtures_501_and_the_probe_names_the_flag()
    {
        await using LlamaServer plain = await LlamaServer.StartAsync(metrics: false);
        using HttpResponseMessage response = await Http.GetAsync(new Uri(plain.Endpoint, "metrics"));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement documented = Fixtures.Json("llamacpp/metrics-disabled.json").GetProperty("error");

        Assert.Equal((HttpStatusCode)documented.GetProperty("code").GetInt32(), response.StatusCode);
        Assert.Equal(documented.GetProperty("type").GetString(), body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(documented.GetProperty("message").GetString()!.TrimEnd('.'), body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<InferenceException>(() => new EngineProbe(EngineKind.LlamaCpp, plain.Endpoint).GetLoadAsync());
        Assert.IsNotType<TargetUnavailableException>(e);
        Assert.Contains("--metrics", e.Message, StringComparison.Ordinal);
    }

    private async Task CompleteOnceAsync()
    {
        using IChatClient client = EngineChatClient.Create(EngineKind.LlamaCpp, _server.Endpoint, LlamaServer.ModelName);
        await client.GetResponseAsync([new(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 2, Temperature = 0 });
    }

    /// <summary>The metric families of a page, in order, from its <c># TYPE</c> lines.</summary>
    private static string[] Families(string page) =>
        page.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')).ToArray();

    private static SortedSet<string> Keys(JsonElement element) =>
        new(element.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
}
