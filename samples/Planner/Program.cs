// Inference.Sdk planner: workload in, ranked placements out, and a break-even chart.
//   dotnet run --project samples/Planner -- --model Qwen/Qwen3.5-35B-A3B --tokens-per-day 20000000 --api-monthly-usd 8000 --chart break-even.svg
//   dotnet run --project samples/Planner -- --workload samples/Planner/startup.json --chart break-even.svg
// The planning is the library's (DeploymentPlanner, BreakEven, CostMath, OfferCatalog); this file reads options and prints.
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Planner;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var workloadFile = new Option<FileInfo>("--workload") { Description = "A JSON file with the workload (the Workload record's properties: ModelId, InputTokensPerDay, OutputTokensPerDay, Pattern, ...); options given on the command line override it." };
var model = new Option<string>("--model") { Description = "The model, a Hugging Face id such as Qwen/Qwen3.5-35B-A3B or meta-llama/Llama-3.3-70B-Instruct." };
var requestsPerDay = new Option<long?>("--requests-per-day") { Description = "Requests a day; with --prompt-tokens and --output-tokens gives the token volume." };
var tokensPerDay = new Option<double?>("--tokens-per-day") { Description = "Tokens a day (input + output), split by the --prompt-tokens : --output-tokens ratio." };
var promptTokens = new Option<int>("--prompt-tokens") { Description = "Input tokens per request.", DefaultValueFactory = _ => 750 };
var outputTokens = new Option<int>("--output-tokens") { Description = "Output tokens per request.", DefaultValueFactory = _ => 250 };
var pattern = new Option<TrafficPattern?>("--pattern") { Description = "How traffic arrives: Steady (peak 1.2 × average) or Bursty (3 ×)." };
var peakToAverage = new Option<double?>("--peak-to-average") { Description = "Peak ÷ average throughput the placement must absorb (at least 1); overrides --pattern's default." };
var context = new Option<int?>("--context") { Description = "Context tokens per sequence the engine must hold (memory fit). Default 8192." };
var concurrency = new Option<int?>("--concurrency") { Description = "Sequences served at once (memory fit). Default 8." };
var privacy = new Option<bool>("--private") { Description = "Data must stay on hardware the team owns (PII): only owned placements." };
var latency = new Option<int?>("--ttft-ms") { Description = "Time-to-first-token goal in milliseconds (reported; the throughput tables hold no latency figures)." };
var apiMonthly = new Option<decimal?>("--api-monthly-usd") { Description = "What the workload costs a month on a hosted API today (break-even, self-host verdict)." };
var apiPrice = new Option<decimal?>("--api-usd-per-mtok") { Description = "The hosted API's blended price per million tokens (instead of --api-monthly-usd)." };
var top = new Option<int>("--top") { Description = "Placements to print.", DefaultValueFactory = _ => 10 };
var chart = new Option<FileInfo>("--chart") { Description = "Write the break-even chart (cost a month vs tokens a day: API, rented, owned) to this SVG file." };

const string AboveZero = "greater than 0", ZeroOrMore = "0 or more";
Check(requestsPerDay, v => v > 0, AboveZero);
Check(tokensPerDay, v => v > 0, AboveZero);
Check(promptTokens, v => v >= 0, ZeroOrMore);
Check(outputTokens, v => v >= 0, ZeroOrMore);
Check(context, v => v > 0, AboveZero);
Check(concurrency, v => v > 0, AboveZero);
Check(latency, v => v > 0, AboveZero);
Check(apiMonthly, v => v > 0, AboveZero);
Check(apiPrice, v => v > 0, AboveZero);
Check(top, v => v > 0, AboveZero);
Check(peakToAverage, v => v >= 1, "at least 1 (the peak is never below the average)");

var root = new RootCommand("Ranks where to serve a model (rented GPUs, owned hardware) by what it costs a month, with the seeds' verdicts and a break-even chart.")
{
    workloadFile, model, requestsPerDay, tokensPerDay, promptTokens, outputTokens, pattern, peakToAverage, context, concurrency, privacy, latency, apiMonthly, apiPrice, top, chart,
};
root.SetAction(result =>
{
    Workload workload = BuildWorkload(result);
    IReadOnlyList<Placement> plan = new DeploymentPlanner().Plan(workload);
    if (plan.Count == 0 && workload.RequiresPrivacy)
    {
        throw new UsageException($"--private: no owned hardware the planner knows can serve {workload.ModelId}; drop --private to see rented placements.");
    }

    if (plan.Count == 0)
    {
        throw new UsageException($"--model: no throughput figure covers {workload.ModelId}; the planner knows {string.Join(", ", ThroughputFigure.Defaults.Select(f => f.ModelId).Distinct())}.");
    }

    decimal? api = workload.CurrentApiMonthlyUsd is null ? null : BreakEven.ApiUsdPerMillionTokens(workload);
    var comparison = Comparison.From(workload, plan, api);
    Report.Print(Console.Out, workload, plan, comparison, result.GetValue(top));
    if (result.GetValue(chart) is { } file)
    {
        BreakEvenChart.Write(file.FullName, comparison);
        Console.WriteLine($"Chart: {file.FullName}");
    }

    return 0;
});

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"error: {Friendly(parsed.Errors[0].Message)}");
    return 2;
}

