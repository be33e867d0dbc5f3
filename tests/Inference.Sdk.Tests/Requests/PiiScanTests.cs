using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Inference.Sdk.Requests;
using Inference.Sdk.Tests.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Requests;

/// <summary>
/// The detection walk scans a short text that repeats within a request once (the detector is pure, so a second scan adds the
/// same kinds); the kinds found are those of scanning every text.
/// </summary>
public class PiiScanTests
{
    [Fact]
    public void Finds_the_kinds_of_every_text_and_scans_each_short_text_once()
    {
        // A small alphabet, so that texts repeat; lengths on both sides of the longest text remembered.
        Gen.String[Gen.Char["ab1 "], 0, PiiScan.MaxRememberedLength + 8].Array[0, 60].Sample(texts =>
        {
            var detector = new CountingDetector();
            using var scan = new PiiScan(detector, AIJsonUtilities.DefaultOptions);
            scan.Read([new ChatMessage(ChatRole.User, [.. texts.Select(t => (AIContent)new TextContent(t))])], null);

            int expectedKinds = texts.Where(t => t.Length > 0).Aggregate(0, (k, t) => k | (1 << (int)CountingDetector.KindOf(t)));
            Assert.Equal(expectedKinds, scan.Kinds);
            var nonEmpty = texts.Where(t => t.Length > 0).ToArray();
            int expectedScans = nonEmpty.Where(t => t.Length <= PiiScan.MaxRememberedLength).Distinct(StringComparer.Ordinal).Count()
                + nonEmpty.Count(t => t.Length > PiiScan.MaxRememberedLength);
            Assert.Equal(expectedScans, detector.Calls);
        }, iter: 2_000);
    }

    [Fact]
    public void Property_names_repeated_over_a_json_list_are_scanned_once_and_a_value_late_in_it_is_still_found()
    {
        var orders = string.Join(",", Enumerable.Range(0, 50).Select(i =>
            $$"""{"order":{{10_000 + i}},"late_days":{{i % 4}},"note":"{{(i == 47 ? "mail jane.doe@example.com" : "on time")}}"}"""));
        var result = JsonDocument.Parse($"[{orders}]").RootElement.Clone();
        var detector = new CountingDetector(PiiDetector.Instance);
        using var scan = new PiiScan(detector, AIJsonUtilities.DefaultOptions);

        scan.Read([new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", result)])], null);

        Assert.Equal(1 << (int)PiiKind.Email, scan.Kinds);
        Assert.Equal(1, detector.Scans("order"));
        Assert.Equal(1, detector.Scans("late_days"));
        Assert.Equal(1, detector.Scans("note"));
        Assert.Equal(1, detector.Scans("on time"));
        Assert.Equal(1, detector.Scans("mail jane.doe@example.com"));
        Assert.Equal(3 + 50 + 4 + 2, detector.Calls); // the names, the order numbers, the late days, the notes
    }

    [Fact]
    public void Once_the_remembered_texts_fill_up_every_text_is_still_scanned()
    {
        var texts = Enumerable.Range(0, 400).Select(i => $"t{i}").ToList();
        texts.Add("reach me at jane.doe@example.com");
        texts.AddRange(texts.Take(400)); // again: past the table's room these are scanned a second time, never skipped unseen
        var detector = new CountingDetector(PiiDetector.Instance);
        using var scan = new PiiScan(detector, AIJsonUtilities.DefaultOptions);

        scan.Read([new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", texts.Cast<object?>().ToList())])], null);

        Assert.Equal(1 << (int)PiiKind.Email, scan.Kinds);
        Assert.True(detector.Calls is > 401 and < 801, $"{detector.Calls} scans");
        Assert.All(texts.Distinct(), t => Assert.InRange(detector.Scans(t), 1, 2));
    }

    [Fact]
    public void A_scan_given_back_and_taken_again_remembers_nothing_of_the_last_request()
    {
        var detector = new CountingDetector(PiiDetector.Instance);
        List<ChatMessage> first = [new(ChatRole.User, "mail jane.doe@example.com"), new(ChatRole.User, "on time")];
        List<ChatMessage> second = [new(ChatRole.User, "on time"), new(ChatRole.User, "on time")];

        using (var scan = PiiScan.Rent(detector, AIJsonUtilities.DefaultOptions))
        {
            scan.Read(first, null);
            Assert.Equal(1 << (int)PiiKind.Email, scan.Kinds);
        }

        for (int request = 0; request < 3; request++)
        {
            using var again = PiiScan.Rent(detector, AIJsonUtilities.DefaultOptions);
            again.Read(second, null);
            Assert.Equal(0, again.Kinds); // the e-mail was the last request's
        }

        Assert.Equal(1 + 3, detector.Scans("on time")); // once per request: remembered within one, forgotten between them
    }

    [Fact]
    public void An_object_tool_result_is_serialized_once_per_decision_and_read_for_pii_from_that_text()
    {
        var customers = new CustomerConverter();
        var json = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { Converters = { customers } };
        json.MakeReadOnly();
        using var router = RouterFixture.Router([RouterFixture.Edge(), RouterFixture.Cloud()], o => o.JsonSerializerOptions = json);
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "Which customer placed order 10017?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "customer_of", new Dictionary<string, object?> { ["order"] = 10017 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", new Customer("Jane Doe", "jane.doe@example.com"))]),
        ];

        var d = router.Plan(messages);

        Assert.Equal([PiiKind.Email], d.PiiKinds);
        Assert.Equal(1, customers.Writes); // counted and read for PII from one text; it was two
    }

    private sealed record Customer(string Name, string Contact);

    private sealed class CustomerConverter : JsonConverter<Customer>
    {
        public int Writes { get; private set; }

        public override Customer Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Customer value, JsonSerializerOptions options)
        {
            Writes++;
            writer.WriteStartObject();
            writer.WriteString("name", value.Name);
            writer.WriteString("contact", value.Contact);
            writer.WriteEndObject();
        }
    }

    private sealed class CountingDetector(IPiiDetector? inner = null) : IPiiDetector
    {
        private readonly Dictionary<string, int> _scans = new(StringComparer.Ordinal);

        public int Calls { get; private set; }

        public static PiiKind KindOf(string text) => (PiiKind)(text.Sum(c => c) % 5);

        public int Scans(string text) => _scans.GetValueOrDefault(text);

        public void Detect(ReadOnlySpan<char> text, ICollection<PiiFinding> findings)
        {
            Calls++;
            string s = text.ToString();
            _scans[s] = Scans(s) + 1;
            if (inner is null)
            {
                findings.Add(new PiiFinding(KindOf(s), 0, text.Length));
            }
            else
            {
                inner.Detect(text, findings);
            }
        }
    }
}
