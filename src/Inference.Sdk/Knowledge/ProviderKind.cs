namespace Inference.Sdk.Knowledge;

/// <summary>Where a target runs: who owns or rents out the hardware, or who serves the API.</summary>
public enum ProviderKind
{
    /// <summary>A machine of the team's own (laptop, workstation, edge box, on-premises server).</summary>
    Local,

    /// <summary>RunPod pods and serverless endpoints.</summary>
    RunPod,

    /// <summary>Lambda Cloud instances.</summary>
    Lambda,

    /// <summary>CoreWeave (Serverless Inference, Dedicated Inference, CKS).</summary>
    CoreWeave,

    /// <summary>Spheron GPU marketplace.</summary>
    Spheron,

    /// <summary>Amazon Web Services (p5 and others).</summary>
    Aws,

    /// <summary>Google Cloud (A3 and others).</summary>
    Gcp,

    /// <summary>Azure OpenAI Service.</summary>
    AzureOpenAI,

    /// <summary>Any hosted OpenAI-compatible API, addressed by base URL and key.</summary>
    OpenAICompatible,
}
