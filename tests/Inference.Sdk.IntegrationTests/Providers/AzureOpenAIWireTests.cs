using System;
using System.ClientModel;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Inference.Sdk.Azure;
using Inference.Sdk.Hosting;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.IntegrationTests.Providers;

/// <summary>
/// Inference.Sdk.Azure against a loopback server that checks the Azure OpenAI wire the way the service does: the route
/// (<c>/openai/deployments/{deployment}/chat/completions?api-version=…</c> or <c>/openai/v1/chat/completions</c>), the
/// <c>api-version</c>, and the <c>api-key</c> header or a bearer token from the credential. Answers are Azure's and
/// OpenAI's documented payloads (<c>Fixtures/AzureOpenAI/SOURCES.md</c>); anything else gets Azure's 401 or 404.
/// </summary>
public sealed class AzureOpenAIWireTests : IAsyncLifetime
{
    private const string Key = "azure-resource-key-0123456789abcdef";
    private const string Deployment = "gpt-4o-mini-prod";
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    private static Task<LoopbackServer> StartAsync(X509Certificate2? certificate = null) => LoopbackServer.StartAsync(app =>
    {
        app.MapPost("/openai/deployments/{deployment}/chat/completions", (HttpContext context, string deployment) =>
            Answer(context, deployment, context.Request.Query["api-version"].ToString()));
        app.MapPost("/openai/v1/chat/completions", (HttpContext context) => Answer(context, Deployment, apiVersion: null));
        app.MapGet("/openai/models", (HttpContext context) => Authorized(context) && context.Request.Query.ContainsKey("api-version")
            ? Results.Text("""{"data":[],"object":"list"}""", "application/json")
            : Results.StatusCode(401));
        app.MapGet("/openai/v1/models", (HttpContext context) => Authorized(context) ? Results.Text("""{"data":[],"object":"list"}""", "application/json") : Results.StatusCode(401));
    }, certificate: certificate);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Deployment_route_streams_azure_content_filter_events_with_the_key_in_the_api_key_header()
    {
        IChatClient chat = AzureOpenAIChatClients.Create(_server.BaseAddress, Deployment, new ApiKeyCredential(Key), new AzureOpenAIChatClientOptions());

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("What is color?"))
        {
            text.Append(update.Text);
            finish ??= update.FinishReason;
        }

