using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>
/// A chat client over a RunPod serverless endpoint's native job API (worker-vllm): the OpenAI SDK writes and reads the
/// chat protocol, <see cref="RunPodJobHandler"/> carries it as a job, and this client puts the job's billed times on
/// the response (<see cref="RunPodPropertyNames"/>) and reports provider <c>runpod</c> in its metadata.
/// </summary>
internal sealed class RunPodJobChatClient : DelegatingChatClient
{
    private readonly ChatClientMetadata _metadata;

    public RunPodJobChatClient(IChatClient inner, RunPodServerlessClient client, string model)
        : base(inner) => _metadata = new ChatClientMetadata("runpod", client.EndpointAddress, model);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        RunPodJobScope? previous = RunPodJobScope.Current;
        var scope = new RunPodJobScope();
        RunPodJobScope.Current = scope;
        try
        {
            ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            if (scope.Job is RunPodJob job)
            {
                response.AdditionalProperties = Attach(response.AdditionalProperties, job);
            }

            return response;
        }
        finally
        {
            RunPodJobScope.Current = previous;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scope = new RunPodJobScope();
        RunPodJobScope.Current = scope;
        string? responseId = null;
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            responseId ??= update.ResponseId;
            yield return update;
        }

        if (scope.Job is RunPodJob job)
        {
            yield return new ChatResponseUpdate { ResponseId = responseId, AdditionalProperties = Attach(null, job) };
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata : base.GetService(serviceType, serviceKey);
    }

    private static AdditionalPropertiesDictionary Attach(AdditionalPropertiesDictionary? properties, RunPodJob job)
    {
        properties ??= [];
        properties[RunPodPropertyNames.JobId] = job.Id;
        if (job.DelayTime is TimeSpan delay)
        {
            properties[RunPodPropertyNames.DelayMilliseconds] = (long)Math.Round(delay.TotalMilliseconds);
        }

        if (job.ExecutionTime is TimeSpan execution)
        {
            properties[RunPodPropertyNames.ExecutionMilliseconds] = (long)Math.Round(execution.TotalMilliseconds);
        }

        return properties;
    }
}
