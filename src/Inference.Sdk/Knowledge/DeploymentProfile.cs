namespace Inference.Sdk.Knowledge;

/// <summary>Whether a deployment serves production traffic.</summary>
public enum DeploymentProfile
{
    /// <summary>Development, evaluation or a laptop.</summary>
    Development,

    /// <summary>Production traffic.</summary>
    Production,
}
