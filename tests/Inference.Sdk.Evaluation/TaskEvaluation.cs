using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Evaluation;

/// <summary>Per class precision/recall of a task classifier and the share of each category the router plans for the cloud.</summary>
public sealed class TaskEvaluation
{
    /// <summary>The task type each labelled category should get; categories mapped to <see langword="null"/> are reported but not scored.</summary>
    public static readonly IReadOnlyDictionary<string, TaskType?> Expected = new Dictionary<string, TaskType?>
    {
        ["code"] = TaskType.Code,
        ["math"] = TaskType.Reasoning,
        ["reasoning"] = TaskType.Reasoning,
        ["writing"] = TaskType.LongForm,
        ["qa"] = TaskType.ShortAnswer,
        ["classification"] = TaskType.Classification,
        ["extraction"] = TaskType.Classification,
        ["summarization"] = null,
        ["chat"] = null,
    };

    /// <summary>The goal per category (issue 16): the share that must go to the cloud (positive) or stay on the edge (negative).</summary>
    public static readonly IReadOnlyDictionary<string, double> Goals = new Dictionary<string, double>
    {
        ["math"] = 0.90, ["reasoning"] = 0.90, ["code"] = 0.95, ["writing"] = 0.80,
        ["qa"] = -0.85, ["classification"] = -0.85, ["extraction"] = -0.85,
    };

    private static readonly TaskType[] Types = Enum.GetValues<TaskType>();

    private TaskEvaluation(string split) => Split = split;

    public string Split { get; }

    /// <summary>Gets per task type: true positives, false positives, false negatives.</summary>
    public Dictionary<TaskType, (int Tp, int Fp, int Fn)> PerType { get; } = [];

    /// <summary>Gets per category: items, classified into a cloud task type, planned to a cloud target.</summary>
    public SortedDictionary<string, (int N, int ClassifiedCloud, int PlannedCloud)> PerCategory { get; } = new(StringComparer.Ordinal);

    public double MacroF1 => Types.Average(t => F1(PerType.GetValueOrDefault(t)));

    public static TaskEvaluation Run(IEnumerable<TaskExample> examples, string split, ITaskClassifier classifier, IPiiDetector? detector = null)
    {
        var result = new TaskEvaluation(split);
        var options = new HybridRouterOptions();
        using var router = new HybridRouterChatClient(
        [
            new RouteTarget("edge", new NoClient(), TargetTier.Edge, 8192) { ModelId = "llama-3.1-8b-instruct", ExpectedCostUsd = static (_, _) => 0m },
            new RouteTarget("cloud", new NoClient(), TargetTier.CloudPod, 131072) { ModelId = "meta-llama/Llama-3.3-70B-Instruct" },
        ], options, piiDetector: detector, taskClassifier: classifier);

        foreach (var t in Types)
        {
            result.PerType[t] = default;
        }

        foreach (var e in examples.Where(e => e.Split == split))
        {
            List<ChatMessage> messages = [new(ChatRole.User, e.Text)];
            var type = classifier.Classify(messages, null);
            bool planned = router.Plan(messages).Target == "cloud";
            var (n, cc, pc) = result.PerCategory.GetValueOrDefault(e.Category);
            result.PerCategory[e.Category] = (n + 1, cc + (options.CloudTaskTypes.Contains(type) ? 1 : 0), pc + (planned ? 1 : 0));

            if (Expected.GetValueOrDefault(e.Category) is { } expected)
            {
                var (tp, fp, fn) = result.PerType[expected];
                if (type == expected)
                {
                    result.PerType[expected] = (tp + 1, fp, fn);
                }
                else
                {
                    result.PerType[expected] = (tp, fp, fn + 1);
                    var other = result.PerType[type];
                    result.PerType[type] = (other.Tp, other.Fp + 1, other.Fn);
                }
            }
        }

        return result;
    }

    /// <summary>Gets the share of a category that goes where its goal wants it (cloud for positive goals, edge for negative ones).</summary>
    public double GoalShare(string category, bool planned = true)
    {
        var (n, classified, plannedCloud) = PerCategory[category];
        double cloud = (double)(planned ? plannedCloud : classified) / n;
        return Goals[category] >= 0 ? cloud : 1 - cloud;
    }

    public static string Markdown(string title, IReadOnlyList<TaskEvaluation> splits)
    {
        var sb = new StringBuilder();
        sb.Append("#### ").AppendLine(title).AppendLine();
        sb.Append("| task type |");
        foreach (var s in splits)
        {
            sb.Append(" ").Append(s.Split).Append(" precision | recall | F1 |");
        }

        sb.AppendLine().Append("|---|").AppendLine(string.Concat(Enumerable.Repeat("---:|---:|---:|", splits.Count)));
        foreach (var t in Types)
        {
            sb.Append("| ").Append(t).Append(" |");
            foreach (var s in splits)
            {
                var c = s.PerType[t];
                sb.Append($" {Pct(Precision(c))} | {Pct(Recall(c))} | {F1(c):0.00} |");
            }

            sb.AppendLine();
        }

        sb.Append("| **macro-F1** |");
        foreach (var s in splits)
        {
            sb.Append($" | | **{s.MacroF1:0.00}** |");
        }

        sb.AppendLine().AppendLine().Append("| category | goal |");
        foreach (var s in splits)
        {
            sb.Append(" ").Append(s.Split).Append(" n | classified cloud | planned cloud |");
        }

        sb.AppendLine().Append("|---|---|").AppendLine(string.Concat(Enumerable.Repeat("---:|---:|---:|", splits.Count)));
        foreach (var category in splits[0].PerCategory.Keys)
        {
            string goal = Goals.TryGetValue(category, out double g) ? (g >= 0 ? $"cloud ≥ {g:0%}" : $"edge ≥ {-g:0%}") : "—";
            sb.Append("| ").Append(category).Append(" | ").Append(goal).Append(" |");
            foreach (var s in splits)
            {
                var (n, cc, pc) = s.PerCategory.GetValueOrDefault(category);
                sb.Append($" {n} | {Pct(n == 0 ? 0 : (double)cc / n)} | {Pct(n == 0 ? 0 : (double)pc / n)} |");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static double Precision((int Tp, int Fp, int Fn) c) => c.Tp + c.Fp == 0 ? 0 : (double)c.Tp / (c.Tp + c.Fp);

    private static double Recall((int Tp, int Fp, int Fn) c) => c.Tp + c.Fn == 0 ? 0 : (double)c.Tp / (c.Tp + c.Fn);

    private static double F1((int Tp, int Fp, int Fn) c)
    {
        double p = Precision(c), r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static string Pct(double v) => $"{v * 100:0.0} %";

    private sealed class NoClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The evaluation only plans.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The evaluation only plans.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
