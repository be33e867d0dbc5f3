using System;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Engines;

/// <summary>A server of its own that is killed and restarted mid-test, as a spot eviction would.</summary>
public sealed class LlamaServerLifecycleTests
{
    [Fact]
    public async Task A_killed_server_is_unreachable_and_answers_again_after_restart()
    {
        await using LlamaServer server = await LlamaServer.StartAsync(contextPerSlot: 128, parallel: 1);
        using IChatClient client = EngineChatClient.Create(EngineKind.LlamaCpp, server.Endpoint, LlamaServer.ModelName,
            new EngineClientOptions { TargetName = "evicted", RequestTimeout = TimeSpan.FromSeconds(30) });
        var probe = new EngineProbe(EngineKind.LlamaCpp, server.Endpoint);
        ChatMessage[] hello = [new(ChatRole.User, "hi")];

        await server.StopAsync();
        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => client.GetResponseAsync(hello, new ChatOptions { MaxOutputTokens = 2 }));
        EngineHealth down = await probe.CheckHealthAsync();
        await server.StartAsync();
        ChatResponse response = await client.GetResponseAsync(hello, new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal("evicted", e.TargetName);
        Assert.Equal(EngineHealth.Unreachable, down);
        Assert.Equal(EngineHealth.Healthy, await probe.CheckHealthAsync());
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 0, 2);
    }
}
