using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Sdk.Analyzers.Tests.Parity;

/// <summary>
/// The parity corpus: every name and alias <c>docs/configuration.md</c> documents for each enum setting (read from the doc, so
/// a documented value the code rejects fails here), and each rule's trigger with its near miss, written out with the expected
/// id, severity and configuration key.
/// </summary>
internal static class ParityCorpus
{
    private const string T = "Inference:Targets:t:";

    // A target that is valid and quiet: vLLM serving Llama-3.1-8B with a 4K context, in development.
    private const string BaseTarget = """{ "Engine": "Vllm", "Endpoint": "http://127.0.0.1:8000", "Model": "meta-llama/Llama-3.1-8B-Instruct", "ContextLength": 4096 }""";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<IReadOnlyList<ParityCase>> Cases = new(Build);

    public static IReadOnlyList<ParityCase> All => Cases.Value;

    public static ParityCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>An appsettings.json with target <c>t</c>: the base target with <paramref name="target"/>'s keys set (a JSON null removes a key).</summary>
    public static string Snippet(string target, string profile = "Development", string? section = null, string? others = null)
    {
        JsonObject body = JsonNode.Parse(BaseTarget)!.AsObject();
        foreach ((string key, JsonNode? value) in JsonNode.Parse(target)!.AsObject().ToList())
        {
            _ = body.Remove(key);
            if (value is not null)
            {
                body[key] = value.DeepClone();
            }
        }

        var inference = new JsonObject { ["Profile"] = profile };
        if (section is not null)
        {
            foreach ((string key, JsonNode? value) in JsonNode.Parse(section)!.AsObject().ToList())
            {
                inference[key] = value?.DeepClone();
            }
        }

        var targets = new JsonObject { ["t"] = body };
        if (others is not null)
        {
            foreach ((string key, JsonNode? value) in JsonNode.Parse(others)!.AsObject().ToList())
            {
                targets[key] = value?.DeepClone();
            }
        }

        inference["Targets"] = targets;
        return new JsonObject { ["Inference"] = inference }.ToJsonString(Indented);
    }

