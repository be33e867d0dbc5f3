using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Testing;

/// <summary>
/// Requests as tool loops send them (Microsoft.Extensions.AI's <c>FunctionInvokingChatClient</c>, Agent Framework): a coding
/// question, the assistant's tool calls, the tools' results, with personal data placed in one content kind at a time; and the
/// issue's 6,600-token request whose text is 23 tokens.
/// </summary>
public static class ToolTraffic
{
    /// <summary>An e-mail address.</summary>
    public const string Email = "jane.doe@example.com";

    /// <summary>A second e-mail address.</summary>
    public const string OtherEmail = "billing@contoso.example.org";

    /// <summary>A UK number from Ofcom's range for drama.</summary>
    public const string Phone = "+44 20 7946 0958";

    /// <summary>The IBAN of the ISO 13616 example.</summary>
    public const string Iban = "DE89 3704 0044 0532 0130 00";

    /// <summary>A published test card number (Visa).</summary>
    public const string Card = "4111111111111111";

    /// <summary>The user's turn: a code task, which the router sends to the cloud when nothing keeps it local.</summary>
    public const string Question = "Write a Python function that reads the customer CSV export and sums the invoice totals per customer, with unit tests.";

    private static readonly string[] CrmFields =
    [
        "first_name", "last_name", "middle_name", "salutation", "job_title", "company", "department", "street", "house_number", "postal_code",
        "city", "region", "country", "billing_street", "billing_city", "billing_postal_code", "billing_country", "vat_id", "tax_exempt", "currency",
        "payment_terms", "credit_limit", "account_manager", "segment", "industry", "employees", "annual_revenue", "website", "preferred_language", "time_zone",
        "newsletter", "marketing_consent", "support_tier", "contract_start", "contract_end", "renewal_notice_days", "lead_source", "rating", "notes", "tags",
    ];

    /// <summary>Gets every value <see cref="Cases"/> place, for asserting none of them leaves.</summary>
    public static IReadOnlyList<string> Values { get; } = [Email, OtherEmail, Phone, Iban, Card];

