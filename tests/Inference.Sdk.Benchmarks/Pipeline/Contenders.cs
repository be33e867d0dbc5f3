using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace Inference.Sdk.Benchmarks.Pipeline;

/// <summary>The three clients compared, all against the same OpenAI-compatible server.</summary>
internal static class Contenders
{
    /// <summary>(a) Raw <see cref="HttpClient"/> + System.Text.Json.</summary>
    public static RawOpenAIClient Raw(Uri openAIBase, string model) =>
        new(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 1024 }), openAIBase, model);

    /// <summary>
    /// (b) The bare OpenAI SDK as an <see cref="IChatClient"/>, optionally adding one header to every request; on the SDK's shared
    /// HTTP client, or on <paramref name="httpClient"/> (its own connection: a control for what one connection rather than another costs).
    /// </summary>
    public static IChatClient Sdk(Uri openAIBase, string model, (string Name, string Value)? header = null, HttpClient? httpClient = null)
    {
        var options = new OpenAIClientOptions { Endpoint = openAIBase };
        if (httpClient is not null)
        {
            options.Transport = new HttpClientPipelineTransport(httpClient);
        }

        if (header is { } h)
        {
            options.AddPolicy(new HeaderPolicy(h.Name, h.Value), PipelinePosition.PerCall);
        }

        return new OpenAIClient(new ApiKeyCredential("unused"), options).GetChatClient(model).AsIChatClient();
    }

    /// <summary>
    /// (c) Our pipeline as a user gets it: <c>AddInference</c> with an edge and a hosted API target on the same server;
    /// the default <see cref="IChatClient"/> is the router over each target's cost meter, OpenTelemetry and resilient
    /// HTTP client. The host is started (configuration validated, monitor running) like an application's.
    /// </summary>
    public static async Task<(IHost Host, IChatClient Client)> PipelineAsync(
        Uri openAIBase, EngineKind edgeEngine = EngineKind.Vllm, string edgeModel = "llama-3.1-8b-instruct", int? maxConcurrency = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddInference(b => AddTargets(
            b.Configure(o =>
            {
                o.Profile = DeploymentProfile.Development;
                o.ProbeInterval = TimeSpan.FromMinutes(10);
            }),
            openAIBase.AbsoluteUri,
            edgeEngine,
            edgeModel,
            maxConcurrency));
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return (host, host.Services.GetRequiredService<IChatClient>());
    }

    /// <summary>
    /// The same default client as <see cref="PipelineAsync"/> (an edge and a hosted API target, each with its cost meter and
    /// OpenTelemetry), with <paramref name="source"/> in place of each target's HTTP client: the pipeline's own CPU time, no I/O.
    /// The host is not started (no probes).
    /// </summary>
    public static (IHost Host, IChatClient Client) InMemoryPipeline(IChatClient source)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IInferenceTargetConnector>(new SourceConnector(source));
        builder.Services.AddInference(b => AddTargets(
            b.Configure(o => o.Profile = DeploymentProfile.Development), "http://127.0.0.1:9/v1/", EngineKind.Vllm, "llama-3.1-8b-instruct", maxConcurrency: null));
        var host = builder.Build();
        return (host, host.Services.GetRequiredService<IChatClient>());
    }

    /// <summary>The two targets of the benchmarks' default client: an edge engine and a hosted API, both at <paramref name="endpoint"/>.</summary>
    private static InferenceBuilder AddTargets(InferenceBuilder builder, string endpoint, EngineKind edgeEngine, string edgeModel, int? maxConcurrency) => builder
        .AddTarget("edge", t =>
        {
            t.Engine = edgeEngine;
            t.Endpoint = endpoint;
            t.Model = edgeModel;
            t.Tier = TargetTier.Edge;
            t.AllowInsecureHttp = true;
            t.MaxConcurrency = maxConcurrency;
        })
        .AddTarget("api", t =>
        {
            t.Provider = ProviderKind.OpenAICompatible;
            t.Engine = EngineKind.OpenAICompatible;
            t.Tier = TargetTier.HostedApi;
            t.Endpoint = endpoint;
            t.Model = "gpt-4o-mini";
            t.ApiKey = "unused";
            t.AllowInsecureHttp = true;
            t.InputUsdPerMillionTokens = 0.15m;
            t.OutputUsdPerMillionTokens = 0.6m;
        });

    /// <summary>A connector that gives every target <paramref name="source"/> as its chat client (in-memory benchmarks).</summary>
    internal sealed class SourceConnector(IChatClient source) : IInferenceTargetConnector
    {
        public bool Serves(InferenceTargetOptions target) => true;

        public IEnumerable<string> Validate(string path, InferenceTargetOptions target) => [];

        public IChatClient CreateChatClient(string name, InferenceTargetOptions target, HttpClient httpClient) => source;

        public ValueTask<HttpRequestMessage> CreateProbeRequestAsync(InferenceTargetOptions target, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new HttpRequestMessage(HttpMethod.Get, target.Endpoint));
    }

    private sealed class HeaderPolicy(string name, string value) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set(name, value);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set(name, value);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
