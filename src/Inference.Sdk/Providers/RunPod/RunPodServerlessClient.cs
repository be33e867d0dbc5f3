using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>
/// The native job API of one RunPod serverless endpoint (<c>/run</c>, <c>/runsync</c>, <c>/status</c>, <c>/stream</c>,
/// <c>/cancel</c>, <c>/health</c>). Every call honours its cancellation token and <see cref="RunPodServerlessOptions.RequestTimeout"/>;
/// a job abandoned by its caller is cancelled on RunPod so it stops billing.
/// </summary>
public sealed class RunPodServerlessClient
{
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(10);
    private readonly ProviderHttp _http;
    private readonly RunPodServerlessOptions _options;
    private readonly UnknownValues _unknown;

    /// <summary>Initializes a new instance of the <see cref="RunPodServerlessClient"/> class.</summary>
    /// <param name="httpClient">The HTTP client to send with (from <c>IHttpClientFactory</c> in applications).</param>
    /// <param name="options">The endpoint and key.</param>
    /// <param name="logger">Where a job status RunPod adds later is reported (once per value); nowhere when omitted.</param>
    public RunPodServerlessClient(HttpClient httpClient, RunPodServerlessOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.EndpointId, $"{nameof(options)}.{nameof(options.EndpointId)}");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, $"{nameof(options)}.{nameof(options.ApiKey)}");
        ArgumentNullException.ThrowIfNull(options.BaseAddress, $"{nameof(options)}.{nameof(options.BaseAddress)}");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, $"{nameof(options)}.{nameof(options.RequestTimeout)}");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.JobTimeout, TimeSpan.Zero, $"{nameof(options)}.{nameof(options.JobTimeout)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PollInterval, TimeSpan.Zero, $"{nameof(options)}.{nameof(options.PollInterval)}");
        if (options.EndpointId.AsSpan().IndexOfAny("/?#") >= 0)
        {
            throw new ArgumentException("The endpoint id must not contain '/', '?' or '#'.", $"{nameof(options)}.{nameof(options.EndpointId)}");
        }

        _options = options;
        _unknown = new UnknownValues(logger, "RunPod");
        TargetName = options.TargetName ?? $"runpod:{options.EndpointId}";
        EndpointAddress = new Uri(WithSlash(options.BaseAddress), Uri.EscapeDataString(options.EndpointId) + "/");
        _http = new ProviderHttp(httpClient, TargetName, EndpointAddress, options.ApiKey, options.RequestTimeout, options.TimeProvider);
    }

    /// <summary>Gets the name of the target in errors and snapshots.</summary>
    public string TargetName { get; }

    /// <summary>Gets the endpoint's address, <c>https://api.runpod.ai/v2/{endpoint_id}/</c>.</summary>
    public Uri EndpointAddress { get; }

    /// <summary>Gets the base URL of the endpoint's OpenAI-compatible route (worker-vllm), <c>…/v2/{endpoint_id}/openai/v1</c>.</summary>
    public Uri OpenAIBaseAddress => new(EndpointAddress, "openai/v1");

    /// <summary>
    /// Returns a chat client that sends each request as a job through the native job API (worker-vllm's
    /// <c>openai_route</c> input), with <c>/runsync</c> and <c>/status</c> polling, <c>/stream</c> for streaming, and
    /// <c>/cancel</c> when the caller cancels. Responses carry the job's billed times under <see cref="RunPodPropertyNames"/>.
    /// </summary>
    /// <param name="model">The model the endpoint serves (its Hugging Face id or <c>OPENAI_SERVED_MODEL_NAME_OVERRIDE</c>).</param>
    /// <returns>The chat client.</returns>
    public IChatClient AsIChatClient(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var transport = new HttpClient(new RunPodJobHandler(this)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        // worker-vllm runs vLLM: its error bodies, relayed by the handler, map to the typed errors with vLLM's numbers.
        IChatClient inner = OpenAIChat.Create(EngineKind.Vllm, OpenAIBaseAddress, model, _options.ApiKey, TargetName, transport, timeout: _options.JobTimeout);
        return new RunPodJobChatClient(inner, this, model);
    }

    /// <summary>Submits a job (<c>POST /run</c>) and returns it queued.</summary>
    /// <param name="input">The handler's input (the value of <c>"input"</c>).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The job, usually <see cref="RunPodJobStatus.InQueue"/>.</returns>
    public async Task<RunPodJob> RunAsync(JsonNode input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunPodWire.ParseJob(TargetName, await _http.PostAsync("run", Envelope(input), cancellationToken).ConfigureAwait(false), _unknown);
    }

    /// <summary>Submits a job and waits on the server for it (<c>POST /runsync</c>); the answer is non-final when it took longer than the server waits.</summary>
    /// <param name="input">The handler's input (the value of <c>"input"</c>).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The job, final or not.</returns>
    public async Task<RunPodJob> RunSyncAsync(JsonNode input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunPodWire.ParseJob(TargetName, await _http.PostAsync("runsync", Envelope(input), cancellationToken).ConfigureAwait(false), _unknown);
    }

    /// <summary>Reads a job's status (<c>GET /status/{id}</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The job.</returns>
    public async Task<RunPodJob> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return RunPodWire.ParseJob(TargetName, await _http.GetAsync("status/" + Uri.EscapeDataString(jobId), cancellationToken).ConfigureAwait(false), _unknown);
    }

    /// <summary>Cancels a job (<c>POST /cancel/{id}</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The job, usually <see cref="RunPodJobStatus.Cancelled"/>.</returns>
    public async Task<RunPodJob> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return RunPodWire.ParseJob(TargetName, await _http.PostAsync("cancel/" + Uri.EscapeDataString(jobId), null, cancellationToken).ConfigureAwait(false), _unknown);
    }

    /// <summary>Reads the endpoint's job and worker counts (<c>GET /health</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The counts; <see cref="RunPodHealth.ColdStartExpected"/> tells whether a request will wait for a worker to boot.</returns>
    public async Task<RunPodHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        RunPodWire.ParseHealth(await _http.GetAsync("health", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Runs a job to its end: <c>/runsync</c>, then polls <c>/status</c> while it is not final. Cancels the job on RunPod
    /// when the caller cancels or <see cref="RunPodServerlessOptions.JobTimeout"/> passes.
    /// </summary>
    /// <param name="input">The handler's input.</param>
    /// <param name="cancellationToken">The token to cancel the call (and the job).</param>
    /// <returns>The completed job.</returns>
    /// <exception cref="ProviderApiException">The job <c>FAILED</c> (with its <c>error</c>) or was <c>CANCELLED</c>.</exception>
    /// <exception cref="TargetUnavailableException">The job <c>TIMED_OUT</c> on RunPod or ran past <see cref="RunPodServerlessOptions.JobTimeout"/>.</exception>
    public async Task<RunPodJob> RunToCompletionAsync(JsonNode input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.JobTimeout);
        RunPodJob? job = null;
        try
        {
            job = await RunSyncAsync(input, deadline.Token).ConfigureAwait(false);
            while (!job.IsTerminal)
            {
                await Task.Delay(_options.PollInterval, deadline.Token).ConfigureAwait(false);
                job = await GetStatusAsync(job.Id, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (job is { IsTerminal: false } && (e is OperationCanceledException || e is TargetUnavailableException))
        {
            await CancelQuietlyAsync(job.Id).ConfigureAwait(false);
            if (!cancellationToken.IsCancellationRequested && e is OperationCanceledException)
            {
                throw JobTimeout(job.Id, e);
            }

            throw;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw JobTimeout(job?.Id, e);
        }

        return EnsureCompleted(job);
    }

    /// <summary>
    /// Submits a job (<c>/run</c>) and yields its streamed outputs as <c>/stream/{id}</c> returns them, until the job is
    /// final and nothing is left. A caller that stops early or cancels gets the job cancelled on RunPod.
    /// </summary>
    /// <param name="input">The handler's input (a generator handler).</param>
    /// <param name="onCompleted">Called with the final job (its timings) once the stream has ended.</param>
    /// <param name="cancellationToken">The token to cancel the stream (and the job).</param>
    /// <returns>Each streamed <c>output</c>.</returns>
    public async IAsyncEnumerable<JsonElement> StreamAsync(
        JsonNode input,
        Action<RunPodJob>? onCompleted = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.JobTimeout);
        RunPodJob job;
        try
        {
            job = await RunAsync(input, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw JobTimeout(null, e);
        }

        bool finished = false;
        try
        {
            while (true)
            {
                (RunPodJobStatus? status, List<JsonElement> outputs) = await NextStreamBatchAsync(job.Id, deadline.Token, cancellationToken).ConfigureAwait(false);
                foreach (JsonElement output in outputs)
                {
                    yield return output;
                }

                if (outputs.Count == 0)
                {
                    if (status is null)
                    {
                        status = (await GetStatusAsync(job.Id, deadline.Token).ConfigureAwait(false)).Status;
                    }

                    if (status is RunPodJobStatus.Completed or RunPodJobStatus.Failed or RunPodJobStatus.Cancelled or RunPodJobStatus.TimedOut)
                    {
                        break;
                    }

                    await Task.Delay(_options.PollInterval, deadline.Token).ConfigureAwait(false);
                }
            }

            finished = true;
        }
        finally
        {
            if (!finished)
            {
                await CancelQuietlyAsync(job.Id).ConfigureAwait(false);
            }
        }

        RunPodJob final = EnsureCompleted(await GetStatusAsync(job.Id, cancellationToken).ConfigureAwait(false));
        onCompleted?.Invoke(final);
    }

    /// <summary>Reads the endpoint's health as the router's snapshot.</summary>
    /// <param name="price">The endpoint's price, when the caller knows it (for example from <c>RunPodRestClient.GetGpuPricesAsync</c>).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The snapshot; an unreachable endpoint is reported unhealthy rather than thrown.</returns>
    public Task<TargetHealth> ProbeAsync(ProviderPrice? price = null, CancellationToken cancellationToken = default) =>
        Probe.SafeAsync(TargetName, _http.Time, async now =>
        {
            RunPodHealth health = await GetHealthAsync(cancellationToken).ConfigureAwait(false);
            int unhealthy = health.Workers.TryGetValue("unhealthy", out int n) ? n : 0;
            int usable = 0;
            foreach ((string state, int count) in health.Workers)
            {
                usable += state is "unhealthy" or "throttled" ? 0 : count;
            }

            return new TargetHealth
            {
                TargetName = TargetName,
                Healthy = true,
                CapacityAvailable = !(usable == 0 && unhealthy > 0),
                ColdStartExpected = health.ColdStartExpected,
                Price = price,
                ObservedAt = now,
                Status = health.ColdStartExpected ? "cold" : "warm",
            };
        }, cancellationToken);

    internal async Task CancelQuietlyAsync(string jobId)
    {
        using var cts = new CancellationTokenSource(CancelTimeout);
        try
        {
            _ = await CancelAsync(jobId, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InferenceException or OperationCanceledException)
        {
            // Best effort: the job's own TTL ends it when the cancel cannot reach RunPod.
        }
    }

    internal RunPodJob EnsureCompleted(RunPodJob job) => job.Status switch
    {
        RunPodJobStatus.Completed => job,
        RunPodJobStatus.Failed => throw new ProviderApiException(
            $"Job '{job.Id}' on target '{TargetName}' failed: {ProviderErrors.Truncate(RunPodWire.DescribeError(job.Error))}")
        { TargetName = TargetName, ErrorCode = "FAILED" },
        RunPodJobStatus.TimedOut => throw new TargetUnavailableException($"Job '{job.Id}' on target '{TargetName}' timed out on RunPod.") { TargetName = TargetName },
        RunPodJobStatus.Cancelled => throw new ProviderApiException($"Job '{job.Id}' on target '{TargetName}' was cancelled.") { TargetName = TargetName, ErrorCode = "CANCELLED" },
        _ => throw new InferenceProtocolException($"Job '{job.Id}' on target '{TargetName}' is not final ({job.Status}).") { TargetName = TargetName },
    };

    private async Task<(RunPodJobStatus? Status, List<JsonElement> Outputs)> NextStreamBatchAsync(string jobId, CancellationToken deadline, CancellationToken caller)
    {
        try
        {
            return RunPodWire.ParseStream(TargetName, await _http.GetAsync("stream/" + Uri.EscapeDataString(jobId), deadline).ConfigureAwait(false), _unknown);
        }
        catch (OperationCanceledException e) when (!caller.IsCancellationRequested)
        {
            throw JobTimeout(jobId, e);
        }
    }

    private TargetUnavailableException JobTimeout(string? jobId, Exception inner) =>
        new($"Job '{jobId ?? "(not submitted)"}' on target '{TargetName}' did not finish within {_options.JobTimeout.TotalSeconds:0.###} s and was cancelled.", inner)
        { TargetName = TargetName };

    private static JsonObject Envelope(JsonNode input) => new() { ["input"] = input.DeepClone() };

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
