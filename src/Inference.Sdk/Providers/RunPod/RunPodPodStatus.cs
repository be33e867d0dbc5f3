namespace Inference.Sdk.Providers.RunPod;

/// <summary>The lifecycle status of a RunPod pod (REST v2 <c>Pod.status</c>).</summary>
public enum RunPodPodStatus
{
    /// <summary>A status this version does not know (logged once as a warning); the provider monitor keeps its previous verdict.</summary>
    Unknown,

    /// <summary><c>PROVISIONING</c>: being allocated.</summary>
    Provisioning,

    /// <summary><c>STARTING</c>: the container is starting.</summary>
    Starting,

    /// <summary><c>RUNNING</c>: the container is healthy (the engine in it may still be loading: probe it through the proxy).</summary>
    Running,

    /// <summary><c>EXITED</c>: stopped; <c>cost</c> is 0.</summary>
    Exited,

    /// <summary><c>ERROR</c>: unrecoverable.</summary>
    Error,

    /// <summary><c>TERMINATED</c>: deleted.</summary>
    Terminated,
}
