using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>Pure readers of the RunPod serverless answers.</summary>
internal static class RunPodWire
{
    public static RunPodJobStatus ParseStatus(string? status, UnknownValues? unknown = null)
    {
        switch (status)
        {
            case "IN_QUEUE": return RunPodJobStatus.InQueue;
            case "IN_PROGRESS" or "RUNNING": return RunPodJobStatus.InProgress;
            case "COMPLETED": return RunPodJobStatus.Completed;
            case "FAILED": return RunPodJobStatus.Failed;
            case "CANCELLED": return RunPodJobStatus.Cancelled;
            case "TIMED_OUT": return RunPodJobStatus.TimedOut;
            default:
                unknown?.Report("job status", status);
                return RunPodJobStatus.Unknown;
        }
    }

    public static RunPodJob ParseJob(string targetName, JsonElement root, UnknownValues? unknown = null)
    {
        string? id = JsonRead.String(root, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            // A job without an id cannot be polled, streamed or cancelled.
            throw new InferenceProtocolException($"Target '{targetName}' answered a job without an 'id'.") { TargetName = targetName };
        }

        return new RunPodJob
        {
            Id = id,
            Status = ParseStatus(JsonRead.String(root, "status"), unknown),
            Output = JsonRead.Property(root, "output"),
            Error = JsonRead.Property(root, "error") is JsonElement error
                ? (error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText())
                : null,
            DelayTime = Milliseconds(JsonRead.Decimal(root, "delayTime")),
            ExecutionTime = Milliseconds(JsonRead.Decimal(root, "executionTime")),
        };
    }

    public static RunPodHealth ParseHealth(JsonElement root) =>
        new(CountMap(JsonRead.Property(root, "jobs")), CountMap(JsonRead.Property(root, "workers")));

    /// <summary>
    /// Reads <c>/stream/{id}</c>: the object form <c>{"status","stream":[{"output"}]}</c> that runpod-python reads, or the bare
    /// array of <c>{metrics, output}</c> the API reference shows (no status: the caller asks <c>/status</c> when it is empty).
    /// </summary>
    public static (RunPodJobStatus? Status, List<JsonElement> Outputs) ParseStream(string targetName, JsonElement root, UnknownValues? unknown = null)
    {
        RunPodJobStatus? status = null;
        JsonElement? items = root;
        if (root.ValueKind == JsonValueKind.Object)
        {
            status = ParseStatus(JsonRead.String(root, "status"), unknown);
            items = JsonRead.Property(root, "stream");
        }

        var outputs = new List<JsonElement>();
        if (items is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (JsonElement item in array.EnumerateArray())
            {
                if (JsonRead.Property(item, "output") is JsonElement output)
                {
                    outputs.Add(output);
                }
            }
        }
        else if (items is not null)
        {
            throw new InferenceProtocolException($"Target '{targetName}' answered /stream with neither a 'stream' array nor an array.") { TargetName = targetName };
        }

        return (status, outputs);
    }

    /// <summary>The readable part of a <c>FAILED</c> job's error: the worker's <c>error_message</c> when the error is its JSON.</summary>
    public static string DescribeError(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return "no error text";
        }

        try
        {
            using var document = JsonDocument.Parse(error);
            if (JsonRead.String(document.RootElement, "error_message") is string message)
            {
                return JsonRead.String(document.RootElement, "error_type") is string type ? $"{type}: {message}" : message;
            }
        }
        catch (JsonException)
        {
            // Plain text error.
        }

        return error;
    }

    /// <summary>
    /// A duration in milliseconds (the unit the RunPod docs give for <c>delayTime</c> and <c>executionTime</c>, e.g.
    /// public-endpoints/models/gpt-oss-120b.mdx); absent when it does not fit a <see cref="TimeSpan"/> (a worker's nonsense is not a crash).
    /// </summary>
    private static TimeSpan? Milliseconds(decimal? milliseconds) =>
        milliseconds is decimal ms && Math.Abs(ms) <= (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2 ? TimeSpan.FromMilliseconds((double)ms) : null;

    private static Dictionary<string, int> CountMap(JsonElement? element)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out int n))
                {
                    map[property.Name] = n;
                }
            }
        }

        return map;
    }
}
