using System;
using System.Linq;
using Inference.Sdk.Evaluation;
using Inference.Sdk.Routing;

// dotnet run -c Release --project tests/Inference.Sdk.Evaluation -- [tasks|pii|all] [--examples]
// Prints the task-type and PII tables for the tuning and the held-out split (docs/routing.md, docs/pii.md show the latest).
string mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
bool examples = args.Contains("--examples");

if (mode is "tasks" or "all")
{
    var tasks = DataSets.Tasks();
    foreach (var (name, classifier) in new (string, ITaskClassifier)[] { ("HeuristicTaskClassifier", HeuristicTaskClassifier.Instance) })
    {
        var splits = new[] { DataSets.Tune, DataSets.HeldOut }.Select(s => TaskEvaluation.Run(tasks, s, classifier)).ToList();
        Console.WriteLine(TaskEvaluation.Markdown($"{name} ({tasks.Count} prompts)", splits));
    }
}

if (mode is "pii" or "all")
{
    var pii = DataSets.Pii();
    var splits = new[] { DataSets.Tune, DataSets.HeldOut }.Select(s => PiiEvaluation.Run(pii, s, PiiDetector.Instance, examples)).ToList();
    Console.WriteLine(PiiEvaluation.Markdown($"PiiDetector ({pii.Count} texts)", splits));
    foreach (var line in splits[0].Examples)
    {
        Console.WriteLine(line.ReplaceLineEndings(" "));
    }
}

return 0;
