namespace Inference.Sdk.Knowledge;

/// <summary>
/// What a target can do before its engine says: the <c>Capabilities</c> setting when written, else what the model
/// catalog (or the configuration's description of the model) knows. The host reads live answers of the engine on top
/// (<c>HybridRouterChatClient.ReportCapabilities</c>), and an engine's refusal takes a capability out.
/// </summary>
internal static class TargetCapabilities
{
    /// <summary>The capabilities a target starts with.</summary>
    /// <param name="configured">The <c>Capabilities</c> setting, when written.</param>
    /// <param name="model">The model, when the catalog or the configuration describes it.</param>
    /// <returns>
    /// <see langword="null"/> when neither says (every capability is assumed until the engine refuses one). From the model: tools
    /// and vision as the catalog records them; structured output, which every engine the package speaks serves (vLLM, SGLang and
    /// TensorRT-LLM guided decoding, llama.cpp and TGI grammars, Ollama <c>format</c>); reasoning, which the catalog does not
    /// record, is assumed.
    /// </returns>
    public static ModelCapabilities? Of(ModelCapabilities? configured, ModelSpec? model)
    {
        if (configured is { } written)
        {
            return written;
        }

        if (model is null)
        {
            return null;
        }

        var known = ModelCapabilities.StructuredOutput | ModelCapabilities.Reasoning;
        known |= model.SupportsTools ? ModelCapabilities.Tools : ModelCapabilities.None;
        known |= model.SupportsVision ? ModelCapabilities.Vision : ModelCapabilities.None;
        return known;
    }
}
