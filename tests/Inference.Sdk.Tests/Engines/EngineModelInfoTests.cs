using System;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.Tests.Engines;

/// <summary>What each engine says it serves (<see cref="EngineProbe.DescribeModelAsync"/>), read from the engines' own answers.</summary>
public class EngineModelInfoTests
{
    // A fresh loopback server's first answer can take seconds on a loaded machine: not the default 2 s probe timeout.
    private static EngineProbe Probe(EngineKind engine, Uri endpoint) => new(engine, endpoint, new EngineClientOptions { RequestTimeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task Vllm_serves_max_model_len_of_the_base_model_not_of_its_adapter()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/v1/models", () => Fixtures.Answer("vllm/models.json")));

        EngineModelInfo? info = await Probe(EngineKind.Vllm, new Uri(server.BaseAddress, "v1")).DescribeModelAsync("sql-lora");

        Assert.Equal(32768, info!.ContextTokens);
        Assert.Equal("Qwen/Qwen3.5-35B-A3B", info.ServedModel);
        Assert.Equal("GET /v1/models max_model_len", info.Source);
    }

    [Fact]
    public async Task Sglang_serves_its_context_len_on_v1_models_and_names_its_architecture_on_get_model_info()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v1/models", () => Fixtures.Answer("sglang/models.json"));
            app.MapGet("/get_model_info", () => Fixtures.Answer("sglang/model-info.json"));
        });

        EngineModelInfo? info = await Probe(EngineKind.Sglang, server.BaseAddress).DescribeModelAsync("qwen/qwen2.5-0.5b-instruct");

        Assert.Equal(32768, info!.ContextTokens);
        Assert.Equal("Qwen2ForCausalLM", info.Architecture);
        Assert.Equal("GET /v1/models max_model_len, GET /get_model_info", info.Source);
    }

    [Fact]
    public async Task Llama_cpp_serves_the_context_of_one_slot_and_its_v1_models_meta_adds_the_trained_context()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/props", () => Fixtures.Answer("llamacpp/props.json"));
            app.MapGet("/v1/models", () => Fixtures.Answer("llamacpp/models.json"));
        });

        EngineModelInfo? info = await Probe(EngineKind.LlamaCpp, server.BaseAddress).DescribeModelAsync(null);

        Assert.Equal(1024, info!.ContextTokens);
        Assert.Equal(131072, info.TrainedContextTokens);
        Assert.Equal(8030261312, info.ParameterCount);
        Assert.Equal(4096, info.HiddenSize);
        Assert.Equal("../models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", info.ServedModel);
    }

    [Fact]
    public async Task Llama_cpp_in_router_mode_serves_no_one_model_and_a_missing_v1_models_leaves_its_fields_unknown()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/props", () => Fixtures.Answer("llamacpp/props-router.json")));

        EngineModelInfo? info = await Probe(EngineKind.LlamaCpp, server.BaseAddress).DescribeModelAsync(null);

        Assert.Null(info?.ContextTokens);
    }

    [Fact]
    public async Task Ollama_describes_the_architecture_and_serves_num_ctx_or_the_loaded_context()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/api/show", async (HttpContext c) =>
            {
                using JsonDocument request = await JsonDocument.ParseAsync(c.Request.Body);
                return request.RootElement.GetProperty("model").GetString() == "gemma4" ? Fixtures.Answer("ollama/show-gemma4.json") : Fixtures.Answer("ollama/show.json");
            });
            app.MapGet("/api/ps", () => Fixtures.Answer("ollama/ps.json"));
        });
        var probe = Probe(EngineKind.Ollama, server.BaseAddress);

        EngineModelInfo? llava = await probe.DescribeModelAsync("llava");
        EngineModelInfo? gemma = await probe.DescribeModelAsync("gemma4");

        // llava: the trained window and the architecture numbers; not loaded and no num_ctx parameter, so the served context is unknown.
        Assert.Equal((8192, 32, 32, 8, 128, 4096), (llava!.TrainedContextTokens, llava.Layers, llava.AttentionHeads, llava.KvHeads, llava.HeadDim, llava.HiddenSize));
        Assert.Equal((8030261248L, "llama"), (llava.ParameterCount, llava.Architecture));
        Assert.Null(llava.ContextTokens);
        // gemma4 is loaded with a 4,096-token context (/api/ps), whatever num_ctx its parameters carry (2,048) and its 131,072-token training.
        Assert.Equal((4096, 131072, 42, 2, 512), (gemma!.ContextTokens, gemma.TrainedContextTokens, gemma.Layers, gemma.KvHeads, gemma.HeadDim));
        Assert.Equal("POST /api/show, GET /api/ps context_length", gemma.Source);
        Assert.Contains(server.Requests, r => r.Method == "POST" && r.Body == "{\"model\":\"gemma4\"}");
    }

    [Fact]
    public void Ollama_num_ctx_is_read_from_the_parameters_text()
    {
        JsonElement show = Fixtures.Json("ollama/show-gemma4.json");

        Assert.Equal(2048, EngineModelInfoReader.FromOllamaShow(show, "POST /api/show")!.ContextTokens);
        Assert.Null(EngineModelInfoReader.NumCtx("num_keep 24\nstop \"<|eot_id|>\""));
    }

    [Fact]
    public async Task Tgi_serves_max_total_tokens()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/info", () => Fixtures.Answer("tgi/info.json")));

        EngineModelInfo? info = await Probe(EngineKind.Tgi, server.BaseAddress).DescribeModelAsync(null);

        Assert.Equal((2048, "bigscience/blomm-560m"), (info!.ContextTokens, info.ServedModel));
    }

    [Fact]
    public async Task An_engine_without_a_description_route_says_nothing_and_an_unreachable_one_is_unavailable()
    {
        await using var trtllm = await LoopbackServer.StartAsync(app => app.MapGet("/v1/models", () => Fixtures.Answer("trtllm/models.json")));
        await using var vllm = await LoopbackServer.StartAsync(app => app.MapGet("/v1/models", () => Results.StatusCode(503)));

        Assert.Null(await Probe(EngineKind.TensorRtLlm, trtllm.BaseAddress).DescribeModelAsync("Qwen/Qwen3-8B"));
        await Assert.ThrowsAnyAsync<InferenceException>(() => Probe(EngineKind.Vllm, vllm.BaseAddress).DescribeModelAsync(null));
        Assert.Empty(trtllm.Requests);
    }
}
