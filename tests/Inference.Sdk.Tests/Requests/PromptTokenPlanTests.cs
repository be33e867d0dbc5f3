using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Inference.Sdk.Routing.Policy;
using Inference.Sdk.Testing;
using Inference.Sdk.Tokens;
using Inference.Sdk.Tests.Routing;
using Microsoft.Extensions.AI;
using static Inference.Sdk.Tests.Routing.RouterFixture;

namespace Inference.Sdk.Tests.Requests;

/// <summary>
/// The router counts prompt tokens only as far as a decision needs them. These tests pin that every threshold
/// comparison (edge budget, context window) comes out exactly as with a full count by every target's tokenizer.
/// </summary>
public class PromptTokenPlanTests
{
    private const int Output = 256;

    private static RouteTarget Api(string name = "api", int window = 128000, Func<int, int, decimal>? cost = null) =>
        new(name, new FakeChatClient(name), TargetTier.HostedApi, window) { ModelId = "gpt-4o-mini", ExpectedCostUsd = cost };

    private static PromptText P(List<ChatMessage> messages) => PromptText.Read(messages, null, AIJsonUtilities.DefaultOptions);

    private static int Exact(RouteTarget target, List<ChatMessage> messages, ChatOptions? options = null)
    {
        var prompt = PromptText.Read(messages, options, AIJsonUtilities.DefaultOptions);
        return TokenCounter.For(target.Tokenizer, target.ModelId).Count(prompt) + (int)ImageTokenRule.ForContext(target.ModelId, target.TokensPerImage).Estimate(prompt.Images);
    }

    [Fact]
    public void A_prompt_exactly_at_the_edge_budget_stays_on_the_edge_and_one_token_over_goes_to_the_cloud()
    {
        var messages = Ask(Prose(1500));
        int exact = Exact(Edge(), messages);
        Assert.True(Encoding.UTF8.GetByteCount(messages[0].Text) > exact + Output, "the bound must not decide this case alone");

        using var at = Router([Edge(), Cloud()], o => o.EdgeTokenThreshold = exact + Output);
        using var over = Router([Edge(), Cloud()], o => o.EdgeTokenThreshold = exact + Output - 1);

        var under = at.Plan(messages);
        var above = over.Plan(messages);

        Assert.Equal(("edge", RouteRule.Default, exact), (under.Target, under.Rule, under.PromptTokens));
        Assert.Equal(("cloud", RouteRule.TokenBudget, exact), (above.Target, above.Rule, above.PromptTokens));
    }

