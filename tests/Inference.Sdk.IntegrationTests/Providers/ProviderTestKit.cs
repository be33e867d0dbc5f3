using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.IntegrationTests.Providers;

/// <summary>Helpers shared by the provider tests: JSON answers, a fixed key, and checks on what servers received.</summary>
internal static class ProviderTestKit
{
    /// <summary>A key that must never appear in a message.</summary>
    public const string ApiKey = "rpa_SECRET_KEY_0123456789";

    public static readonly HttpClient Http = new();

    /// <summary>An OpenAI chat completion as vLLM and hosted APIs answer it.</summary>
    public const string Completion =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";

    public static IResult Json(string json, int status = 200) => Results.Text(json, "application/json", statusCode: status);

    public static void AssertBearer(RecordedRequest request) =>
        Assert.Equal("Bearer " + ApiKey, request.Headers["Authorization"]);

    public static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    public static IReadOnlyList<string> Paths(LoopbackServer server) => server.Requests.Select(r => r.Method + " " + r.PathAndQuery).ToList();

    /// <summary>Asserts the exception names the target and does not leak the key anywhere in its chain.</summary>
    public static void AssertSafe(Exception exception, string targetName)
    {
        Assert.Contains(targetName, exception.Message, StringComparison.Ordinal);
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(ApiKey, e.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(targetName, Assert.IsAssignableFrom<InferenceException>(exception).TargetName);
    }
}
