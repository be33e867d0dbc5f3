using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Hosting;

public class ContextWindowOfTests
{
    [Fact]
    public void A_hosted_model_the_catalog_does_not_know_gets_its_max_input_tokens_from_the_shipped_price_table()
    {
        var options = new InferenceOptions();
        Assert.False(Models.TryGet("gpt-4o-mini", options.Models.Values, out _)); // not in the catalog: the 8,192 fallback before

        Assert.Equal(128_000, InferenceTargetClientFactory.ContextWindowOf(Hosted("gpt-4o-mini"), options)); // LiteLLM's max_input_tokens
        Assert.Equal(1_047_576, InferenceTargetClientFactory.ContextWindowOf(Hosted("gpt-4.1-nano"), options));
    }

    [Fact]
    public void Configuration_comes_first_and_an_unlisted_or_self_hosted_model_falls_back_to_8192_tokens()
    {
        var options = new InferenceOptions();
        var configured = Hosted("gpt-4o-mini");
        configured.ContextLength = 16_000;

        Assert.Equal(16_000, InferenceTargetClientFactory.ContextWindowOf(configured, options));
        Assert.Equal(8_192, InferenceTargetClientFactory.ContextWindowOf(Hosted("no-such-model-anywhere"), options));
        // A self-hosted engine serving a model under a hosted name is not given the API's window.
        var edge = new InferenceTargetOptions { Engine = EngineKind.Vllm, Tier = TargetTier.Edge, Endpoint = "http://127.0.0.1:8000/v1", Model = "gpt-4o-mini", UsdPerGpuHour = 1m };
        Assert.Equal(8_192, InferenceTargetClientFactory.ContextWindowOf(edge, options));
    }

    private static InferenceTargetOptions Hosted(string model) => new()
    {
        Provider = ProviderKind.OpenAICompatible,
        Engine = EngineKind.OpenAICompatible,
        Tier = TargetTier.HostedApi,
        Endpoint = "https://api.openai.com/v1",
        Model = model,
        ApiKey = "k",
    };
}
