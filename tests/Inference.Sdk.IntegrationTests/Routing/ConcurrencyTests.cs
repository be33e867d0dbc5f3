using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Routing;

public partial class ConcurrencyTests
{
    private const int Requests = 1000;

    [Fact]
    public async Task A_thousand_concurrent_requests_with_mixed_failures_are_each_answered_once_or_fail_typed()
    {
        // a fails 503 for ids divisible by 3, b 429 for ids divisible by 5, c 500 for ids divisible by 7:
        // a request is lost only when all three fail (ids divisible by 105).
        await using var a = await Server("a", id => id % 3 == 0 ? 503 : 200);
        await using var b = await Server("b", id => id % 5 == 0 ? 429 : 200);
        await using var c = await Server("c", id => id % 7 == 0 ? 500 : 200);
        var targets = new[]
        {
            new RouteTarget("a", OpenAiLoopback.Client(a.BaseAddress), TargetTier.Edge, 8192),
            new RouteTarget("b", OpenAiLoopback.Client(b.BaseAddress), TargetTier.Edge, 8192),
            new RouteTarget("c", OpenAiLoopback.Client(c.BaseAddress), TargetTier.Edge, 8192),
        };

        // Deterministic outcomes: keep the breakers from opening mid-test (their own test is in the unit tests).
        using var router = new HybridRouterChatClient(targets, new HybridRouterOptions { CircuitBreakerMinimumThroughput = int.MaxValue });
        var served = new ConcurrentDictionary<int, string>();
        var failed = new ConcurrentDictionary<int, Exception>();

        await Task.WhenAll(Enumerable.Range(1, Requests).Select(id => Task.Run(async () =>
        {
            List<ChatMessage> messages = [new(ChatRole.User, $"hello req-{id}")];
            try
            {
                string text = id % 2 == 0
                    ? string.Concat(await router.GetStreamingResponseAsync(messages).Select(u => u.Text).ToListAsync())
                    : (await router.GetResponseAsync(messages)).Text;
                Assert.True(served.TryAdd(id, text.Trim()));
            }
            catch (Exception e)
            {
                Assert.True(failed.TryAdd(id, e));
            }
        })));

        Assert.Equal(Requests, served.Count + failed.Count);
        foreach (int id in Enumerable.Range(1, Requests))
        {
            string? expected = id % 3 != 0 ? $"a-{id}" : id % 5 != 0 ? $"b-{id}" : id % 7 != 0 ? $"c-{id}" : null;
            if (expected is null)
            {
                var error = Assert.IsType<TargetUnavailableException>(failed[id]);
                Assert.Equal((500, "c"), (error.StatusCode, error.TargetName));
            }
            else
            {
                Assert.Equal(expected, served[id]);
            }
        }

        // Counted at the servers: every request reached a once, b only after a failed, c only after both failed; no duplicates.
        AssertIds(a, Enumerable.Range(1, Requests));
        AssertIds(b, Enumerable.Range(1, Requests).Where(id => id % 3 == 0));
        AssertIds(c, Enumerable.Range(1, Requests).Where(id => id % 15 == 0));
    }

    private static void AssertIds(LoopbackServer server, IEnumerable<int> expected) =>
        Assert.Equal(expected.Order(), server.Requests.Select(r => Id(r.Body)).Order());

    private static int Id(string body) => int.Parse(IdPattern().Match(body).Groups[1].Value, CultureInfo.InvariantCulture);

    private static Task<LoopbackServer> Server(string name, Func<int, int> status) => OpenAiLoopback.StartAsync((HttpContext context, string body) =>
    {
        int id = Id(body);
        int code = status(id);
        return code == 200 ? OpenAiLoopback.AnswerAsync(context, body, $"{name}-{id}") : OpenAiLoopback.FailAsync(context, code);
    });

    [GeneratedRegex(@"req-(\d+)")]
    private static partial Regex IdPattern();
}
