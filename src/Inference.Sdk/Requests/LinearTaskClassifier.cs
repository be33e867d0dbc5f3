using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// The built-in <see cref="ITaskClassifier"/>: a linear model (multinomial logistic regression) over hashed word unigrams
/// and bigrams of the last user message, trained offline on public labelled prompts and shipped in the package
/// (<c>task-model.bin</c>, about 100 KB). A request asking for at least <see cref="LongFormOutputTokens"/> output tokens is long-form;
/// one that names the reasoning it wants (whole words such as "step by step", "prove", "derivative") is reasoning.
/// </summary>
/// <remarks>
/// Classifying reads each character once and adds five 8-bit weights per feature; it allocates nothing. The training
/// command, its data and the measured precision and recall per task type are in <c>docs/routing.md</c>.
/// </remarks>
public sealed class LinearTaskClassifier : ITaskClassifier
{
    private const uint Magic = 0x31435454; // "TTC1"

    /// <summary>Texts of fewer words (punctuation counts as a word) are short answers whatever the model says.</summary>
    internal const int MinimumWords = 3;

    /// <summary>Only a request this short is read for explicit reasoning words: longer texts quote passages that use them.</summary>
    internal const int ExplicitRequestChars = 600;
    private static readonly TaskType[] Classes = [TaskType.ShortAnswer, TaskType.Classification, TaskType.Code, TaskType.Reasoning, TaskType.LongForm];
    private static readonly Lazy<LinearTaskClassifier> Shared = new(Load);
    private static readonly string[] ExplicitReasoning =
        ["step by step", "step-by-step", "prove", "proof", "derive", "derivative", "integral", "explain your reasoning", "show your work", "think through"];

    private static readonly System.Buffers.SearchValues<string> ExplicitReasoningMarkers = System.Buffers.SearchValues.Create(ExplicitReasoning, StringComparison.OrdinalIgnoreCase);

    private readonly int _buckets;
    private readonly float[] _scale;
    private readonly float[] _bias;
    private readonly sbyte[] _weights;

    private LinearTaskClassifier(int buckets, float[] scale, float[] bias, sbyte[] weights)
    {
        _buckets = buckets;
        _scale = scale;
        _bias = bias;
        _weights = weights;
    }

    /// <summary>Gets the shared instance with the model shipped in the package.</summary>
    public static LinearTaskClassifier Instance => Shared.Value;

    /// <summary>Gets or initializes the requested output size (<c>MaxOutputTokens</c>) from which a request counts as long-form.</summary>
    public int LongFormOutputTokens { get; init; } = 2048;

    internal int Buckets => _buckets;

    /// <inheritdoc/>
    public TaskType Classify(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.MaxOutputTokens >= LongFormOutputTokens)
        {
            return TaskType.LongForm;
        }

        return Classify(TaskText.LastUserText(messages));
    }

    /// <summary>Classifies one text.</summary>
    internal TaskType Classify(ReadOnlySpan<char> text)
    {
        Span<int> sums = stackalloc int[Classes.Length];
        int words = Accumulate(text, sums);
        if (words < MinimumWords)
        {
            return TaskType.ShortAnswer; // "Hi", "Hello there", "thanks!": too little to ask for more than a short answer
        }

        float norm = 1f / MathF.Sqrt(words);
        int best = 0;
        float bestScore = float.NegativeInfinity;
        for (int c = 0; c < Classes.Length; c++)
        {
            float score = (sums[c] * _scale[c] * norm) + _bias[c];
            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }

        // The public sets ask for reasoning through word problems; a request that names the reasoning it wants is one too.
        var type = Classes[best];
        return type is TaskType.ShortAnswer or TaskType.Classification
            && text.Length <= ExplicitRequestChars
            && HeuristicTaskClassifier.HasWord(text, ExplicitReasoningMarkers, ExplicitReasoning, StringComparison.OrdinalIgnoreCase)
            ? TaskType.Reasoning
            : type;
    }

    /// <summary>Gets the score of each class for one text (for the evaluation's <c>classify</c> command).</summary>
    internal string Scores(ReadOnlySpan<char> text)
    {
        Span<int> sums = stackalloc int[Classes.Length];
        int words = Accumulate(text, sums);
        float norm = words == 0 ? 0 : 1f / MathF.Sqrt(words);
        var sb = new System.Text.StringBuilder();
        for (int c = 0; c < Classes.Length; c++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Classes[c]}={(sums[c] * _scale[c] * norm) + _bias[c]:0.00} ");
        }

        return sb.ToString();
    }

    /// <summary>Serializes a model: the training command writes it, <see cref="Load"/> reads it.</summary>
    internal static byte[] Serialize(int buckets, float[] scale, float[] bias, sbyte[] weights)
    {
        using var raw = new MemoryStream();
        using (var deflate = new DeflateStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var w = new BinaryWriter(deflate))
        {
            w.Write(Magic);
            w.Write(buckets);
            w.Write(scale.Length);
            foreach (float s in scale)
            {
                w.Write(s);
            }

            foreach (float b in bias)
            {
                w.Write(b);
            }

            w.Write((ReadOnlySpan<byte>)System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
        }

        return raw.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Serialize"/>.</summary>
    internal static LinearTaskClassifier Deserialize(Stream stream)
    {
        using var deflate = new DeflateStream(stream, CompressionMode.Decompress);
        using var r = new BinaryReader(deflate);
        if (r.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("The task model is not a linear task model (bad magic number).");
        }

        int buckets = r.ReadInt32();
        int classes = r.ReadInt32();
        if (classes != Classes.Length || buckets <= 0 || (buckets & (buckets - 1)) != 0)
        {
            throw new InvalidDataException($"The task model has {classes} classes and {buckets} buckets; expected {Classes.Length} classes and a power of two.");
        }

        var scale = new float[classes];
        var bias = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            scale[c] = r.ReadSingle();
        }

        for (int c = 0; c < classes; c++)
        {
            bias[c] = r.ReadSingle();
        }

        var weights = new sbyte[buckets * classes];
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
        return new LinearTaskClassifier(buckets, scale, bias, weights);
    }

    /// <summary>The class order of the model's rows.</summary>
    internal static ReadOnlySpan<TaskType> ClassOrder => Classes;

    private int Accumulate(ReadOnlySpan<char> text, Span<int> sums)
    {
        var features = new TaskTextFeatures(text, _buckets);
        ReadOnlySpan<sbyte> weights = _weights;
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        while (features.MoveNextWord(out int unigram, out int bigram))
        {
            var row = weights.Slice(unigram * 5, 5);
            var pair = weights.Slice(bigram * 5, 5);
            s0 += row[0] + pair[0];
            s1 += row[1] + pair[1];
            s2 += row[2] + pair[2];
            s3 += row[3] + pair[3];
            s4 += row[4] + pair[4];
        }

        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
        sums[4] = s4;
        return features.Words;
    }

    private static LinearTaskClassifier Load()
    {
        using var stream = typeof(LinearTaskClassifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded task model '{ResourceName}' is missing from the Inference.Sdk assembly.");
        return Deserialize(stream);
    }

    internal const string ResourceName = "Inference.Sdk.task-model.bin";
}