    private static IReadOnlyList<ParityCase> Build()
    {
        var cases = new List<ParityCase>();

        // Every documented name and alias of every enum setting: read as a value, never INF1000, the same on both sides.
        foreach ((string key, bool targetKey) in DocumentedValues.EnumKeys)
        {
            foreach (string name in DocumentedValues.Names(key))
            {
                cases.Add(new($"{key} = {name} (documented name)", Value(key, targetKey, name), null));
            }

            foreach ((string alias, string name) in DocumentedValues.Aliases(key))
            {
                cases.Add(new($"{key} = {alias} (alias of {name})", Value(key, targetKey, alias), null));
            }
        }

        // A nearby spelling is one INF1000, named on both sides, never a silent default.
        Add("INF1000 unknown target key", """{ "Quantisation": "FP8" }""", $"INF1000 Error {T}Quantisation");
        Add("near miss: the key spelt right", """{ "Quantization": "FP8" }""");
        Add("INF1000 GgufQ8 is no format", """{ "Engine": "LlamaCpp", "Quantization": "GgufQ8" }""", $"INF1000 Error {T}Quantization");
        Add("near miss: GgufQ8_0, as documented", """{ "Engine": "LlamaCpp", "Quantization": "GgufQ8_0" }""");
        Add("INF1000 a number is not a name", """{ "Quantization": "2" }""", $"INF1000 Error {T}Quantization");
        Add("INF1000 a number is not a GPU either", """{ "Gpu": 4 }""", $"INF1000 Error {T}Gpu");
        Add("INF1000 A100_80G is no GPU", """{ "Gpu": "A100_80G" }""", $"INF1000 Error {T}Gpu");
        Add("INF1000 GpuCount below 1", """{ "GpuCount": 0 }""", $"INF1000 Error {T}GpuCount");
        Add("near miss: GpuCount 1", """{ "GpuCount": 1 }""");
        Add("INF1000 MaxRetries over 10", """{ "MaxRetries": 11 }""", $"INF1000 Error {T}MaxRetries");
        Add("near miss: MaxRetries 10", """{ "MaxRetries": 10 }""");
        Add("INF1000 a price with a currency sign", """{ "UsdPerGpuHour": "$2.69" }""", $"INF1000 Error {T}UsdPerGpuHour");
        Add("near miss: a plain price", """{ "UsdPerGpuHour": 2.69 }""");
        Add("INF1000 a negative price", """{ "InputUsdPerMillionTokens": -1 }""", $"INF1000 Error {T}InputUsdPerMillionTokens");
        Add("INF1000 4k is not a token count", """{ "MaxOutputTokens": "4k" }""", $"INF1000 Error {T}MaxOutputTokens");
        Add("INF1000 a negative context", """{ "ContextLength": -1 }""", $"INF1000 Error {T}ContextLength");
        Add("INF1000 yes is not a flag", """{ "LatencyCritical": "yes" }""", $"INF1000 Error {T}LatencyCritical");
        Add("near miss: a flag as a string", """{ "LatencyCritical": "false" }""");
        Add("INF1000 a GPU written as a list", """{ "Gpu": [ "H100" ] }""", $"INF1000 Error {T}Gpu");
        Add("near miss: tags as a list and as one string", """{ "Tags": [ "hipaa", "region:eu" ] }""");
        Add("INF1000 zero tokens per second", """{ "TokensPerSecond": 0 }""", $"INF1000 Error {T}TokensPerSecond");
        Add("near miss: 600 tokens per second", """{ "TokensPerSecond": 600 }""");
        Add("INF1000 a zero request timeout", """{ "RequestTimeout": "00:00:00" }""", $"INF1000 Error {T}RequestTimeout");
        Add("INF1000 soon is not a duration", """{ "TimeToFirstTokenGoal": "soon" }""", $"INF1000 Error {T}TimeToFirstTokenGoal");
        Add("near miss: a duration", """{ "TimeToFirstTokenGoal": "00:00:00.500", "RequestTimeout": "00:01:40" }""");
        In("INF1000 an unknown profile", Snippet("{ }", profile: "Staging"), "INF1000 Error Inference:Profile");
        In("near miss: a profile alias", Snippet("{ }", profile: "prod"));
        Add("a blank value is unset", """{ "Gpu": "", "Quantization": " " }""");
        In("a JSON null is unset", """{ "Inference": { "Profile": "Development", "Targets": { "t": { "Engine": "Vllm", "Endpoint": "http://127.0.0.1:8000", "Model": "meta-llama/Llama-3.1-8B-Instruct", "ContextLength": 4096, "Gpu": null } } } }""");
        Add("an invalid value skips the rules that read it, not the others", """{ "Gpu": "A100", "Quantization": "FP9", "Capacity": "Spot", "LatencyCritical": true }""",
            $"INF1000 Error {T}Quantization", $"INF1008 Warning {T}Fallback");

        // INF1001: a format the GPU has no units for; an error for NVFP4, which cannot run there at all.
        Add("INF1001 FP8 on an A100 (alias)", """{ "Gpu": "A100", "Quantization": "FP8" }""", $"INF1001 Warning {T}Quantization");
        Add("near miss: FP8 on an H100", """{ "Gpu": "H100", "Quantization": "FP8" }""");
        Add("INF1001 NVFP4 on an H100 is an error", """{ "Gpu": "H100 SXM5", "Quantization": "NVFP4" }""", $"INF1001 Error {T}Quantization");
        Add("near miss: NVFP4 on a B200", """{ "Gpu": "B200", "Quantization": "modelopt_fp4" }""");

        // INF1002: blames GpuCount, written or not.
        const string Llama70 = """ "Model": "meta-llama/Llama-3.3-70B-Instruct", "Gpu": "H100Sxm5", "Quantization": "FP16", "KvCacheDType": "FP8", "ContextLength": 8192 """;
        Add("INF1002 70B FP16 on one H100", "{" + Llama70 + """, "GpuCount": 1 }""", $"INF1002 Error {T}GpuCount");
        Add("INF1002 blames GpuCount when it is not written", "{" + Llama70 + "}", $"INF1002 Error {T}GpuCount");
        Add("near miss: 70B FP16 on two H100s", "{" + Llama70 + """, "GpuCount": 2 }""");

        // INF1003: 4-bit on a 30B+ model until EvaluatedForQuality says it was evaluated.
        Add("INF1003 70B in AWQ-4", """{ "Model": "meta-llama/Llama-3.3-70B-Instruct", "Quantization": "AWQ4" }""", $"INF1003 Warning {T}Quantization");
        Add("near miss: 70B in AWQ-4, evaluated", """{ "Model": "meta-llama/Llama-3.3-70B-Instruct", "Quantization": "awq", "EvaluatedForQuality": true }""");
        Add("near miss: 8B in AWQ-4", """{ "Quantization": "AWQ4" }""");

        // INF1004, INF2001, INF2003: the output budget against the context, with ExpectedPromptTokens read on both sides.
        Add("INF1004 output and prompt overflow the context", """{ "ContextLength": 8192, "MaxOutputTokens": 4096, "ExpectedPromptTokens": 4097 }""", $"INF1004 Error {T}MaxOutputTokens");
        Add("near miss: output and prompt fill the context exactly", """{ "ContextLength": 8192, "MaxOutputTokens": 4096, "ExpectedPromptTokens": 4096 }""");
        Add("INF1004 output fills the context of a model not in the catalog", """{ "Engine": "OpenAICompatible", "Model": "my-org/private-model", "MaxOutputTokens": 4096 }""", $"INF1004 Error {T}MaxOutputTokens");
        Add("near miss: room for a prompt on a model not in the catalog", """{ "Engine": "OpenAICompatible", "Model": "my-org/private-model", "MaxOutputTokens": 4095 }""");
        Add("INF2001 MaxOutputTokens 200000 on an 8B", """{ "ContextLength": null, "MaxOutputTokens": 200000 }""", $"INF2001 Error {T}MaxOutputTokens");
        Add("near miss: MaxOutputTokens 4096 on an 8B", """{ "ContextLength": null, "MaxOutputTokens": 4096 }""");
        Add("INF2003 output takes the whole context", """{ "ContextLength": 8192, "MaxOutputTokens": 8192 }""", $"INF2003 Error {T}MaxOutputTokens");
        Add("near miss: one token left for the prompt", """{ "ContextLength": 8192, "MaxOutputTokens": 8191 }""");

        // INF1005: the engine cannot load the format.
        Add("INF1005 GGUF on vLLM", """{ "Quantization": "Q4_K_M" }""", $"INF1005 Error {T}Quantization");
        Add("near miss: GGUF on llama.cpp", """{ "Engine": "llama.cpp", "Quantization": "Q4_K_M" }""");

        // INF1006: a development engine in production (the default profile).
        In("INF1006 Ollama in production", Snippet("""{ "Engine": "Ollama" }""", profile: "Production"), $"INF1006 Warning {T}Engine");
        Add("near miss: Ollama in development", """{ "Engine": "Ollama" }""");

        // INF1007: FP8 KV cache off on Hopper with a long context.
        Add("INF1007 H100 with a 32K context", """{ "Gpu": "H100", "ContextLength": 32768 }""", $"INF1007 Warning {T}KvCacheDType");
        Add("near miss: H100 with a 32K context and FP8 KV cache", """{ "Gpu": "H100", "ContextLength": 32768, "KvCacheDType": "fp8_e4m3" }""");

        // INF1008: "has a fallback" means one thing on both sides: Fallback names a target. Another target is not a fallback.
        Add("INF1008 latency-critical spot without a fallback", """{ "Capacity": "Spot", "LatencyCritical": true }""", $"INF1008 Warning {T}Fallback");
        const string Cloud = """{ "cloud": { "Provider": "OpenAICompatible", "Endpoint": "https://api.example.com/v1", "Model": "gpt-4.1", "Tier": "HostedApi" } }""";
        In("INF1008 another target is not a fallback", Snippet("""{ "Capacity": "Interruptible", "LatencyCritical": "True" }""", others: Cloud), $"INF1008 Warning {T}Fallback");
        In("near miss: latency-critical spot with a fallback", Snippet("""{ "Capacity": "Spot", "LatencyCritical": true, "Fallback": "cloud" }""", others: Cloud));

        // INF1009: a self-hosted model the catalog does not know is a warning, on a GPU or not; nothing for a hosted API.
        Add("INF1009 an unknown model on a GPU", """{ "Model": "my-org/private-model", "Gpu": "L40S" }""", $"INF1009 Warning {T}Model");
        Add("INF1009 a misspelt model on vLLM", """{ "Model": "meta-llama/Llama-3.1-8B-Instruc" }""", $"INF1009 Warning {T}Model");
        Add("near miss: an unknown model behind a hosted API", """{ "Engine": null, "Provider": "Azure", "Endpoint": "https://example.openai.azure.com/", "Model": "gpt-4.1", "ContextLength": null }""");

        // Inference:Models: a model the configuration describes is checked like a catalog one, on both sides; a bad description
        // is one INF1000 per key, naming it.
        const string M = "Inference:Models:my-org/private-model:";
        const string Private = """{ "Model": "my-org/private-model", "Gpu": "L40S", "Quantization": "FP8", "ContextLength": null }""";
        const string Described = """ "TotalParametersBillions": 32, "ContextWindow": 32768, "Layers": 64, "KvHeads": 8, "HeadDim": 128 """;
        In("near miss: a described model on a GPU is checked, not unknown", Snippet(Private, section: Models(Described)));
        In("INF1002 a described 32B in BF16 does not fit one L40S",
            Snippet("""{ "Model": "my-org/private-model", "Gpu": "L40S", "Quantization": "BF16", "ContextLength": null }""", section: Models(Described)),
            $"INF1002 Error {T}GpuCount");
        In("INF2001 MaxOutputTokens over a described window",
            Snippet("""{ "Model": "my-org/private-model", "ContextLength": null, "MaxOutputTokens": 40000 }""", section: Models(Described)),
            $"INF2001 Error {T}MaxOutputTokens");
        In("near miss: a described model found by its alias",
            Snippet("""{ "Model": "private:32b", "Gpu": "L40S", "Quantization": "FP8", "ContextLength": null }""", section: Models(Described + """, "Aliases": [ "private:32b" ] """)));
        In("INF1000 a misspelt model key", Snippet(Private, section: Models(Described + """, "ContextWindw": 4096 """)),
            $"INF1000 Error {M}ContextWindw", $"INF1009 Warning {T}Model");
        In("INF1000 a model without its context window", Snippet(Private, section: Models(""" "TotalParametersBillions": 32 """)),
            $"INF1000 Error {M}ContextWindow", $"INF1009 Warning {T}Model");
        In("INF1000 parameters written with a unit", Snippet(Private, section: Models(""" "TotalParametersBillions": "32B", "ContextWindow": 32768 """)),
            $"INF1000 Error {M}TotalParametersBillions", $"INF1009 Warning {T}Model");
        In("INF1000 more active than total parameters", Snippet(Private, section: Models(Described + """, "ActiveParametersBillions": 40 """)),
            $"INF1000 Error {M}ActiveParametersBillions", $"INF1009 Warning {T}Model");
        In("INF1000 MLA without its latent size", Snippet(Private, section: Models(Described + """, "Attention": "MultiHeadLatent" """)),
            $"INF1000 Error {M}Attention", $"INF1009 Warning {T}Model");

        // INF2002: the router's edge threshold against the smallest edge context.
        In("INF2002 edge threshold over the edge context", Snippet("{ }", section: """{ "Router": { "EdgeTokenThreshold": 8000 } }"""), "INF2002 Warning Inference:Router:EdgeTokenThreshold");
        In("near miss: edge threshold within the edge context", Snippet("{ }", section: """{ "Router": { "EdgeTokenThreshold": 4096 } }"""));
        In("near miss: the only target is hosted, so nothing is edge", Snippet("""{ "Tier": "HostedApi" }""", section: """{ "Router": { "EdgeTokenThreshold": 8000 } }"""));

        return cases;

        void Add(string name, string target, params string[] expected) => In(name, Snippet(target), expected);

        void In(string name, string json, params string[] expected) => cases.Add(new(name, json, expected));
    }

    private static string Models(string body) => "{ \"Models\": { \"my-org/private-model\": {" + body + "} } }";

    private static string Value(string key, bool targetKey, string value)
        => targetKey ? Snippet(new JsonObject { [key] = value }.ToJsonString()) : Snippet("{ }", profile: value);
}