    /// <summary>A way of placing personal data in one content kind of a tool-loop request.</summary>
    /// <param name="Name">The content kind.</param>
    /// <param name="Messages">The messages.</param>
    /// <param name="Options">The options.</param>
    /// <param name="Value">The value placed.</param>
    public sealed record Case(string Name, List<ChatMessage> Messages, ChatOptions Options, string Value)
    {
        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>The content kinds, each holding one value (or two), in a Code request's tool loop.</summary>
    public static IEnumerable<Case> Cases()
    {
        yield return Loop("system message", system: $"You are a coding assistant. Escalations go to {Email}.");
        yield return Loop("user text, second part", user: [new TextContent(Question), new TextContent($"My account e-mail is {Email}.")]);
        yield return Loop("assistant reasoning", reasoning: $"The customer {Email} asked for totals, so I will look the account up first.");
        yield return Loop("tool-call argument (string)", arguments: new Dictionary<string, object?> { ["email"] = Email });
        yield return Loop("tool-call argument (JSON)", arguments: new Dictionary<string, object?> { ["filter"] = Json($$$"""{"contact":{"emails":["{{{Email}}}"],"active":true}}""") });
        yield return Loop("tool-call argument (nested dictionary and list)", arguments: new Dictionary<string, object?>
        {
            ["filter"] = new Dictionary<string, object?> { ["contacts"] = new List<object?> { "primary", Email }, ["limit"] = 5 },
        });
        yield return Loop("tool-call argument (integer)", arguments: new Dictionary<string, object?> { ["card"] = long.Parse(Card, System.Globalization.CultureInfo.InvariantCulture), ["limit"] = 5 }, value: Card);
        yield return Loop("tool result (string)", result: $"Customer 4711: Jane Doe, {Email}, IBAN {Iban}", value: Email);
        yield return Loop("tool result (JSON)", result: Json($$$"""{"customer":{"id":4711,"email":"{{{Email}}}","iban":"{{{Iban}}}"}}"""), value: Email);
        yield return Loop("tool result (object)", result: new CustomerRecord(4711, "Jane Doe", Email, Phone), value: Phone);
        yield return Loop("tool result (dictionary)", result: new Dictionary<string, object?> { ["phone"] = Phone, ["orders"] = 3 }, value: Phone);
        yield return Loop("tool result (JSON number)", result: Json($$"""{"card":{{Card}},"expires":"12/29"}"""), value: Card);
        yield return Loop("tool result (JSON property name)", result: Json($$$$"""{"byEmail":{"{{{{Email}}}}":{"total":120.5}}}"""));
        yield return Loop("tool message text", toolText: $"lookup_customer returned {Email}");
        yield return Loop("text attachment", user: [new TextContent(Question), new DataContent(Encoding.UTF8.GetBytes($"id,email,total\n4711,{Email},120.50\n"), "text/csv") { Name = "customers.csv" }]);
        yield return Loop("text data URI", user: [new TextContent(Question), new DataContent("data:text/plain;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes($"Send the report to {Email}.")))]);
        yield return Loop("instructions", instructions: $"Answer in English. The account owner is {Email}.");
    }

    /// <summary>The same request shapes without any personal data (the control: these go to the cloud).</summary>
    public static Case Clean() => Loop("no personal data", result: Json("""{"customer":{"id":4711,"orders":3}}"""), value: string.Empty);

    /// <summary>Parses JSON into a detached element.</summary>
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Every string (and number, and property name) a request or response carries, decoded: what a server could read.</summary>
    public static string AllText(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        var sb = new StringBuilder(options?.Instructions).Append('\n');
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent t:
                        sb.Append(t.Text).Append('\n');
                        break;
                    case TextReasoningContent r:
                        sb.Append(r.Text).Append('\n');
                        break;
                    case FunctionCallContent c:
                        sb.Append(c.CallId).Append(' ').Append(c.Name).Append('\n');
                        Strings(JsonSerializer.SerializeToElement(c.Arguments, AIJsonUtilities.DefaultOptions), sb);
                        break;
                    case FunctionResultContent r:
                        sb.Append(r.CallId).Append('\n');
                        Strings(JsonSerializer.SerializeToElement(r.Result, AIJsonUtilities.DefaultOptions), sb);
                        break;
                    case DataContent d:
                        sb.Append(Encoding.UTF8.GetString(d.Data.Span)).Append('\n');
                        break;
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>Every string, number and property name of a JSON text (an HTTP body), decoded, one per line.</summary>
    public static string JsonStrings(string json)
    {
        var sb = new StringBuilder();
        using var document = JsonDocument.Parse(json);
        Strings(document.RootElement, sb);
        foreach (var nested in sb.ToString().Split('\n').Where(s => s.StartsWith('{') || s.StartsWith('[')).ToArray())
        {
            // Tool-call arguments travel as a JSON string inside the JSON body.
            try
            {
                using var inner = JsonDocument.Parse(nested);
                Strings(inner.RootElement, sb);
            }
            catch (JsonException)
            {
            }
        }

        return sb.ToString();
    }

    /// <summary>The request: 23 tokens of text, a tool with a 40-property schema, one call with its arguments and a long result; about 6,600 tokens in all.</summary>
    public static (List<ChatMessage> Messages, ChatOptions Options) CrmRequest()
    {
        var arguments = new Dictionary<string, object?>();
        for (int i = 0; i < CrmFields.Length; i++)
        {
            arguments[CrmFields[i]] = $"value {i} for the {CrmFields[i].Replace('_', ' ')} field of the record";
        }

        var history = new StringBuilder("{\"record\":4711,\"history\":[");
        for (int i = 0; i < 52; i++)
        {
            history.Append(i == 0 ? string.Empty : ",")
                .Append("{\"at\":\"2026-03-").Append((i % 28) + 1).Append("T10:").Append(10 + (i % 50)).Append(":00Z\",")
                .Append("\"field\":\"").Append(CrmFields[i % CrmFields.Length]).Append("\",")
                .Append("\"change\":\"updated by the nightly synchronisation from the billing system after a manual review of the account\",")
                .Append("\"source\":\"crm-sync\",\"ticket\":").Append(10_000 + (i * 37)).Append('}');
        }

        history.Append("]}");
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "Update the customer record with the details from the CRM export and tell me which fields changed."),
            new(ChatRole.Assistant, [new FunctionCallContent("call_crm_1", "update_customer_record", arguments)]),
            new(ChatRole.Tool, [new FunctionResultContent("call_crm_1", Json(history.ToString()))]),
        ];
        return (messages, new ChatOptions { Tools = [CrmTool] });
    }

    /// <summary>Gets a tool with a 40-property parameter schema.</summary>
    public static AIFunctionDeclaration CrmTool { get; } = AIFunctionFactory.CreateDeclaration(
        "update_customer_record",
        "Updates one customer record in the CRM. Every field is optional; fields that are left out keep their current value.",
        Json(CrmSchema()));

    private static string CrmSchema()
    {
        var sb = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        for (int i = 0; i < CrmFields.Length; i++)
        {
            string field = CrmFields[i];
            sb.Append(i == 0 ? string.Empty : ",")
                .Append('"').Append(field).Append("\":{\"type\":\"string\",\"description\":\"The customer's ").Append(field.Replace('_', ' '))
                .Append(" as it should be stored in the CRM; leave it out to keep the current value. Must not exceed 200 characters and is validated against the CRM's field rules before it is saved.\"}");
        }

        return sb.Append("},\"additionalProperties\":false}").ToString();
    }

    private static void Strings(JsonElement e, StringBuilder sb)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                sb.Append(e.GetString()).Append('\n');
                break;
            case JsonValueKind.Number:
                sb.Append(e.GetRawText()).Append('\n');
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    sb.Append(p.Name).Append('\n');
                    Strings(p.Value, sb);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Strings(item, sb);
                }

                break;
        }
    }

    private static Case Loop(
        string name, string system = "You are a coding assistant.", AIContent[]? user = null, string? reasoning = null,
        Dictionary<string, object?>? arguments = null, object? result = null, string? toolText = null, string? instructions = null, string value = Email)
    {
        var assistant = new List<AIContent>();
        if (reasoning is not null)
        {
            assistant.Add(new TextReasoningContent(reasoning));
        }

        assistant.Add(new FunctionCallContent("call_1", "lookup_customer", arguments ?? new Dictionary<string, object?> { ["id"] = 4711 }));
        List<ChatMessage> messages =
        [
            new(ChatRole.System, system),
            new(ChatRole.User, user ?? [new TextContent(Question)]),
            new(ChatRole.Assistant, assistant),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", result ?? "Customer 4711 has 3 open invoices.")]),
        ];
        if (toolText is not null)
        {
            messages.Add(new ChatMessage(ChatRole.Tool, toolText));
        }

        return new Case(name, messages, new ChatOptions { Instructions = instructions }, value);
    }

    /// <summary>A tool result as a plain object: serialized with the configured options.</summary>
    /// <param name="Id">The id.</param>
    /// <param name="Name">The name.</param>
    /// <param name="Email">The e-mail address.</param>
    /// <param name="Phone">The phone number.</param>
    public sealed record CustomerRecord(int Id, string Name, string Email, string Phone);
}
