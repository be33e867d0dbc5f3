namespace Inference.Sdk.Knowledge;

/// <summary>The tier of a routing target, from the edge to a hosted API.</summary>
public enum TargetTier
{
    /// <summary>A local or edge engine: data stays on the team's hardware.</summary>
    Edge,

    /// <summary>A long-running rented GPU (pod or VM) billed by the hour.</summary>
    CloudPod,

    /// <summary>A serverless GPU endpoint billed by the second, which may cold-start.</summary>
    Serverless,

    /// <summary>A hosted API billed by the token.</summary>
    HostedApi,
}
