using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// An <see cref="ITaskClassifier"/> over an embedding model: the last user message goes to the task type whose route examples'
/// centroid is nearest (cosine similarity). For users who run an embedding model next to the router.
/// </summary>
/// <remarks>
/// <see cref="Classify"/> calls the generator synchronously on the routing path, so use an in-process or local generator;
/// a remote one adds its round trip to every request. A request asking for at least <see cref="LongFormOutputTokens"/>
/// output tokens is long-form without an embedding.
/// </remarks>
public sealed class EmbeddingTaskClassifier : ITaskClassifier
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly (TaskType Type, float[] Centroid)[] _centroids;

    private EmbeddingTaskClassifier(IEmbeddingGenerator<string, Embedding<float>> generator, (TaskType, float[])[] centroids)
    {
        _generator = generator;
        _centroids = centroids;
    }

    /// <summary>Gets or initializes the requested output size (<c>MaxOutputTokens</c>) from which a request counts as long-form.</summary>
    public int LongFormOutputTokens { get; init; } = 2048;

    /// <summary>Embeds the route examples and keeps one centroid per task type.</summary>
    /// <param name="generator">The embedding generator.</param>
    /// <param name="examples">Example prompts per task type; at least two task types with at least one example each.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The classifier.</returns>
    public static async Task<EmbeddingTaskClassifier> CreateAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator,
        IReadOnlyDictionary<TaskType, IReadOnlyList<string>> examples,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(examples);
        var used = examples.Where(e => e.Value is { Count: > 0 }).ToList();
        if (used.Count < 2)
        {
            throw new ArgumentException("Give route examples for at least two task types (for example Code and ShortAnswer).", nameof(examples));
        }

        var centroids = new List<(TaskType, float[])>();
        foreach (var (type, texts) in used)
        {
            var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
            float[]? sum = null;
            foreach (var e in embeddings)
            {
                var v = e.Vector.Span;
                sum ??= new float[v.Length];
                if (v.Length != sum.Length)
                {
                    throw new InvalidOperationException($"The embedding generator returned vectors of {sum.Length} and {v.Length} dimensions.");
                }

                Add(sum, v, Norm(v));
            }

            centroids.Add((type, Normalize(sum ?? throw new InvalidOperationException($"The embedding generator returned no embedding for the {type} examples."))));
        }

        return new EmbeddingTaskClassifier(generator, [.. centroids]);
    }

    /// <inheritdoc/>
    public TaskType Classify(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.MaxOutputTokens >= LongFormOutputTokens)
        {
            return TaskType.LongForm;
        }

        var text = TaskText.LastUserText(messages);
        if (text.IsWhiteSpace())
        {
            return TaskType.ShortAnswer;
        }

        var embeddings = _generator.GenerateAsync([text.ToString()]).GetAwaiter().GetResult();
        var query = embeddings[0].Vector.Span;
        float norm = Norm(query);
        var best = TaskType.ShortAnswer;
        float bestScore = float.NegativeInfinity;
        foreach (var (type, centroid) in _centroids)
        {
            if (centroid.Length != query.Length)
            {
                throw new InvalidOperationException($"The embedding has {query.Length} dimensions; the route examples had {centroid.Length}.");
            }

            float dot = 0;
            for (int i = 0; i < query.Length; i++)
            {
                dot += centroid[i] * query[i];
            }

            float score = norm == 0 ? 0 : dot / norm;
            if (score > bestScore)
            {
                bestScore = score;
                best = type;
            }
        }

        return best;
    }

    private static float Norm(ReadOnlySpan<float> v)
    {
        float sum = 0;
        foreach (float x in v)
        {
            sum += x * x;
        }

        return MathF.Sqrt(sum);
    }

    private static void Add(float[] sum, ReadOnlySpan<float> v, float norm)
    {
        if (norm == 0)
        {
            return;
        }

        for (int i = 0; i < v.Length; i++)
        {
            sum[i] += v[i] / norm;
        }
    }

    private static float[] Normalize(float[] v)
    {
        float norm = Norm(v);
        if (norm > 0)
        {
            for (int i = 0; i < v.Length; i++)
            {
                v[i] /= norm;
            }
        }

        return v;
    }
}
