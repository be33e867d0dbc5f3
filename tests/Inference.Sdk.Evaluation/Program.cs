using System;
using System.IO;
using System.Linq;
using Inference.Sdk.Evaluation;
using Inference.Sdk.Requests;

// dotnet run -c Release --project tests/Inference.Sdk.Evaluation -- [tasks|pii|all|findings] [--examples] [--tune-only]
// Prints the task-type and PII tables for the tuning and the held-out split (docs/routing.md, docs/pii.md show the latest).
string mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
bool examples = args.Contains("--examples");

// --tune-only: print the tuning split alone (while adjusting a rule, so the held-out numbers are not looked at on every try).
string[] splitNames = args.Contains("--tune-only") ? [DataSets.Tune] : [DataSets.Tune, DataSets.HeldOut];

if (mode == "classify")
{
    // Prints what each classifier says about the texts given after the command.
    foreach (string text in args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)))
    {
        Microsoft.Extensions.AI.ChatMessage[] messages = [new(Microsoft.Extensions.AI.ChatRole.User, text)];
        Console.WriteLine($"{LinearTaskClassifier.Instance.Classify(messages, null),-15} {HeuristicTaskClassifier.Instance.Classify(messages, null),-15} {LinearTaskClassifier.Instance.Scores(text)} {text}");
    }

    return 0;
}

if (mode == "detect")
{
    // Prints what the PII detector finds in the texts given after the command.
    foreach (string text in args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)))
    {
        var findings = new System.Collections.Generic.List<PiiFinding>();
        PiiDetector.Instance.Detect(text, findings);
        Console.WriteLine($"{text}: {string.Join(", ", findings.Select(f => $"{f.Kind} '{text.Substring(f.Start, f.Length)}'"))}");
    }

    return 0;
}

if (mode == "scan")
{
    // Prints every PII finding in a JSON Lines file (one JSON string or an object with "text" per line): a look for false
    // positives on texts nobody labelled, such as the task prompts.
    int texts = 0, flagged = 0;
    foreach (string line in File.ReadLines(args[1]).Where(l => l.Length > 0))
    {
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        string text = (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.String ? doc.RootElement : doc.RootElement.GetProperty("text")).GetString()!;
        var findings = new System.Collections.Generic.List<PiiFinding>();
        PiiDetector.Instance.Detect(text, findings);
        texts++;
        flagged += findings.Count > 0 ? 1 : 0;
        foreach (var f in findings)
        {
            Console.WriteLine($"{f.Kind} '{text.Substring(f.Start, f.Length)}' in …{text[Math.Max(0, f.Start - 40)..Math.Min(text.Length, f.Start + f.Length + 40)].ReplaceLineEndings(" ")}…");
        }
    }

    Console.WriteLine($"{flagged} of {texts} texts with a finding");
    return 0;
}

if (mode == "findings")
{
    // Prints every finding on every labelled PII text and every task prompt (id, kind, span, value): diff the output before and
    // after a change to the detector to see exactly what it changed, not only the totals.
    var findings = new System.Collections.Generic.List<PiiFinding>();
    foreach (var (id, text) in DataSets.Pii().Select(e => (e.Id, e.Text)).Concat(DataSets.Tasks().Select(t => (t.Id, t.Text))))
    {
        findings.Clear();
        PiiDetector.Instance.Detect(text, findings);
        foreach (var f in findings.OrderBy(f => f.Start))
        {
            Console.WriteLine($"{id}\t{f.Kind}\t{f.Start}\t{f.Length}\t{text.Substring(f.Start, f.Length).ReplaceLineEndings(" ")}");
        }
    }

    return 0;
}

if (mode == "train")
{
    // Trains on the tuning split only and writes the model the package embeds.
    var tuning = DataSets.Tasks().Where(t => t.Split == DataSets.Tune).ToList();
    byte[] model = TaskModelTrainer.Train(tuning, Console.WriteLine);
    string path = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal)
        ? args[1]
        : Path.Combine(RepositoryRoot(), "src", "Inference.Sdk", "Requests", "task-model.bin");
    File.WriteAllBytes(path, model);
    Console.WriteLine($"wrote {model.Length:N0} bytes to {path}");
    var trained = LinearTaskClassifier.Deserialize(new MemoryStream(model));
    var all = DataSets.Tasks();
    Console.WriteLine(TaskEvaluation.Markdown("LinearTaskClassifier (as trained)", [.. new[] { DataSets.Tune, DataSets.HeldOut }.Select(s => TaskEvaluation.Run(all, s, trained))]));
    return 0;
}

if (mode is "tasks" or "all")
{
    var tasks = DataSets.Tasks();
    foreach (var (name, classifier) in new (string, ITaskClassifier)[] { ("LinearTaskClassifier", LinearTaskClassifier.Instance), ("HeuristicTaskClassifier", HeuristicTaskClassifier.Instance) })
    {
        var splits = splitNames.Select(s => TaskEvaluation.Run(tasks, s, classifier)).ToList();
        Console.WriteLine(TaskEvaluation.Markdown($"{name} ({tasks.Count} prompts)", splits));
    }
}

if (mode is "pii" or "all")
{
    var pii = DataSets.Pii();
    var splits = splitNames.Select(s => PiiEvaluation.Run(pii, s, PiiDetector.Instance, examples)).ToList();
    Console.WriteLine(PiiEvaluation.Markdown($"PiiDetector ({pii.Count} texts)", splits));
    foreach (var line in splits[0].Examples)
    {
        Console.WriteLine(line.ReplaceLineEndings(" "));
    }
}

return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Inference.Sdk.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run the train command from inside the repository (Inference.Sdk.sln was not found above the working directory).");
}
