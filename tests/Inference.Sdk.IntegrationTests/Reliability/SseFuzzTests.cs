using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// SSE framing where we touch it: an engine adapter reading random and mutated event streams from a real loopback server ends
/// with updates or an <see cref="InferenceException"/> — never another exception type, never a hang.
/// </summary>
public class SseFuzzTests
{
    private const string Valid =
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n" +
        ": keep-alive comment\n\n" +
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n" +
        "data: [DONE]\n\n";

    private const string ErrorEvent =
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}\r\n\r\n" +
        "event: error\r\ndata: {\"error\":{\"message\":\"boom\",\"code\":500}}\r\n\r\n";

    private const string Interesting = "{}[]\":,\\ \n\r\tdata:[DONE]0123456789";

    private static readonly Gen<string> Bodies = Mutations.Of(Interesting, Valid, ErrorEvent);

    [Fact]
    public async Task Mutated_event_streams_give_updates_or_a_typed_error()
    {
        string body = Valid;
        await using var server = await OpenAiLoopback.StartAsync(async (c, _) =>
        {
            c.Response.ContentType = "text/event-stream";
            await c.Response.WriteAsync(Volatile.Read(ref body), c.RequestAborted);
        });
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m", new EngineClientOptions
        {
            TargetName = "fuzzed",
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        int completed = 0, typed = 0;

        var run = Task.Run(() => Bodies.Sample(
            sample =>
            {
                Volatile.Write(ref body, sample);
                try
                {
                    var updates = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]).ToListAsync().AsTask().GetAwaiter().GetResult();
                    Assert.NotNull(updates);
                    completed++;
                }
                catch (InferenceException e)
                {
                    Assert.Equal("fuzzed", e.TargetName);
                    typed++;
                }
            },
            iter: 300,
            threads: 1));
        await run.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(completed > 0 && typed > 0, $"both outcomes were exercised ({completed} completed, {typed} typed errors)");
        Assert.True(server.Requests.Count >= 300, "every sample reached the server");
    }
}