        Assert.Equal("Color is a", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal($"/openai/deployments/{Deployment}/chat/completions?api-version=2024-10-21", request.PathAndQuery);
        Assert.Equal(Key, request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"), "the key travels in api-key only");
        using JsonDocument body = JsonDocument.Parse(request.Body);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.True(body.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(AzureOpenAIChatClients.ProviderName, chat.GetService<ChatClientMetadata>()!.ProviderName);
    }

    [Fact]
    public async Task Tools_go_out_as_functions_and_the_tool_call_comes_back_parsed()
    {
        IChatClient chat = AzureOpenAIChatClients.Create(_server.BaseAddress, Deployment, new ApiKeyCredential(Key), new AzureOpenAIChatClientOptions { ApiVersion = "2025-04-01-preview" });

        ChatResponse response = await chat.GetResponseAsync("What's the weather like in Boston today?", new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string location) => "sunny", "get_current_weather", "Get the current weather in a given location")],
        });

        FunctionCallContent call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_current_weather", call.Name);
        Assert.Equal("call_abc123", call.CallId);
        Assert.Equal("Boston, MA", call.Arguments!["location"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.EndsWith("?api-version=2025-04-01-preview", request.PathAndQuery, StringComparison.Ordinal);
        using JsonDocument body = JsonDocument.Parse(request.Body);
        Assert.Equal("get_current_weather", body.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Structured_output_sends_the_json_schema_and_usage_reads_cached_tokens()
    {
        IChatClient chat = AzureOpenAIChatClients.Create(_server.BaseAddress, Deployment, new ApiKeyCredential(Key), new AzureOpenAIChatClientOptions());
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""").RootElement;

        ChatResponse response = await chat.GetResponseAsync("Which city?", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "city") });

        Assert.Equal(42, response.Usage!.InputTokenCount);
        Assert.Equal(13, response.Usage.CachedInputTokenCount);
        Assert.Equal(15, response.Usage.OutputTokenCount);
        Assert.Equal(90, response.Usage.ReasoningTokenCount);
        using JsonDocument body = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        JsonElement format = body.RootElement.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("city", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("string", format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Entra_id_sends_a_bearer_token_from_the_credential_for_the_cognitive_services_scope()
    {
        var credential = new TestCredential();
        IChatClient chat = AzureOpenAIChatClients.Create(_server.BaseAddress, Deployment, credential, new AzureOpenAIChatClientOptions());

        ChatResponse response = await chat.GetResponseAsync("can you tell me how to care for a parrot?");

        Assert.StartsWith("Ahoy matey!", response.Text, StringComparison.Ordinal);
        Assert.Equal(33, response.Usage!.InputTokenCount);
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer " + TestCredential.Token, request.Headers["Authorization"]);
        Assert.False(request.Headers.ContainsKey("api-key"));
        Assert.Equal([AzureOpenAIChatClients.DefaultTokenScope], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task V1_route_takes_no_api_version_with_a_key_or_a_token_over_tls()
    {
        // BearerTokenPolicy (System.ClientModel) sends tokens over https only, so this server speaks TLS with a certificate made here.
        using X509Certificate2 certificate = SelfSigned();
        await using LoopbackServer tls = await StartAsync(certificate);
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == certificate.Thumbprint })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var v1 = new UriBuilder(tls.BaseAddress) { Scheme = Uri.UriSchemeHttps, Path = "/openai/v1/" }.Uri;
        var credential = new TestCredential();

        ChatResponse keyed = await AzureOpenAIChatClients.Create(v1, Deployment, new ApiKeyCredential(Key), new AzureOpenAIChatClientOptions { HttpClient = http }).GetResponseAsync("hi");
        var streamed = new StringBuilder();
        UsageDetails? usage = null;
        await foreach (ChatResponseUpdate update in AzureOpenAIChatClients.Create(v1, Deployment, credential, new AzureOpenAIChatClientOptions { HttpClient = http }).GetStreamingResponseAsync("hello"))
        {
            streamed.Append(update.Text);
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
        }

        Assert.StartsWith("Ahoy matey!", keyed.Text, StringComparison.Ordinal);
        Assert.Equal("Hello! How can I assist you today?", streamed.ToString());
        Assert.Equal(8, usage!.InputTokenCount);
        Assert.Equal(5, usage.CachedInputTokenCount);
        Assert.All(tls.Requests, r => Assert.Equal("/openai/v1/chat/completions", r.PathAndQuery));
        Assert.Equal(Key, tls.Requests[0].Headers["api-key"]);
        Assert.False(tls.Requests[0].Headers.ContainsKey("Authorization"));
        Assert.Equal("Bearer " + TestCredential.Token, tls.Requests[1].Headers["Authorization"]);
        Assert.Equal([AzureOpenAIChatClients.DefaultTokenScope], credential.Scopes.Distinct());
        Assert.All(tls.Requests, r => Assert.Equal(Deployment, JsonDocument.Parse(r.Body).RootElement.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task A_wrong_key_is_an_api_error_and_429_is_overloaded_without_the_key_in_any_message()
    {
        IChatClient wrong = AzureOpenAIChatClients.Create(_server.BaseAddress, Deployment, new ApiKeyCredential("not-the-key-0123456789"), new AzureOpenAIChatClientOptions { TargetName = "azure" });
        IChatClient limited = AzureOpenAIChatClients.Create(_server.BaseAddress, "rate-limited", new ApiKeyCredential(Key), new AzureOpenAIChatClientOptions { TargetName = "azure" });

        var denied = await Assert.ThrowsAnyAsync<InferenceException>(() => wrong.GetResponseAsync("hi"));
        var overloaded = await Assert.ThrowsAsync<TargetOverloadedException>(() => limited.GetResponseAsync("hi"));

        Assert.Equal("azure", denied.TargetName);
        Assert.Equal(429, overloaded.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), overloaded.RetryAfter);
        Assert.DoesNotContain(Key, overloaded.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", denied.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_and_api_versions_that_name_no_route_are_refused_with_the_fix()
    {
        var key = new ApiKeyCredential(Key);

        var deploymentPath = Assert.Throws<ArgumentException>(() => AzureOpenAIChatClients.Create(new Uri(_server.BaseAddress, "openai/deployments/x/"), Deployment, key, new AzureOpenAIChatClientOptions()));
        var unknown = Assert.Throws<ArgumentException>(() => AzureOpenAIChatClients.Create(_server.BaseAddress, Deployment, key, new AzureOpenAIChatClientOptions { ApiVersion = "2023-01-01" }));
        var v1WithVersion = Assert.Throws<ArgumentException>(() => AzureOpenAIChatClients.Create(new Uri(_server.BaseAddress, "openai/v1/"), Deployment, key, new AzureOpenAIChatClientOptions { ApiVersion = "2024-10-21" }));

        Assert.Contains("resource root", deploymentPath.Message, StringComparison.Ordinal);
        Assert.Contains("2024-10-21", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("2025-04-01-preview", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("takes no api-version", v1WithVersion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_inference_serves_azure_targets_from_configuration_with_entra_id_and_probes_the_models_route()
    {
        var credential = new TestCredential();
        await using ServiceProvider services = Services(new()
        {
            ["Inference:Targets:azure:Provider"] = "AzureOpenAI",
            ["Inference:Targets:azure:Tier"] = "HostedApi",
            ["Inference:Targets:azure:Endpoint"] = _server.BaseAddress.ToString(),
            ["Inference:Targets:azure:Model"] = Deployment,
            ["Inference:Targets:azure:ApiVersion"] = "2024-10-21",
            ["Inference:Targets:azure:InputUsdPerMillionTokens"] = "0.15",
            ["Inference:Targets:azure:OutputUsdPerMillionTokens"] = "0.60",
        }, b => b.AddAzureOpenAI(credential));

        ChatResponse response = await services.GetRequiredService<IChatClient>().GetResponseAsync("can you tell me how to care for a parrot?");
        HealthReport health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.StartsWith("Ahoy matey!", response.Text, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, health.Entries["inference:azure"].Status);
        Assert.Contains("/openai/models answered 200", health.Entries["inference:azure"].Description, StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.PathAndQuery == $"/openai/deployments/{Deployment}/chat/completions?api-version=2024-10-21"
            && r.Headers["Authorization"] == "Bearer " + TestCredential.Token);
        Assert.Contains(_server.Requests, r => r.PathAndQuery == "/openai/models?api-version=2024-10-21" && r.Headers["Authorization"] == "Bearer " + TestCredential.Token);
    }

    [Fact]
    public async Task Add_inference_with_a_key_probes_the_v1_models_route_with_the_api_key_header()
    {
        await using ServiceProvider services = Services(new()
        {
            ["Inference:Targets:azure:Provider"] = "AzureOpenAI",
            ["Inference:Targets:azure:Endpoint"] = new Uri(_server.BaseAddress, "openai/v1/").ToString(),
            ["Inference:Targets:azure:Model"] = Deployment,
            ["Inference:Targets:azure:ApiKey"] = Key,
        }, b => b.AddAzureOpenAI());

        HealthReport health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        ChatResponse response = await services.GetRequiredKeyedService<IChatClient>("azure").GetResponseAsync("hi");

        Assert.Equal(HealthStatus.Healthy, health.Entries["inference:azure"].Status);
        Assert.StartsWith("Ahoy matey!", response.Text, StringComparison.Ordinal);
        Assert.All(_server.Requests, r => Assert.Equal(Key, r.Headers["api-key"]));
        Assert.Contains(_server.Requests, r => r.PathAndQuery == "/openai/v1/models");
    }

    [Fact]
    public async Task Start_up_names_the_azure_setting_to_fix()
    {
        await using ServiceProvider noCredential = Services(new()
        {
            ["Inference:Targets:azure:Provider"] = "AzureOpenAI",
            ["Inference:Targets:azure:Endpoint"] = _server.BaseAddress.ToString(),
            ["Inference:Targets:azure:Model"] = Deployment,
            ["Inference:Targets:azure:ApiVersion"] = "2023-01-01",
        }, b => b.AddAzureOpenAI());
        await using ServiceProvider noPackage = Services(new()
        {
            ["Inference:Targets:azure:Provider"] = "AzureOpenAI",
            ["Inference:Targets:azure:Endpoint"] = _server.BaseAddress.ToString(),
            ["Inference:Targets:azure:Model"] = Deployment,
            ["Inference:Targets:azure:ApiKey"] = Key,
            ["Inference:Targets:azure:ApiVersion"] = "2024-10-21",
        }, _ => { });

        var both = Assert.Throws<OptionsValidationException>(() => noCredential.GetRequiredService<IOptions<InferenceOptions>>().Value);
        var missing = Assert.Throws<OptionsValidationException>(() => noPackage.GetRequiredService<IOptions<InferenceOptions>>().Value);

        Assert.Contains(both.Failures, f => f.StartsWith("Inference:Targets:azure:ApiVersion is '2023-01-01'", StringComparison.Ordinal));
        Assert.Contains(both.Failures, f => f.StartsWith("Inference:Targets:azure:ApiKey is missing", StringComparison.Ordinal) && f.Contains("DefaultAzureCredential", StringComparison.Ordinal));
        Assert.Contains(missing.Failures, f => f.Contains("dotnet add package Inference.Sdk.Azure", StringComparison.Ordinal));
        Assert.DoesNotContain(missing.Failures, f => f.Contains(Key, StringComparison.Ordinal));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<InferenceBuilder> configure)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        configure(services.AddInference(configuration.GetSection("Inference")));
        services.AddHealthChecks().AddInferenceHealthChecks();
        return services.BuildServiceProvider();
    }

    private static bool Authorized(HttpContext context) =>
        context.Request.Headers["api-key"].ToString() == Key || context.Request.Headers.Authorization.ToString() == "Bearer " + TestCredential.Token;

    private static IResult Answer(HttpContext context, string deployment, string? apiVersion)
    {
        if (!Authorized(context))
        {
            return Results.StatusCode(401);
        }

        if (apiVersion is { Length: 0 } || deployment == "rate-limited")
        {
            context.Response.Headers.RetryAfter = "7";
            return apiVersion is { Length: 0 } ? Results.StatusCode(404) : Results.StatusCode(429);
        }

        string body = new StreamReader(context.Request.Body).ReadToEndAsync().GetAwaiter().GetResult();
        context.Request.Body.Position = 0;
        if (body.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            // Azure's content-filter events on the deployment route; the usage event of stream_options on the v1 route.
            return Results.Text(Fixture(apiVersion is null ? "stream-usage-cached-tokens.sse" : "content-streaming.passes-filters.sse"), "text/event-stream");
        }

        string file = body.Contains("\"tools\"", StringComparison.Ordinal) ? "tool-call.json"
            : body.Contains("\"response_format\"", StringComparison.Ordinal) ? "usage-cached-tokens.json"
            : "chat-completions.2024-10-21.json";
        return Results.Text(Fixture(file), "application/json");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null); // Kestrel needs the private key in a loadable form
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "AzureOpenAI", name));

    /// <summary>An Entra ID credential that hands out a fixed token and records the scopes it was asked for.</summary>
    private sealed class TestCredential : TokenCredential
    {
        public const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-token";

        public ConcurrentQueue<string> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (string scope in requestContext.Scopes)
            {
                Scopes.Enqueue(scope);
            }

            return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
