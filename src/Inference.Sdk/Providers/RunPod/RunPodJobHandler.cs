using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>
/// The transport under the OpenAI SDK for RunPod's native job API: it wraps each OpenAI request the SDK writes into a
/// worker-vllm job (<c>{"input":{"openai_route":"/v1/chat/completions","openai_input":{…}}}</c>), runs it, and hands
/// the job's output back to the SDK as the HTTP answer (JSON, or server-sent events for a stream).
/// </summary>
internal sealed class RunPodJobHandler : HttpMessageHandler
{
    private const string OpenAIPrefix = "/openai/v1/";
    private readonly RunPodServerlessClient _client;

    public RunPodJobHandler(RunPodServerlessClient client) => _client = client;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        int at = path.IndexOf(OpenAIPrefix, StringComparison.Ordinal);
        string route = at < 0 ? path : "/v1/" + path[(at + OpenAIPrefix.Length)..];
        JsonNode? body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        bool stream = body is JsonObject o && o["stream"] is JsonValue v && v.TryGetValue(out bool s) && s;
        var input = new JsonObject { ["openai_route"] = route, ["openai_input"] = body };
        RunPodJobScope? scope = RunPodJobScope.Current;

        if (!stream)
        {
            RunPodJob job = await _client.RunToCompletionAsync(input, cancellationToken).ConfigureAwait(false);
            if (scope is not null)
            {
                scope.Job = job;
            }

            string completion;
            try
            {
                completion = RunPodOpenAIOutput.Completion(_client.TargetName, job);
            }
            catch (RelayedErrorException relayed)
            {
                // vLLM's own answer: hand it to the SDK as is, so the engine's error mapping reads its numbers.
                return new HttpResponseMessage((HttpStatusCode)relayed.Status)
                {
                    RequestMessage = request,
                    Content = new StringContent(relayed.Body, Encoding.UTF8, "application/json"),
                };
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(completion, Encoding.UTF8, "application/json"),
            };
        }

        var content = new AsyncEnumerableStream(token => Events(input, scope, token));
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(content) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
        return response;
    }

    /// <summary>
    /// Relays the job's streamed outputs as server-sent events, line by line (a raw output may hold several events or
    /// part of one). The worker's own <c>[DONE]</c> is held back and sent once the job is final, so the SDK reads to
    /// the end and the job's billed times are known when the stream ends.
    /// </summary>
    private async IAsyncEnumerable<ReadOnlyMemory<byte>> Events(JsonObject input, RunPodJobScope? scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new StringBuilder();
        await foreach (JsonElement output in _client.StreamAsync(input, job => scope?.Job = job, cancellationToken).ConfigureAwait(false))
        {
            pending.Append(RunPodOpenAIOutput.StreamText(_client.TargetName, output));
            string text = pending.ToString();
            int end = text.LastIndexOf('\n');
            if (end < 0)
            {
                continue;
            }

            pending.Clear().Append(text, end + 1, text.Length - end - 1);
            string lines = WithoutDone(text[..(end + 1)]);
            if (lines.Length > 0)
            {
                yield return Encoding.UTF8.GetBytes(lines);
            }
        }

        string rest = WithoutDone(pending.ToString());
        yield return Encoding.UTF8.GetBytes(rest + (rest.Length > 0 ? "\n\n" : string.Empty) + "data: [DONE]\n\n");
    }

    private static string WithoutDone(string lines) => lines.Replace("data: [DONE]", string.Empty, StringComparison.Ordinal);
}
