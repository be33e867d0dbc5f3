using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Engines;

/// <summary>Local discovery and request shaping against the engines' own answers and request structs.</summary>
public class DiscoveryFixtureTests
{
    [Fact]
    public async Task Each_engine_is_told_apart_by_what_it_answers()
    {
        await using var ollama = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Text(Fixtures.Text("ollama/root.txt"))));
        await using var llama = await LoopbackServer.StartAsync(app => app.MapGet("/props", () => Fixtures.Answer("llamacpp/props.json")));
        await using var router = await LoopbackServer.StartAsync(app => app.MapGet("/props", () => Fixtures.Answer("llamacpp/props-router.json")));
        await using var sglang = await LoopbackServer.StartAsync(app => app.MapGet("/server_info", () => Fixtures.Answer("sglang/server-info.json")));
        await using var trtllm = await LoopbackServer.StartAsync(app => app.MapGet("/v1/models", () => Fixtures.Answer("trtllm/models.json")));

        var found = await LocalEngineDiscovery.DiscoverAsync(
            [ollama.BaseAddress.Port, llama.BaseAddress.Port, router.BaseAddress.Port, sglang.BaseAddress.Port, trtllm.BaseAddress.Port], TimeSpan.FromSeconds(10));

        Assert.Equal([EngineKind.Ollama, EngineKind.LlamaCpp, EngineKind.LlamaCpp, EngineKind.Sglang, EngineKind.TensorRtLlm], found.Select(f => f.Engine));
        Assert.Equal("b(build number)-(build commit hash)", found[1].Version);
        Assert.Equal("0.5.4", found[3].Version);
        Assert.DoesNotContain(sglang.Requests, r => r.PathAndQuery == "/get_server_info");
    }

    [Fact]
    public async Task An_older_sglang_is_found_by_its_deprecated_get_server_info()
    {
        await using var sglang = await LoopbackServer.StartAsync(app => app.MapGet("/get_server_info", () => Fixtures.Answer("sglang/server-info.json")));

        DiscoveredEngine found = Assert.Single(await LocalEngineDiscovery.DiscoverAsync([sglang.BaseAddress.Port], TimeSpan.FromSeconds(10)));

        Assert.Equal(EngineKind.Sglang, found.Engine);
    }

    [Fact]
    public async Task Ollama_v1_gets_only_fields_its_request_struct_declares_and_its_one_output_cap()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(EngineKind.Ollama, server.BaseAddress, "llama3");

        await client.GetResponseAsync([new(ChatRole.User, "hi")], new ChatOptions { TopK = 5, TopP = 0.9f, Temperature = 0.2f, MaxOutputTokens = 12 });

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        string[] declared = Fixtures.Lines("ollama/chat-request-fields.txt").ToArray();
        Assert.All(body.RootElement.EnumerateObject(), field => Assert.Contains(field.Name, declared));
        Assert.Equal(12, body.RootElement.GetProperty("max_tokens").GetInt32());
    }
}
