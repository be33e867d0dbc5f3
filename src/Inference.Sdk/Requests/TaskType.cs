namespace Inference.Sdk.Requests;

/// <summary>The kind of work a request asks for; the router sends the kinds in <c>HybridRouterOptions.CloudTaskTypes</c> to the cloud.</summary>
public enum TaskType
{
    /// <summary>Short questions, chat and simple lookups: the edge model is enough.</summary>
    ShortAnswer,

    /// <summary>Classification, labelling, extraction, sentiment: the edge model is enough.</summary>
    Classification,

    /// <summary>Writing, reviewing or fixing code.</summary>
    Code,

    /// <summary>Multi-step reasoning: proofs, plans, calculations, analyses.</summary>
    Reasoning,

    /// <summary>Long-form writing: essays, reports, articles, long outputs.</summary>
    LongForm,
}
