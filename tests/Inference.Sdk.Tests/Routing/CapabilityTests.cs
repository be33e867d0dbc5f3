using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using static Inference.Sdk.Tests.Routing.RouterFixture;

namespace Inference.Sdk.Tests.Routing;

/// <summary>Capabilities: what a request needs, what a target has (configured, catalog, engine report, refusal), and the filter between them.</summary>
public class CapabilityTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static ModelCapabilities Needs(List<ChatMessage> messages, ChatOptions? options) =>
        RequestNeeds.Of(Inference.Sdk.Tokens.PromptText.Read(messages, options, AIJsonUtilities.DefaultOptions), options);

    private static List<ChatMessage> Image() => [new(ChatRole.User, [new TextContent("What is in this picture?"), new DataContent(Png, "image/png")])];

    private static RouteTarget E(ModelCapabilities? capabilities = null, IChatClient? client = null, int maxRetries = 0) =>
        new("edge", client ?? new FakeChatClient("edge"), TargetTier.Edge, 8192)
        {
            ModelId = "llama-3.1-8b-instruct", ExpectedCostUsd = static (_, _) => 0m, Capabilities = capabilities, MaxRetries = maxRetries,
        };

    [Fact]
    public void What_a_request_needs_is_read_from_its_options_and_contents()
    {
        var tool = AIFunctionFactory.Create(() => "ok", "noop");

        Assert.Equal(ModelCapabilities.None, Needs(Ask("hi"), null));
        Assert.Equal(ModelCapabilities.Tools, Needs(Ask("hi"), new ChatOptions { Tools = [tool] }));
        Assert.Equal(ModelCapabilities.None, Needs(Ask("hi"), new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.None }));
        Assert.Equal(ModelCapabilities.StructuredOutput, Needs(Ask("hi"), new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema<Answer>() }));
        Assert.Equal(ModelCapabilities.StructuredOutput, Needs(Ask("hi"), new ChatOptions { ResponseFormat = ChatResponseFormat.Json }));
        Assert.Equal(ModelCapabilities.None, Needs(Ask("hi"), new ChatOptions { ResponseFormat = ChatResponseFormat.Text }));
        Assert.Equal(ModelCapabilities.Reasoning, Needs(Ask("hi"), new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }));
        Assert.Equal(ModelCapabilities.None, Needs(Ask("hi"), new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } }));
        Assert.Equal(ModelCapabilities.Vision, Needs(Image(), null));
        Assert.Equal(ModelCapabilities.Vision, Needs([new(ChatRole.User, [new UriContent("https://example.org/cat.png", "image/png")])], null));
        Assert.Equal(ModelCapabilities.None, Needs([new(ChatRole.User, [new DataContent("data:text/plain;base64,aGk=")])], null));
        Assert.Equal(ModelCapabilities.Tools, Needs(
            [new(ChatRole.Assistant, [new FunctionCallContent("c1", "noop")]), new(ChatRole.Tool, [new FunctionResultContent("c1", "ok")])], null));
    }

    [Fact]
    public void An_image_request_skips_a_target_without_vision_and_says_why()
    {
        using var router = Router([E(ModelCapabilities.Tools | ModelCapabilities.StructuredOutput), Cloud()]);

        var d = router.Plan(Image());

        Assert.Equal("cloud", d.Target);
        Assert.Equal(RouteRule.Capability, d.Rule);
        var rejected = Assert.Single(d.Rejected);
        Assert.Equal(("edge", RouteRule.Capability), (rejected.Target, rejected.Rule));
        Assert.Contains("lacks Vision", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("configured or from the model catalog", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal("edge", router.Plan(Ask("What is the capital of France?")).Target); // plain chat still goes to the edge
    }

    [Fact]
    public void Unknown_capabilities_are_assumed_and_no_target_with_a_capability_refuses_the_request()
    {
        using var unknown = Router([Edge(), Cloud()]);
        Assert.Equal("edge", unknown.Plan(Image()).Target);

        using var none = Router([E(ModelCapabilities.None)]);
        var d = none.Plan(Image());
        Assert.Null(d.Target);
        Assert.Contains("rejected by Capability (lacks Vision", d.DescribeRefusal(), StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_engine_reports_wins_on_what_it_reports_on_and_a_changed_report_clears_a_refusal()
    {
        using var router = Router([E(ModelCapabilities.All), Cloud()]);

        Assert.True(router.ReportCapabilities("edge", ModelCapabilities.None, ModelCapabilities.Vision));
        var d = router.Plan(Image());
        Assert.Equal("cloud", d.Target);
        Assert.Contains("its engine says so", d.Rejected.Single().Reason, StringComparison.Ordinal);
        Assert.Equal("edge", router.Plan(Ask("hi"), new ChatOptions { Tools = [AIFunctionFactory.Create(() => "ok", "noop")] }).Target); // tools: not reported on

        router.Board("edge").RefuseCapability(ModelCapabilities.Tools);
        Assert.Equal("cloud", router.Plan(Ask("hi"), new ChatOptions { Tools = [AIFunctionFactory.Create(() => "ok", "noop")] }).Target);
        Assert.False(router.ReportCapabilities("edge", ModelCapabilities.None, ModelCapabilities.Vision)); // the same report again clears nothing
        Assert.Equal(ModelCapabilities.StructuredOutput | ModelCapabilities.Reasoning, router.Board("edge").Capabilities);
        Assert.True(router.ReportCapabilities("edge", ModelCapabilities.Tools | ModelCapabilities.Vision, ModelCapabilities.Tools | ModelCapabilities.Vision));
        Assert.Equal("edge", router.Plan(Image()).Target);
    }

    [Fact]
    public async Task A_target_that_refuses_for_a_missing_capability_is_failed_over_never_retried_and_skipped_next_time()
    {
        var edge = new FakeChatClient("edge", (_, _) => throw EngineErrors.FromAnswer(
            EngineProfile.For(EngineKind.LlamaCpp), "edge", 500,
            new EngineError("image input is not supported - hint: if this is unexpected, you may need to provide the mmproj", "server_error", null, null, 500, null, null),
            null, false, null));
        var cloud = new FakeChatClient("cloud");
        using var router = Router([E(client: edge, maxRetries: 2), Cloud(client: cloud)]);

        var first = await router.GetResponseAsync(Image());
        var second = await router.GetResponseAsync(Image());

        Assert.Equal(("from cloud", "from cloud"), (first.Text, second.Text));
        Assert.Equal(1, edge.Calls); // sent once: not retried, and not sent again once it said so
        var d = (RouteDecision)first.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal(("edge", AttemptOutcome.FailedOver), (d.Attempts[0].Target, d.Attempts[0].Outcome));
        Assert.Contains("its engine refused a request for it", ((RouteDecision)second.AdditionalProperties![InferencePropertyNames.RouteDecision]!).Rejected.Single().Reason, StringComparison.Ordinal);
        Assert.True(router.Board("edge").CircuitClosed);
    }

    [Fact]
    public async Task With_one_target_a_capability_refusal_is_sent_once_and_reaches_the_caller_typed()
    {
        var edge = new FakeChatClient("edge", (_, _) => throw EngineErrors.FromAnswer(
            EngineProfile.For(EngineKind.Vllm), "edge", 400,
            new EngineError("\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set", "BadRequestError", null, null, 400, null, null),
            null, false, null));
        using var router = Router([E(client: edge, maxRetries: 2)]);

        var e = await Assert.ThrowsAsync<CapabilityNotSupportedException>(() => router.GetResponseAsync(Ask("hi"), new ChatOptions { Tools = [AIFunctionFactory.Create(() => "ok", "noop")] }));

        Assert.Equal(ModelCapabilities.Tools, e.Capability);
        Assert.Equal(1, edge.Calls);
    }

    [Theory]
    [InlineData("image input is not supported - hint: if this is unexpected, you may need to provide the mmproj", ModelCapabilities.Vision)]
    [InlineData("audio input is not supported - hint: if this is unexpected, you may need to provide the mmproj", ModelCapabilities.Vision)]
    [InlineData("Multimodal data provided, but model does not support multimodal requests.", ModelCapabilities.Vision)]
    [InlineData("tools param requires --jinja flag", ModelCapabilities.Tools)]
    [InlineData("\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set", ModelCapabilities.Tools)]
    [InlineData("tool_choice=\"required\" requires --tool-call-parser to be set", ModelCapabilities.Tools)]
    [InlineData("\"gemma3:4b\" does not support tools", ModelCapabilities.Tools)]
    [InlineData("\"llama3.2\" does not support thinking", ModelCapabilities.Reasoning)]
    public void An_engines_message_names_the_missing_capability(string message, ModelCapabilities capability)
        => Assert.Equal(capability, EngineErrors.MissingCapability(message));

    [Fact]
    public void Capabilities_are_read_from_configuration_text_lists_and_code_with_one_message_for_a_bad_name()
    {
        SettingKey key = TargetKeys.Find("capabilities")!;

        Assert.True(key.TryRead("Tools, Vision", out object? text, out _));
        Assert.True(key.TryRead(new[] { "StructuredOutput", "images" }, out object? list, out _));
        Assert.True(key.TryRead(ModelCapabilities.Tools | ModelCapabilities.Reasoning, out object? code, out _));
        Assert.True(key.TryRead("None", out object? none, out _));
        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.Vision, text);
        Assert.Equal(ModelCapabilities.StructuredOutput | ModelCapabilities.Vision, list);
        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.Reasoning, code);
        Assert.Equal(ModelCapabilities.None, none);

        Assert.False(key.TryRead("Tools, Visoin", out _, out string? problem));
        Assert.Equal("Capabilities is 'Visoin', which is not a capability. Did you mean 'Vision'? Use one of: None, Tools, StructuredOutput, Vision, Reasoning, All.", problem);
        Assert.False(key.TryRead((ModelCapabilities)64, out _, out _));
    }

    [Fact]
    public void A_target_starts_from_its_configuration_else_its_model()
    {
        Assert.Null(TargetCapabilities.Of(null, null));
        Assert.Equal(ModelCapabilities.Vision, TargetCapabilities.Of(ModelCapabilities.Vision, Models.Get(ModelIds.Llama33_70B)));
        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.StructuredOutput | ModelCapabilities.Reasoning, TargetCapabilities.Of(null, Models.Get(ModelIds.Llama33_70B)));
        Assert.True(TargetCapabilities.Of(null, Models.All.First(m => m.SupportsVision))!.Value.HasFlag(ModelCapabilities.Vision));
    }

    [Fact]
    public void Ollama_and_llama_cpp_descriptions_report_what_they_know()
    {
        using var show = System.Text.Json.JsonDocument.Parse("""{"capabilities":["completion","vision"],"model_info":{}}""");
        var ollama = EngineModelInfoReader.FromOllamaShow(show.RootElement, "POST /api/show")!;
        Assert.Equal(ModelCapabilities.Vision, ollama.Capabilities);
        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Reasoning, ollama.ReportedCapabilities);

        using var props = System.Text.Json.JsonDocument.Parse("""{"default_generation_settings":{"n_ctx":4096},"modalities":{"vision":false,"audio":false},"chat_template_caps":{"supports_tool_calls":true}}""");
        var llama = EngineModelInfoReader.FromLlamaCppProps(props.RootElement, "GET /props")!;
        Assert.Equal(ModelCapabilities.None, llama.Capabilities);
        Assert.Equal(ModelCapabilities.Vision, llama.ReportedCapabilities); // tool support in the template says nothing of --jinja
    }

    private sealed record Answer(string Text);
}