    [Fact]
    public void A_prompt_exactly_filling_a_context_window_is_sent_there_and_one_token_more_is_rejected()
    {
        var messages = Ask(Prose(3000));
        int exact = Exact(Api(), messages);

        using var fits = Router([Api(window: exact + Output), Cloud()]);
        using var tooBig = Router([Api(window: exact + Output - 1), Cloud()]);

        var fitted = fits.Plan(messages);
        var rejected = tooBig.Plan(messages);

        Assert.Equal(("api", exact, false), (fitted.Target, fitted.PromptTokens, fitted.PromptTokensEstimated));
        Assert.Equal("cloud", rejected.Target);
        var why = Assert.Single(rejected.Rejected);
        Assert.Equal(("api", RouteRule.ContextWindow), (why.Target, why.Rule));
        Assert.Contains($"prompt {exact} + output {Output}", why.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_whose_bytes_fit_every_threshold_is_not_counted_and_its_count_is_flagged_as_an_estimate()
    {
        var messages = Ask("What is the capital of France?");
        using var router = Router([Api()]);

        var d = router.Plan(messages);

        Assert.Equal("api", d.Target);
        Assert.True(d.PromptTokensEstimated);
        Assert.InRange(d.PromptTokens, 1, TokenCounter.Utf8Bound(P(messages)));
    }

    [Fact]
    public void Tool_definitions_enter_both_bounds_at_their_count_so_a_tool_turn_far_under_a_window_is_not_counted()
    {
        var (messages, options) = ToolTraffic.CrmRequest();
        var prompt = PromptText.Read(messages, options, AIJsonUtilities.DefaultOptions);
        var counter = TokenCounter.ForModel("gpt-4o-mini");
        long tools = prompt.Tools.Sum(t => counter.CountText(t.Text));
        long textBound = prompt.Texts.Sum(counter.BoundOf);
        long textLower = TokenCounter.TextLowerBound(prompt);

        Assert.Equal(prompt.Overhead + tools + textBound, counter.Bound(prompt));
        Assert.Equal(prompt.Overhead + tools + textLower, counter.LowerBound(prompt, textLower));
        long schemaBound = prompt.Overhead + prompt.Tools.Sum(t => counter.BoundOf(t.Text)) + textBound;
        Assert.True(schemaBound > counter.Bound(prompt) + 1, "a bound read from the schemas' text would reach the window");

        // The window is one token past the bound: no count can cross it, so none is made.
        using var router = Router([Api(window: (int)counter.Bound(prompt) + 1 + Output)]);
        var d = router.Plan(messages, new ChatOptions { Tools = options.Tools, MaxOutputTokens = Output });

        Assert.Equal("api", d.Target);
        Assert.True(d.PromptTokensEstimated);
        Assert.InRange(d.PromptTokens, counter.LowerBound(prompt, textLower), counter.Bound(prompt));
    }

    [Fact]
    public void An_uncounted_target_borrows_the_count_another_tokenizer_made_of_the_same_prompt()
    {
        var messages = Ask(Prose(2500));
        using var router = Router([Edge(), Api()], o => o.EdgeTokenThreshold = 1024);

        var f = router.Reader.Read(messages, null);

        Assert.Equal(Exact(Edge(), messages), f.PromptTokens[0]);
        Assert.Equal(f.PromptTokens[0], f.PromptTokens[1]);
        Assert.True(f.PromptTokensEstimated[1]);
    }

    [Fact]
    public void A_known_budget_remainder_gets_exact_counts_for_the_costs_it_compares()
    {
        var messages = Ask(Prose(400));
        var budget = new FixedBudget(new BudgetStatus { RemainingUsd = 1m });
        using var router = Router([Api(cost: static (i, o) => (i + o) / 1_000_000m)], budgets: budget);

        var d = router.Plan(messages);

        Assert.Equal((Exact(Api(), messages), false), (d.PromptTokens, d.PromptTokensEstimated));
    }

    [Fact]
    public void A_prompt_far_past_every_window_stops_counting_and_is_refused_with_a_count_over_the_window()
    {
        var messages = Ask(Prose(40_000));
        using var router = Router([Api(window: 8192), Edge(window: 4096)]);

        var d = router.Plan(messages);

        Assert.Null(d.Target);
        Assert.All(d.Rejected, r => Assert.Equal(RouteRule.ContextWindow, r.Rule));
        Assert.True(d.PromptTokens > 8192 - Output);
    }

    /// <summary>
    /// Property: the bound the router trusts is never below the exact count of either byte-level tokenizer, over texts
    /// built from pieces chosen to stress the pre-tokenizers (contractions, case changes, runs of spaces, newlines,
    /// digits, punctuation, non-ASCII), and is well under the byte count for English.
    /// </summary>
    [Fact]
    public void The_bound_is_never_below_the_exact_count_and_well_under_the_bytes_for_english()
    {
        string[] pieces =
        [
            "the ", "quiet ", "river", "'s ", "don't", "we're", "they'll", "'ve", "I'm ", "'d", "'stop", "it'sx", "'LLama", "camelCase",
            "HTTPServer", "ABCdef", "aB", "xyz", "qzj", "  ", "   x", "\n", "\r\n", "\t", " \n x", "12345", "3.14", ", ", ". ", "?!", "(a)",
            "((a", "é", "naïve", "東京", "🙂", "zzzzzzzz", "aaaaaaaaaaaa", "<|endoftext|>", " a", "Z", "mississippi", "supercalifragilistic",
        ];
        var cl100k = TokenCounter.ForModel("gpt-4");
        var o200k = TokenCounter.ForModel("gpt-4o");
        var random = new Random(99);
        for (int round = 0; round < 400; round++)
        {
            var text = new StringBuilder();
            int count = random.Next(1, 60);
            for (int p = 0; p < count; p++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var messages = Ask(text.ToString());
            Assert.True(cl100k.Bound(P(messages)) >= cl100k.Count(P(messages)), $"cl100k bound below the count for '{text}'");
            Assert.True(o200k.Bound(P(messages)) >= o200k.Count(P(messages)), $"o200k bound below the count for '{text}'");
        }

        var english = Ask(Prose(1000));
        Assert.InRange(cl100k.Bound(P(english)), cl100k.Count(P(english)), TokenCounter.Utf8Bound(P(english)) * 4 / 5);
    }

    /// <summary>
    /// Property: over prompts of many sizes and scripts (English, code, CJK, emoji) and thresholds placed around the
    /// exact counts, the decision equals the policy's decision on features counted in full by every target's tokenizer.
    /// </summary>
    [Fact]
    public void Decisions_equal_those_made_with_full_counts_around_every_threshold()
    {
        string[] alphabet =
        [
            "the quiet river runs past the old mill ", "public static int Main(string[] args) { return 0; } ", "東京の天気は晴れです。",
            "🙂🚀 ", "12,345.67 ", "\n\n", "naïve café résumé ", "\t  ",
        ];
        var random = new Random(9);
        int cases = 0;
        for (int round = 0; round < 60; round++)
        {
            var text = new StringBuilder();
            int pieces = random.Next(1, 400);
            for (int p = 0; p < pieces; p++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            List<ChatMessage> messages = [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, text.ToString())];
            int edgeExact = Exact(Edge(), messages);
            int apiExact = Exact(Api(), messages);
            foreach (int delta in new[] { -1, 0, 1 })
            {
                foreach (int output in new[] { 1, Output })
                {
                    int edgeBudget = Math.Max(1, edgeExact + output + delta);
                    int apiWindow = Math.Max(1, apiExact + output + delta);
                    var targets = new[] { Edge(window: Math.Max(1, edgeExact + output - delta)), Api(window: apiWindow), Cloud(window: Math.Max(1, edgeExact + output + (2 * delta))) };
                    var options = new HybridRouterOptions { EdgeTokenThreshold = edgeBudget };
                    var chat = new ChatOptions { MaxOutputTokens = output };
                    using var router = new HybridRouterChatClient(targets, options);

                    var actual = router.Plan(messages, chat);
                    var expected = FullCountDecision(router, targets, options, messages, chat);

                    AssertSameDecision(expected, actual);
                    cases++;
                }
            }
        }

        Assert.Equal(360, cases);
    }

    [Fact]
    public async Task The_issues_tool_request_skips_a_4096_token_edge_before_any_call()
    {
        var (messages, options) = ToolTraffic.CrmRequest();
        var edge = new FakeChatClient("edge");
        var cloud = new FakeChatClient("cloud");
        using var router = Router([Edge(window: 4096, client: edge), Cloud(client: cloud)]);

        var response = await router.GetResponseAsync(messages, options);

        var d = (RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal("cloud", d.ServedBy);
        Assert.Contains(d.Rejected, r => r is { Target: "edge", Rule: RouteRule.ContextWindow });
        Assert.Equal(0, edge.Calls);
        Assert.Single(d.Attempts);
        Assert.InRange(d.PromptTokens, 6_000, 7_500);

        // Text alone (what was counted before) fits the edge.
        var textOnly = router.Plan([messages[0]]);
        Assert.DoesNotContain(textOnly.Rejected, r => r.Target == "edge");
    }

    /// <summary>
    /// Property: tool traffic (tool definitions, calls, results of many sizes) and images: decisions equal those made with full
    /// counts, including where the lower bound decides without a count.
    /// </summary>
    [Fact]
    public void Decisions_with_tool_traffic_and_images_equal_those_made_with_full_counts()
    {
        var random = new Random(15);
        byte[] jpeg = System.IO.File.ReadAllBytes(Fixtures.Path("images/litellm-1000x257.jpg"));
        int cases = 0, decidedByBounds = 0;
        for (int round = 0; round < 40; round++)
        {
            var (crm, crmOptions) = ToolTraffic.CrmRequest();
            var result = new StringBuilder("[");
            int rows = random.Next(0, 120);
            for (int r = 0; r < rows; r++)
            {
                result.Append(r == 0 ? "" : ",").Append("{\"id\":").Append(random.Next(100000)).Append(",\"note\":\"").Append(Prose(random.Next(1, 30))).Append("\"}");
            }

            List<ChatMessage> messages =
            [
                crm[0],
                new(ChatRole.Assistant, [new FunctionCallContent("c1", "search", new Dictionary<string, object?> { ["query"] = Prose(random.Next(1, 40)) })]),
                new(ChatRole.Tool, [new FunctionResultContent("c1", ToolTraffic.Json(result.Append(']').ToString()))]),
            ];
            if (random.Next(3) == 0)
            {
                messages.Add(new ChatMessage(ChatRole.User, [new TextContent("And this?"), new DataContent(jpeg, "image/jpeg")]));
            }

            var chat = new ChatOptions { MaxOutputTokens = Output, Tools = random.Next(2) == 0 ? crmOptions.Tools : null, Instructions = random.Next(2) == 0 ? "Be brief." : null };
            var probe = new[] { Edge(), Api(), Cloud() };
            int edgeExact = Exact(probe[0], messages, chat);
            int apiExact = Exact(probe[1], messages, chat);
            foreach (int delta in new[] { -1, 0, 1, 300, -300 })
            {
                var targets = new[] { Edge(window: Math.Max(1, edgeExact + Output - delta)), Api(window: Math.Max(1, apiExact + Output + delta)), Cloud() };
                var options = new HybridRouterOptions { EdgeTokenThreshold = Math.Max(1, edgeExact + Output + delta) };
                using var router = new HybridRouterChatClient(targets, options);

                var actual = router.Plan(messages, chat);
                var expected = FullCountDecision(router, targets, options, messages, chat);

                AssertSameDecision(expected, actual);
                decidedByBounds += actual.PromptTokensEstimated ? 1 : 0;
                cases++;
            }
        }

        Assert.Equal(200, cases);
        Assert.True(decidedByBounds > 0, "some decisions were made by the bounds alone");
    }

    private static void AssertSameDecision(RouteDecision expected, RouteDecision actual)
    {
        Assert.Equal(expected.Target, actual.Target);
        Assert.Equal(expected.Rule, actual.Rule);
        Assert.Equal(expected.Fallbacks, actual.Fallbacks);
        Assert.Equal(expected.Rejected.Select(r => (r.Target, r.Rule)), actual.Rejected.Select(r => (r.Target, r.Rule)));
    }

    private static RouteDecision FullCountDecision(HybridRouterChatClient router, RouteTarget[] targets, HybridRouterOptions options, List<ChatMessage> messages, ChatOptions chat)
    {
        var f = router.Reader.Read(messages, chat);
        var full = new RequestFeatures
        {
            PromptTokens = Array.ConvertAll(targets, t => Exact(t, messages, chat)),
            PromptTokensEstimated = Array.ConvertAll(targets, t => TokenCounter.For(t.Tokenizer, t.ModelId).IsEstimate),
            OutputTokens = f.OutputTokens,
            PiiKinds = f.PiiKinds,
            TaskType = f.TaskType,
            Budget = f.Budget,
        };
        var snapshots = Array.ConvertAll(targets, t => new TargetSnapshot(t, 0, false, true, null, null));
        return RoutePolicy.Decide(full, snapshots, targets, options);
    }
}