try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is UsageException or ArgumentException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

static void Check<T>(Option<T> option, Func<T, bool> valid, string expected) => option.Validators.Add(r =>
{
    if (r.Implicit || r.Tokens.Count == 0 || !TryGetValue(r, out T? value) || value is null || valid(value))
    {
        return;
    }

    r.AddError($"{option.Name} must be {expected}, not {value}.");
});

Workload BuildWorkload(ParseResult result)
{
    Workload? fromFile = result.GetValue(workloadFile) is { } file ? ReadWorkload(file) : null;
    string modelId = result.GetValue(model) ?? fromFile?.ModelId ?? throw new UsageException("--model is required (or a --workload file with a ModelId).");
    if (!Models.TryGet(modelId, out ModelSpec? spec))
    {
        throw new UsageException($"--model: unknown model '{modelId}'; known: {string.Join(", ", Models.All.Select(m => m.Id))}.");
    }

    int prompt = result.GetValue(promptTokens);
    int output = result.GetValue(outputTokens);
    if (prompt + output == 0)
    {
        throw new UsageException("--prompt-tokens and --output-tokens cannot both be 0.");
    }

    (long input, long outputPerDay) = (result.GetValue(requestsPerDay), result.GetValue(tokensPerDay)) switch
    {
        ({ }, { }) => throw new UsageException("--requests-per-day and --tokens-per-day: give one, not both."),
        ({ } requests, null) => (requests * prompt, requests * output),
        (null, { } tokens) => ((long)Math.Round(tokens * prompt / (prompt + output)), (long)Math.Round(tokens * output / (prompt + output))),
        _ when fromFile is not null => (fromFile.InputTokensPerDay, fromFile.OutputTokensPerDay),
        _ => throw new UsageException("--requests-per-day or --tokens-per-day is required (or a --workload file)."),
    };

    Workload workload = (fromFile ?? new Workload { ModelId = spec.Id, InputTokensPerDay = 0, OutputTokensPerDay = 0 }) with
    {
        ModelId = spec.Id,
        InputTokensPerDay = input,
        OutputTokensPerDay = outputPerDay,
    };
    workload = workload with
    {
        Pattern = result.GetValue(pattern) ?? workload.Pattern,
        PeakToAverage = result.GetValue(peakToAverage) ?? workload.PeakToAverage,
        ContextTokens = result.GetValue(context) ?? workload.ContextTokens,
        ConcurrentSequences = result.GetValue(concurrency) ?? workload.ConcurrentSequences,
        RequiresPrivacy = result.GetValue(privacy) || workload.RequiresPrivacy,
        TimeToFirstTokenGoal = result.GetValue(latency) is { } ms ? TimeSpan.FromMilliseconds(ms) : workload.TimeToFirstTokenGoal,
    };

    if (workload.TokensPerDay <= 0)
    {
        throw new UsageException("--tokens-per-day: the workload has no tokens a day.");
    }

    return (result.GetValue(apiMonthly), result.GetValue(apiPrice)) switch
    {
        ({ }, { }) => throw new UsageException("--api-monthly-usd and --api-usd-per-mtok: give one, not both."),
        ({ } bill, null) => workload with { CurrentApiMonthlyUsd = bill },
        (null, { } price) => workload with { CurrentApiMonthlyUsd = BreakEven.ApiMonthlyUsd(price, workload.TokensPerDay) },
        _ => workload,
    };
}

// One line, with "a number" instead of "System.Nullable`1[System.Double]".
static string Friendly(string message) => System.Text.RegularExpressions.Regex.Replace(
    message.ReplaceLineEndings(" "),
    @"'(?:System\.Nullable`1\[)?System\.(\w+)\]?'",
    m => m.Groups[1].Value switch { "Int32" or "Int64" => "a whole number", "Double" or "Decimal" => "a number", "Boolean" => "true or false", _ => m.Value });

// A value that does not convert is reported by the parser itself; the range checks only look at values that do.
static bool TryGetValue<T>(System.CommandLine.Parsing.OptionResult result, out T? value)
{
    try
    {
        value = result.GetValueOrDefault<T>();
        return true;
    }
    catch (InvalidOperationException)
    {
        value = default;
        return false;
    }
}

static Workload ReadWorkload(FileInfo file)
{
    var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    try
    {
        using FileStream stream = file.OpenRead();
        return JsonSerializer.Deserialize<Workload>(stream, json) ?? throw new UsageException($"--workload {file.Name}: the file holds null, not a workload.");
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        throw new UsageException($"--workload {file.Name}: {ex.Message}");
    }
    catch (JsonException ex)
    {
        throw new UsageException($"--workload {file.Name}: {ex.Message}");
    }
}
