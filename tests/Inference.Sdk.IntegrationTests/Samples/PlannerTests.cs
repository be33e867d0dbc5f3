using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>Runs samples/Planner as a user would: the seeds' startup scenario in, a ranked table and a break-even SVG out.</summary>
public sealed class PlannerTests : IDisposable
{
    private static readonly string[] Startup = ["--model", "Qwen/Qwen3.5-35B-A3B", "--tokens-per-day", "20000000", "--api-monthly-usd", "8000"];
    private readonly string _folder = Directory.CreateTempSubdirectory("planner-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_startup_scenario_ranks_the_placements_that_fit_by_monthly_cost_with_their_verdicts()
    {
        (int exitCode, string output, string stderr) = await SampleProcess.RunAsync("Planner", Startup);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Today: hosted API $8,000/month = $13.15 per 1M tokens", output, StringComparison.Ordinal);
        string[] rows = [.. output.Split('\n').Where(line => Regex.IsMatch(line, @"^\s*\d+\s{2}"))];
        Assert.Equal(10, rows.Length);

        // The seeds' prices: an A100 on the spot market ($1.05/h) beats the seed's Spheron H100 spot ($1.03/h, but 10-50% on-demand fallback at $2.90).
        Assert.Matches(@"^\s*1\s+market Spot\s+1× A100 80GB\s+BF16 Vllm\s+767-913\s+1\.200\s+48%\s+Rent, pod\s+cheapest that fits", rows[0]);
        Assert.Matches(@"^\s*2\s+Spheron Spot\s+1× H100 SXM5\s+FP8 Vllm\s+888-1,434\s.*Rent, pod\s+\+\$122/month vs #1", rows[1]);
        Assert.Matches(@"^\s*3\s+owned \(buy\)\s+4× H100 SXM5\s+FP8 Vllm\s+984\s", rows[2]);
        decimal[] monthly = [.. rows.Select(r => decimal.Parse(Regex.Match(r, @"\s([\d,]+)(?:-[\d,]+)?\s+\d+\.\d{3}\s").Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture))];
        Assert.Equal(monthly.Order(), monthly);

        // 0.5 SRE ($100k a year) outweighs the $96k API bill; the A100 beats the API from ≈ 1.9 M tokens a day.
        Assert.Contains("stay on the API", output, StringComparison.Ordinal);
        Assert.Contains("market Spot 1× A100 80GB vs API: cheaper from 1.9 M tokens/day", output, StringComparison.Ordinal);
        Assert.Contains("owned 4× H100 SXM5 vs market Spot 1× A100 80GB: owned is cheaper from 35.1 M tokens/day", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chart_is_well_formed_SVG_with_the_three_curves_and_the_crossovers_marked()
    {
        string chart = Path.Combine(_folder, "break-even.svg");

        (int exitCode, string output, string stderr) = await SampleProcess.RunAsync("Planner", [.. Startup, "--chart", chart]);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains(chart, output, StringComparison.Ordinal);
        XDocument svg = XDocument.Load(chart); // throws unless well-formed
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(3, svg.Descendants(ns + "polyline").Count(e => (string?)e.Attribute("class") == "curve"));
        double[] crossovers = [.. svg.Descendants(ns + "g")
            .Where(e => (string?)e.Attribute("class") == "crossover")
            .Select(e => double.Parse((string)e.Attribute("data-tokens-per-day")!, CultureInfo.InvariantCulture))];
        Assert.Equal(3, crossovers.Length);
        Assert.Contains(crossovers, v => v is > 1.8e6 and < 2.0e6);   // rented = API
        Assert.Contains(crossovers, v => v is > 2.4e6 and < 2.6e6);   // owned = API
        Assert.Contains(crossovers, v => v is > 35.0e6 and < 35.2e6); // owned < rented
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "owned < rented at 35.1 M/day");
        Assert.All(svg.Descendants(ns + "circle"), c => Assert.InRange(double.Parse((string)c.Attribute("cx")!, CultureInfo.InvariantCulture), 0, 960));
    }

    [Fact]
    public async Task The_startup_workload_file_shipped_with_the_sample_gives_the_same_ranking()
    {
        string file = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../samples/Planner/startup.json"));

        (int exitCode, string output, string stderr) = await SampleProcess.RunAsync("Planner", ["--workload", file, "--top", "3"]);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Today: hosted API $8,000/month = $13.15 per 1M tokens", output, StringComparison.Ordinal);
        Assert.Matches(@"\n\s*1\s+market Spot\s+1× A100 80GB\s+BF16 Vllm\s+767-913\s", output);
        Assert.Contains("Latency goal: first token within 500 ms", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\n\s*4\s{2}", output);
    }

    [Fact]
    public async Task A_workload_file_is_read_and_options_override_it()
    {
        string file = Path.Combine(_folder, "workload.json");
        await File.WriteAllTextAsync(file, """{ "modelId": "meta-llama/Llama-3.3-70B-Instruct", "inputTokensPerDay": 300000000, "outputTokensPerDay": 100000000, "pattern": "Bursty" }""");

        (int exitCode, string output, string stderr) = await SampleProcess.RunAsync("Planner", ["--workload", file, "--private", "--api-usd-per-mtok", "3"]);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("meta-llama/Llama-3.3-70B-Instruct, 400.0 M tokens/day (300.0 M in, 100.0 M out), Bursty", output, StringComparison.Ordinal);
        Assert.Contains("private: owned hardware only", output, StringComparison.Ordinal);
        Assert.Contains("Today: hosted API $36,500/month = $3.00 per 1M tokens", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Spot", output, StringComparison.Ordinal);
        Assert.Contains("self-hosting wins", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model Qwen/Qwen3.5-35B-A3B --tokens-per-day -5", "--tokens-per-day must be greater than 0, not -5.")]
    [InlineData("--model Qwen/Qwen3.5-35B-A3B --tokens-per-day lots", "'lots' for option '--tokens-per-day' as expected type a number")]
    [InlineData("--model Qwen/Qwen3.5-35B-A3B --tokens-per-day 1000 --peak-to-average 0.5", "--peak-to-average must be at least 1")]
    [InlineData("--model Qwen/Qwen3.5-35B-A3B --tokens-per-day 1000 --pattern Wavy", "'Wavy' for option '--pattern'")]
    [InlineData("--model Qwen/Qwen3.5-35B-A3B", "--requests-per-day or --tokens-per-day is required")]
    [InlineData("--model gpt-9 --tokens-per-day 1000", "--model: unknown model 'gpt-9'")]
    [InlineData("--model meta-llama/Llama-3.1-405B-Instruct --tokens-per-day 1000", "--model: no throughput figure covers")]
    [InlineData("--workload missing.json", "--workload missing.json:")]
    [InlineData("--model meta-llama/Llama-3.1-8B-Instruct --tokens-per-day 1000 --private", "--private: no owned hardware")]
    [InlineData("--model Qwen/Qwen3.5-35B-A3B --tokens-per-day 1000 --api-monthly-usd 0", "--api-monthly-usd must be greater than 0, not 0.")]
    [InlineData("--model Qwen/Qwen3.5-35B-A3B --tokens-per-day 1000 --api-monthly-usd 8000 --api-usd-per-mtok 3", "--api-monthly-usd and --api-usd-per-mtok: give one, not both.")]
    [InlineData("--model Qwen/Qwen3.5-35B-A3B --tokens-per-day 1000 --chart no-such-folder/chart.svg", "--chart: the folder")]
    public async Task Bad_input_prints_one_line_naming_the_option_and_exits_2(string arguments, string expected)
    {
        (int exitCode, string output, string stderr) = await SampleProcess.RunAsync("Planner", arguments.Split(' '), workingDirectory: _folder);

        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("Chart:", output, StringComparison.Ordinal);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
