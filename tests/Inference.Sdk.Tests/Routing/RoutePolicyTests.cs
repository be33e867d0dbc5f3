using System;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using static Inference.Sdk.Tests.Routing.RouterFixture;

namespace Inference.Sdk.Tests.Routing;

public class RoutePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Short_chat_stays_on_the_edge_by_default()
    {
        using var router = Router([Cloud(), Edge()]);

        var d = router.Plan(Ask("What is the capital of France?"));

        Assert.Equal("edge", d.Target);
        Assert.Equal(RouteRule.Default, d.Rule);
        Assert.Equal(["cloud"], d.Fallbacks);
        Assert.Equal(TaskType.ShortAnswer, d.TaskType);
        Assert.Empty(d.PiiKinds);
    }

    [Fact]
    public void Pii_forces_local_even_for_a_cloud_task()
    {
        using var router = Router([Cloud(), Edge()]);

        var d = router.Plan(Ask("Write a Python function that e-mails anna.schmidt@example.de every morning."));

        Assert.Equal("edge", d.Target);
        Assert.Equal(RouteRule.Pii, d.Rule);
        Assert.Equal([PiiKind.Email], d.PiiKinds);
        Assert.Empty(d.Fallbacks);
        var rejected = Assert.Single(d.Rejected);
        Assert.Equal(("cloud", RouteRule.Pii), (rejected.Target, rejected.Rule));
        Assert.DoesNotContain(d.Reasons, r => r.Contains("anna.schmidt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hard_negative_does_not_trigger_the_pii_rule()
    {
        using var router = Router([Cloud(), Edge()]);

        var d = router.Plan(Ask("Write a Python function that looks up order ORD-2024-000123 (ISBN 978-3-16-148410-0)."));

        Assert.Equal("cloud", d.Target);
        Assert.Equal(RouteRule.TaskType, d.Rule);
        Assert.Empty(d.PiiKinds);
    }

    [Fact]
    public void Pii_with_a_long_prompt_stays_local_when_the_edge_context_holds_it()
    {
        using var router = Router([Cloud(), Edge(window: 32768)], o => o.EdgeTokenThreshold = 2048);

        var d = router.Plan(Ask(Prose(6000) + " call me at +49 30 1234 5678"));

        Assert.Equal("edge", d.Target);
        Assert.Equal(RouteRule.Pii, d.Rule);
        Assert.True(d.PromptTokens > 2048);
    }

    [Fact]
    public async Task Pii_with_a_prompt_the_edge_cannot_hold_is_refused_and_never_sent_to_the_cloud()
    {
        var cloud = new FakeChatClient("cloud");
        using var router = Router([Cloud(client: cloud), Edge(window: 4096)]);
        var messages = Ask(Prose(6000) + " my card is 4111 1111 1111 1111");

        var plan = router.Plan(messages);
        var ex = await Assert.ThrowsAsync<RouteRefusedException>(() => router.GetResponseAsync(messages));

        Assert.Null(plan.Target);
        Assert.Contains(plan.Rejected, r => r is { Target: "cloud", Rule: RouteRule.Pii });
        Assert.Contains(plan.Rejected, r => r is { Target: "edge", Rule: RouteRule.ContextWindow });
        Assert.Contains("'edge' rejected by ContextWindow", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'cloud' rejected by Pii", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, cloud.Calls);
        Assert.NotNull(ex.Decision);
    }

    [Fact]
    public async Task Pii_policy_refuse_refuses_without_calling_anything()
    {
        var edge = new FakeChatClient("edge");
        using var router = Router([Edge(client: edge)], o => o.PiiPolicy = PiiPolicy.Refuse);

        var ex = await Assert.ThrowsAsync<RouteRefusedException>(() => router.GetResponseAsync(Ask("My SSN is 123-45-6789")));

        Assert.Contains("Refuse", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("6789", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, edge.Calls);
    }

    [Fact]
    public async Task Pii_policy_redact_sends_numbered_placeholders_to_the_cloud()
    {
        var cloud = new FakeChatClient("cloud");
        using var router = Router([Edge(), Cloud(client: cloud)], o => o.PiiPolicy = PiiPolicy.Redact);

        var response = await router.GetResponseAsync(Ask("Write a Python script that pays IBAN DE89 3704 0044 0532 0130 00 and mails bob@example.com"));

        var sent = Assert.Single(cloud.Received).Single().Text;
        Assert.Equal("Write a Python script that pays IBAN [IBAN_1] and mails [EMAIL_1]", sent);
        var d = Assert.IsType<RouteDecision>(response.AdditionalProperties![InferencePropertyNames.RouteDecision]);
        Assert.True(d.Redacted);
        Assert.Equal("cloud", d.ServedBy);
        Assert.Equal(RouteRule.TaskType, d.Rule);
    }

    [Fact]
    public void A_local_only_data_classification_keeps_the_request_on_the_edge()
    {
        using var router = Router([Cloud(), Edge()]);

        var d = router.Plan(Ask("Write a sorting function in C#."), Hints((InferencePropertyNames.DataClassification, "Confidential")));
        var open = router.Plan(Ask("Write a sorting function in C#."), Hints((InferencePropertyNames.DataClassification, "public")));

        Assert.Equal(("edge", RouteRule.Pii), (d.Target, d.Rule));
        Assert.Equal(("cloud", RouteRule.TaskType), (open.Target, open.Rule));
    }

    [Fact]
    public void Prompt_plus_output_over_the_edge_budget_goes_to_the_cloud()
    {
        using var router = Router([Edge(), Cloud()], o => o.EdgeTokenThreshold = 1024);

        var over = router.Plan(Ask(Prose(900)), new ChatOptions { MaxOutputTokens = 200 });
        var under = router.Plan(Ask(Prose(700)), new ChatOptions { MaxOutputTokens = 200 });

        Assert.Equal(("cloud", RouteRule.TokenBudget), (over.Target, over.Rule));
        Assert.Equal(200, over.OutputTokens);
        Assert.Equal(("edge", RouteRule.Default), (under.Target, under.Rule));
        Assert.True(under.PromptTokens + 200 <= 1024);
    }

    [Fact]
    public void A_smaller_context_the_engine_reports_is_the_one_decisions_use_and_never_more_than_configured()
    {
        using var router = Router([Edge("small", window: 8192), Edge("large", window: 131072)]);

        var before = router.Plan(Ask(Prose(600)));
        router.ReportContextWindow("small", 512);
        var served = router.Plan(Ask(Prose(600)));
        var fits = router.Plan(Ask(Prose(100)));
        router.ReportContextWindow("small", 1_000_000); // the engine restarted with more than the target was configured for
        var again = router.Plan(Ask(Prose(600)));

        Assert.Equal("small", before.Target);
        Assert.Equal(("large", RouteRule.ContextWindow), (served.Target, served.Rule));
        Assert.Contains(served.Rejected, r => r is { Target: "small", Rule: RouteRule.ContextWindow } && r.Reason.StartsWith("context window 512 < ", StringComparison.Ordinal));
        Assert.Equal("small", fits.Target);
        Assert.Equal("small", again.Target);
        Assert.Equal((8192, 8192), (router.Targets[0].ContextWindow, router.Targets[0].ConfiguredContextWindow));
        Assert.Throws<ArgumentOutOfRangeException>(() => router.ReportContextWindow("small", 0));
    }

    [Fact]
    public void A_target_whose_context_cannot_hold_the_request_is_never_chosen()
    {
        using var router = Router([Edge("small", window: 512), Edge("large", window: 8192)]);

        var d = router.Plan(Ask(Prose(600)));
        var fits = router.Plan(Ask(Prose(100)));

        Assert.Equal(("large", RouteRule.ContextWindow), (d.Target, d.Rule));
        Assert.Contains(d.Rejected, r => r is { Target: "small", Rule: RouteRule.ContextWindow });
        Assert.Equal(("small", RouteRule.Default), (fits.Target, fits.Rule));
    }

    [Theory]
    [InlineData("Write a Python function that parses ISO dates.", TaskType.Code)]
    [InlineData("A train travels 60 km in 45 minutes. At the same speed, how long does it take to travel 200 km?", TaskType.Reasoning)]
    [InlineData("Write an essay about the history of the printing press.", TaskType.LongForm)]
    public void Cloud_task_types_go_to_the_cloud(string prompt, TaskType type)
    {
        using var router = Router([Edge(), Cloud()]);

        var d = router.Plan(Ask(prompt));

        Assert.Equal(type, d.TaskType);
        Assert.Equal(("cloud", RouteRule.TaskType), (d.Target, d.Rule));
    }

    [Theory]
    [InlineData("Is this review positive or negative? Review: The battery died after two days and support never answered.", TaskType.Classification)]
    [InlineData("What time zone is Lisbon in?", TaskType.ShortAnswer)]
    public void Edge_task_types_stay_on_the_edge(string prompt, TaskType type)
    {
        using var router = Router([Cloud(), Edge()]);

        var d = router.Plan(Ask(prompt));

        Assert.Equal(type, d.TaskType);
        Assert.Equal(("edge", RouteRule.Default), (d.Target, d.Rule));
    }

    [Fact]
    public void Cloud_task_types_are_configurable()
    {
        using var router = Router([Edge(), Cloud()], o => o.CloudTaskTypes.Clear());

        Assert.Equal("edge", router.Plan(Ask("Write a Python function that parses ISO dates.")).Target);
    }

    [Fact]
    public void Targets_lacking_a_required_tag_are_never_chosen()
    {
        var eu = new RouteTarget("eu-api", new FakeChatClient("eu-api"), TargetTier.HostedApi, 131072) { Tags = ["EU", "hipaa"], ExpectedCostUsd = static (_, _) => 1m };
        using var router = Router([Cloud(), eu]);
        var code = Ask("Write a Rust function that adds two numbers.");

        var d = router.Plan(code, Hints((InferencePropertyNames.RequiredTags, "hipaa, eu")));
        var list = router.Plan(code, Hints((InferencePropertyNames.RequiredTags, new[] { "gdpr" })));
        var none = router.Plan(code);

        Assert.Equal(("eu-api", RouteRule.TaskType), (d.Target, d.Rule));
        Assert.Contains(d.Rejected, r => r is { Target: "cloud", Rule: RouteRule.Residency } && r.Reason.Contains("hipaa", StringComparison.Ordinal));
        Assert.Null(list.Target);
        Assert.Equal("cloud", none.Target);
    }

    [Fact]
    public void Residency_is_the_deciding_rule_when_it_excludes_the_first_choice()
    {
        var eu = Edge("edge-eu") is var t ? new RouteTarget("edge-eu", t.Client, TargetTier.Edge, 8192) { Tags = ["eu"] } : null!;
        using var router = Router([Edge(), eu]);

        var d = router.Plan(Ask("Hello"), Hints((InferencePropertyNames.RequiredTags, "eu")));

        Assert.Equal(("edge-eu", RouteRule.Residency), (d.Target, d.Rule));
    }

    [Theory]
    [InlineData(0, 0.95, "api", RouteRule.Saturation)]
    [InlineData(9, 0.10, "api", RouteRule.Saturation)]
    [InlineData(2, 0.85, "cloud", RouteRule.TaskType)]
    public void A_saturated_steady_target_overflows_to_the_next_tier(int queued, double kv, string expected, RouteRule rule)
    {
        var pod = Cloud("cloud", perMillion: 0.1m);
        var api = new RouteTarget("api", new FakeChatClient("api"), TargetTier.HostedApi, 131072) { ExpectedCostUsd = (i, o) => (i + o) * 3m / 1_000_000m };
        using var router = Router([Edge(), pod, api]);
        router.ReportLoad("cloud", new EngineLoad(queued, 30, kv, null, null, Now));

        var d = router.Plan(Ask("Write a Go function that reverses a slice."));

        Assert.Equal((expected, rule), (d.Target, d.Rule));
        if (rule == RouteRule.Saturation)
        {
            Assert.Equal("cloud", d.Fallbacks[^1]);
            Assert.Contains(d.Reasons, r => r.StartsWith("'cloud' saturated", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_target_at_its_concurrency_limit_overflows()
    {
        var release = new TaskCompletionSource();
        var edgeClient = new FakeChatClient("edge", async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"));
        });
        var edge = new RouteTarget("edge", edgeClient, TargetTier.Edge, 8192) { MaxConcurrency = 1 };
        using var router = Router([edge, Cloud()]);

        var first = router.GetResponseAsync(Ask("Hi"));
        var during = router.Plan(Ask("Hi"));
        release.SetResult();
        await first;
        var after = router.Plan(Ask("Hi"));

        Assert.Equal(("cloud", RouteRule.Saturation), (during.Target, during.Rule));
        Assert.Equal(("edge", RouteRule.Default), (after.Target, after.Rule));
    }

    [Fact]
    public void The_cheapest_target_that_meets_its_latency_goal_wins()
    {
        var pricey = Cloud("pricey", perMillion: 5m);
        var cheap = Cloud("cheap", perMillion: 0.5m) is var c ? new RouteTarget("cheap", c.Client, TargetTier.CloudPod, 131072)
        {
            ExpectedCostUsd = c.ExpectedCostUsd, LatencyGoal = TimeSpan.FromMilliseconds(500),
        } : null!;
        using var router = Router([Edge(), pricey, cheap]);
        var code = Ask("Write a Java class for a linked list.");

        var fast = router.Plan(code);
        router.ReportLoad("cheap", new EngineLoad(0, 1, 0.2, TimeSpan.FromSeconds(2), null, Now));
        var slow = router.Plan(code);

        Assert.Equal(("cheap", RouteRule.TaskType), (fast.Target, fast.Rule));
        Assert.True(fast.EstimatedCostUsd < 0.001m);
        Assert.Equal("pricey", slow.Target);
        Assert.Contains(slow.Reasons, r => r.Contains("misses its latency goal", StringComparison.Ordinal));
    }

    [Fact]
    public void Cost_decides_between_targets_of_the_same_tier()
    {
        using var router = Router([Cloud("a", perMillion: 2m), Cloud("b", perMillion: 1m)]);

        var d = router.Plan(Ask("Hello there"));

        Assert.Equal(("b", RouteRule.Cost), (d.Target, d.Rule));
        Assert.Equal(["a"], d.Fallbacks);
    }

    [Fact]
    public async Task A_targets_Fallback_is_tried_right_after_it_ahead_of_cheaper_targets()
    {
        var spot = new RouteTarget("spot", new FakeChatClient("spot", (_, _) => throw new TargetUnavailableException("spot reclaimed")), TargetTier.Edge, 8192)
        {
            ModelId = "llama-3.1-8b-instruct",
            ExpectedCostUsd = static (_, _) => 0m,
            Fallback = "ON-DEMAND", // names compare like target names: case-insensitively
        };
        using var router = Router([spot, Cloud("a", perMillion: 1m), Cloud("on-demand", perMillion: 9m), Cloud("b", perMillion: 2m)]);
        using var plain = Router([Edge("spot"), Cloud("a", perMillion: 1m), Cloud("on-demand", perMillion: 9m), Cloud("b", perMillion: 2m)]);

        var d = router.Plan(Ask("Hello there"));
        var response = await router.GetResponseAsync(Ask("Hello there"));

        Assert.Equal(["a", "b", "on-demand"], plain.Plan(Ask("Hello there")).Fallbacks); // cost order without it
        Assert.Equal(("spot", RouteRule.Default), (d.Target, d.Rule));
        Assert.Equal(["on-demand", "a", "b"], d.Fallbacks);
        Assert.Contains("'spot' falls back to 'on-demand' first (its Fallback)", d.Reasons);
        Assert.Equal("from on-demand", response.Text);
        Assert.Equal(["spot", "on-demand"], ((RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!).Attempts.Select(a => a.Target));
    }

    [Fact]
    public void A_Fallback_that_a_hard_rule_excludes_is_not_tried_and_one_that_names_no_target_is_refused_at_construction()
    {
        using var router = Router([new RouteTarget("spot", new FakeChatClient("spot"), TargetTier.Edge, 8192) { Fallback = "cloud" }, Edge("edge2"), Cloud()]);

        var d = router.Plan(Ask("Write a Python function that e-mails anna.schmidt@example.de every morning.")); // PII: edge only

        Assert.Equal(["edge2"], d.Fallbacks);
        var wrong = Assert.Throws<ArgumentException>(() => Router([new RouteTarget("spot", new FakeChatClient("spot"), TargetTier.Edge, 8192) { Fallback = "nowhere" }, Cloud()]));
        Assert.Contains("'spot' falls back to 'nowhere', which is not a target", wrong.Message, StringComparison.Ordinal);
        var itself = Assert.Throws<ArgumentException>(() => Router([new RouteTarget("spot", new FakeChatClient("spot"), TargetTier.Edge, 8192) { Fallback = "SPOT" }]));
        Assert.Contains("which is itself", itself.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_cost_counts_as_zero_and_the_decision_says_so()
    {
        var free = new RouteTarget("mystery", new FakeChatClient("mystery"), TargetTier.HostedApi, 131072);
        using var router = Router([free]);

        var d = router.Plan(Ask("Hello"));

        Assert.Null(d.EstimatedCostUsd);
        Assert.Contains(d.Reasons, r => r.Contains("unknown: counted as $0", StringComparison.Ordinal));
    }

    [Fact]
    public void An_exhausted_budget_downgrades_to_a_free_target()
    {
        var budget = new FixedBudget(new BudgetStatus(0m, IsExhausted: true));
        using var router = Router([Edge(), Cloud()], budgets: budget);

        var d = router.Plan(Ask("Write a Python function that adds."), Hints((InferencePropertyNames.Tenant, "acme")));

        Assert.Equal(("edge", RouteRule.Budget), (d.Target, d.Rule));
        Assert.Equal("acme", budget.LastTenant);
        Assert.Contains(d.Reasons, r => r.Contains("tenant 'acme' exhausted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exhausted_budget_without_a_free_target_is_refused_with_a_clear_error()
    {
        var cloud = new FakeChatClient("cloud");
        using var router = Router([Cloud(client: cloud)], budgets: new FixedBudget(new BudgetStatus(0m, true)));

        var ex = await Assert.ThrowsAsync<RouteRefusedException>(() => router.GetResponseAsync(Ask("Hi")));

        Assert.Contains("rejected by Budget (budget exhausted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, cloud.Calls);
    }

    [Fact]
    public void A_remaining_budget_excludes_targets_that_would_overspend_it()
    {
        using var router = Router([Edge(), Cloud("dear", perMillion: 1000m), Cloud("cheap", perMillion: 1m)], budgets: new FixedBudget(new BudgetStatus(0.01m, false)));

        var d = router.Plan(Ask("Write a C# method."));
        using var unlimited = Router([Edge(), Cloud("dear", perMillion: 1000m), Cloud("cheap", perMillion: 1m)], budgets: new FixedBudget(BudgetStatus.Unlimited));
        var u = unlimited.Plan(Ask("Write a C# method."));

        Assert.Equal("cheap", d.Target);
        Assert.Contains(d.Rejected, r => r is { Target: "dear", Rule: RouteRule.Budget });
        Assert.Equal("cheap", u.Target);
        Assert.DoesNotContain(u.Rejected, r => r.Rule == RouteRule.Budget);
    }

    [Fact]
    public void The_caller_can_force_a_target_but_not_past_the_hard_rules()
    {
        using var router = Router([Edge(), Cloud()]);

        var forced = router.Plan(Ask("Hi"), Hints((InferencePropertyNames.ForceTarget, "cloud")));
        var unknown = router.Plan(Ask("Hi"), Hints((InferencePropertyNames.ForceTarget, "nope")));
        var pii = router.Plan(Ask("mail me: a@b.org"), Hints((InferencePropertyNames.ForceTarget, "cloud")));

        Assert.Equal(("cloud", RouteRule.ForceTarget), (forced.Target, forced.Rule));
        Assert.Null(unknown.Target);
        Assert.Contains(unknown.Reasons, r => r.Contains("'nope' is not a configured target", StringComparison.Ordinal));
        Assert.Null(pii.Target);
    }

    [Fact]
    public void When_the_cloud_is_down_every_task_type_degrades_to_the_edge()
    {
        using var router = Router([Edge(), Cloud()]);
        router.ReportHealth("cloud", false);

        var d = router.Plan(Ask("Write a Python function that parses ISO dates."));
        router.ReportHealth("cloud", true);
        var back = router.Plan(Ask("Write a Python function that parses ISO dates."));

        Assert.Equal(("edge", RouteRule.Degraded), (d.Target, d.Rule));
        Assert.Equal(("cloud", RouteRule.TaskType), (back.Target, back.Rule));
    }

    [Fact]
    public async Task Failures_open_the_circuit_and_the_policy_skips_it_without_io()
    {
        var cloud = new FakeChatClient("cloud", (_, _) => throw new TargetUnavailableException("down") { TargetName = "cloud" });
        using var router = Router([Edge(), Cloud(client: cloud)], o => o.CircuitBreakerMinimumThroughput = 2);
        var code = Ask("Write a Python function that adds.");

        for (int i = 0; i < 3; i++)
        {
            var r = await router.GetResponseAsync(code);
            Assert.Equal("edge", r.AdditionalProperties![InferencePropertyNames.TargetName]);
        }

        int callsWhenOpen = cloud.Calls;
        var d = router.Plan(code);
        await router.GetResponseAsync(code);

        Assert.Contains(d.Rejected, r => r is { Target: "cloud", Reason: "circuit open" });
        Assert.Equal(RouteRule.Degraded, d.Rule);
        Assert.Equal(callsWhenOpen, cloud.Calls);
    }

    [Fact]
    public async Task A_low_confidence_edge_answer_is_escalated_to_the_cloud()
    {
        var cloud = new FakeChatClient("cloud");
        using var low = Router([Edge(), Cloud(client: cloud)], o => o.ConfidenceThreshold = 0.5, judge: new Judge(0.2));
        using var high = Router([Edge(), Cloud()], o => o.ConfidenceThreshold = 0.5, judge: new Judge(0.9));

        var escalated = await low.GetResponseAsync(Ask("Who wrote Faust?"));
        var kept = await high.GetResponseAsync(Ask("Who wrote Faust?"));

        var d = (RouteDecision)escalated.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal("from cloud", escalated.Text);
        Assert.Equal(RouteRule.ConfidenceEscalation, d.Rule);
        Assert.Equal([AttemptOutcome.LowConfidence, AttemptOutcome.Succeeded], d.Attempts.Select(a => a.Outcome));
        Assert.Equal("from edge", kept.Text);
    }

    [Fact]
    public async Task A_local_only_request_is_never_escalated()
    {
        var cloud = new FakeChatClient("cloud");
        using var router = Router([Edge(), Cloud(client: cloud)], o => o.ConfidenceThreshold = 0.5, judge: new Judge(0.1));

        var r = await router.GetResponseAsync(Ask("Who has the address x@y.com?"));

        Assert.Equal("from edge", r.Text);
        Assert.Equal(0, cloud.Calls);
    }

    [Fact]
    public void Bad_options_name_the_setting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Router([Edge()], o => o.EdgeTokenThreshold = 0));
        var dup = Assert.Throws<ArgumentException>(() => Router([Edge(), Edge()]));
        var judge = Assert.Throws<ArgumentNullException>(() => Router([Edge()], o => o.ConfidenceThreshold = 0.5));
        using var router = Router([Edge()]);
        var unknown = Assert.Throws<ArgumentException>(() => router.ReportLoad("ghost", new EngineLoad(0, 0, null, null, null, Now)));

        Assert.Equal("EdgeTokenThreshold", ex.ParamName);
        Assert.Equal("targets", dup.ParamName);
        Assert.Equal("confidenceJudge", judge.ParamName);
        Assert.Equal("target", unknown.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>("contextWindow", () => new RouteTarget("x", new FakeChatClient("x"), TargetTier.Edge, 0));
    }

    [Fact]
    public async Task The_decision_travels_with_the_response_and_every_streamed_update()
    {
        using var router = Router([Edge(), Cloud()]);

        var response = await router.GetResponseAsync(Ask("Hi"));
        var updates = await router.GetStreamingResponseAsync(Ask("Hi")).ToListAsync();

        var d = Assert.IsType<RouteDecision>(response.AdditionalProperties![InferencePropertyNames.RouteDecision]);
        Assert.Equal("edge", d.ServedBy);
        var attempt = Assert.Single(d.Attempts);
        Assert.Equal(("edge", AttemptOutcome.Succeeded), (attempt.Target, attempt.Outcome));
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.IsType<RouteDecision>(u.AdditionalProperties![InferencePropertyNames.RouteDecision]));
    }

    private sealed class Judge(double score) : IConfidenceJudge
    {
        public double? Score(ChatResponse response) => score;
    }
}
