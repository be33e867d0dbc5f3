using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>Pure readers of the RunPod serverless answers.</summary>
internal static class RunPodWire
{
    public static RunPodJobStatus ParseStatus(string targetName, string? status) => status switch
    {
        "IN_QUEUE" => RunPodJobStatus.InQueue,
        "IN_PROGRESS" or "RUNNING" => RunPodJobStatus.InProgress,
        "COMPLETED" => RunPodJobStatus.Completed,
        "FAILED" => RunPodJobStatus.Failed,
        "CANCELLED" => RunPodJobStatus.Cancelled,
        "TIMED_OUT" => RunPodJobStatus.TimedOut,
        _ => throw new InferenceProtocolException(
            $"Target '{targetName}' reported a job status RunPod does not document: '{ProviderErrors.Truncate(status ?? "(none)")}'.")
        { TargetName = targetName },
    };

    public static RunPodJob ParseJob(string targetName, JsonElement root)
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
            Status = ParseStatus(targetName, JsonRead.String(root, "status")),
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

    /// <summary>Reads <c>/stream/{id}</c>: the object form <c>{"status","stream":[{"output"}]}</c> or the bare array form.</summary>
    public static (RunPodJobStatus? Status, List<JsonElement> Outputs) ParseStream(string targetName, JsonElement root)
    {
        RunPodJobStatus? status = null;
        JsonElement? items = root;
        if (root.ValueKind == JsonValueKind.Object)
        {
            status = ParseStatus(targetName, JsonRead.String(root, "status"));
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

    /// <summary>A duration in milliseconds; absent when it does not fit a <see cref="TimeSpan"/> (a worker's nonsense is not a crash).</summary>
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
