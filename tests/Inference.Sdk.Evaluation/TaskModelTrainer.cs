using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Evaluation;

/// <summary>
/// Trains the <see cref="LinearTaskClassifier"/> model on the tuning split only: multinomial logistic regression over the
/// hashed features of <see cref="TaskTextFeatures"/>, AdaGrad, class-balanced, then 8-bit quantization per class.
/// Grouped five-fold cross-validation on the tuning split picks nothing by itself; it is printed to show the fit.
/// </summary>
public static class TaskModelTrainer
{
    public const int Buckets = 1 << 15;
    public const int Epochs = 12;
    public const float LearningRate = 0.4f;
    public const float L2 = 1e-5f;
    private const int Seed = 16;

    public static byte[] Train(IReadOnlyList<TaskExample> tuning, Action<string>? log = null)
    {
        var examples = Featurize(tuning);
        if (log is not null)
        {
            var groups = examples.Select(e => e.Group).Distinct().Order(StringComparer.Ordinal).ToArray();
            new Random(Seed).Shuffle(groups);
            var fold = groups.Select((g, i) => (g, i % 5)).ToDictionary(x => x.g, x => x.Item2);
            int correct = 0;
            for (int k = 0; k < 5; k++)
            {
                var model = Fit([.. examples.Where(e => fold[e.Group] != k)]);
                correct += examples.Where(e => fold[e.Group] == k).Count(e => Predict(model, e) == e.Label);
            }

            log($"grouped 5-fold cross-validation on the tuning split: accuracy {100.0 * correct / examples.Count:0.0} % over {examples.Count} prompts");
        }

        var w = Fit(examples);
        return Quantize(w);
    }

    private static List<Example> Featurize(IReadOnlyList<TaskExample> tuning)
    {
        var list = new List<Example>();
        foreach (var e in tuning)
        {
            if (TaskEvaluation.Expected.GetValueOrDefault(e.Category) is not { } label)
            {
                continue;
            }

            var counts = new Dictionary<int, float>();
            var f = new TaskTextFeatures(e.Text, Buckets);
            while (f.MoveNext())
            {
                counts[f.Current] = counts.GetValueOrDefault(f.Current) + 1;
            }

            float norm = f.Words == 0 ? 0 : 1f / MathF.Sqrt(f.Words);
            list.Add(new Example([.. counts.Keys], [.. counts.Values.Select(v => v * norm)], LinearTaskClassifier.ClassOrder.IndexOf(label), e.Group));
        }

        return list;
    }

    private static (float[] W, float[] B) Fit(List<Example> examples)
    {
        int classes = LinearTaskClassifier.ClassOrder.Length;
        var w = new float[Buckets * classes];
        var b = new float[classes];
        var gw = new float[w.Length];
        var gb = new float[classes];
        var perClass = new int[classes];
        foreach (var e in examples)
        {
            perClass[e.Label]++;
        }

        var classWeight = perClass.Select(n => n == 0 ? 0f : (float)examples.Count / (classes * n)).ToArray();
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var rng = new Random(Seed);
        var p = new float[classes];
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (int i in order)
            {
                var e = examples[i];
                for (int c = 0; c < classes; c++)
                {
                    float s = b[c];
                    for (int j = 0; j < e.Buckets.Length; j++)
                    {
                        s += w[(e.Buckets[j] * classes) + c] * e.Values[j];
                    }

                    p[c] = s;
                }

                float max = p.Max(), sum = 0;
                for (int c = 0; c < classes; c++)
                {
                    p[c] = MathF.Exp(p[c] - max);
                    sum += p[c];
                }

                for (int c = 0; c < classes; c++)
                {
                    float g = ((p[c] / sum) - (c == e.Label ? 1 : 0)) * classWeight[e.Label];
                    gb[c] += g * g;
                    b[c] -= LearningRate * g / (MathF.Sqrt(gb[c]) + 1e-6f);
                    for (int j = 0; j < e.Buckets.Length; j++)
                    {
                        int k = (e.Buckets[j] * classes) + c;
                        float gk = (g * e.Values[j]) + (L2 * w[k]);
                        gw[k] += gk * gk;
                        w[k] -= LearningRate * gk / (MathF.Sqrt(gw[k]) + 1e-6f);
                    }
                }
            }
        }

        return (w, b);
    }

    private static int Predict((float[] W, float[] B) model, Example e)
    {
        int classes = model.B.Length, best = 0;
        float bestScore = float.NegativeInfinity;
        for (int c = 0; c < classes; c++)
        {
            float s = model.B[c];
            for (int j = 0; j < e.Buckets.Length; j++)
            {
                s += model.W[(e.Buckets[j] * classes) + c] * e.Values[j];
            }

            if (s > bestScore)
            {
                bestScore = s;
                best = c;
            }
        }

        return best;
    }

    private static byte[] Quantize((float[] W, float[] B) model)
    {
        int classes = model.B.Length;
        var scale = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            float max = 0;
            for (int k = c; k < model.W.Length; k += classes)
            {
                max = Math.Max(max, Math.Abs(model.W[k]));
            }

            scale[c] = max == 0 ? 1 : max / 127f;
        }

        var q = new sbyte[model.W.Length];
        for (int k = 0; k < q.Length; k++)
        {
            q[k] = (sbyte)Math.Clamp(MathF.Round(model.W[k] / scale[k % classes]), -127, 127);
        }

        return LinearTaskClassifier.Serialize(Buckets, scale, model.B, q);
    }

    private sealed record Example(int[] Buckets, float[] Values, int Label, string Group);
}
