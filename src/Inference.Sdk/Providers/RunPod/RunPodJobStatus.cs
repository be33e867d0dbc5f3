namespace Inference.Sdk.Providers.RunPod;

/// <summary>The state of a RunPod serverless job (<c>status</c> in every job answer).</summary>
public enum RunPodJobStatus
{
    /// <summary>A status this version does not know (logged once as a warning): not final, so polling goes on until the job timeout.</summary>
    Unknown,

    /// <summary><c>IN_QUEUE</c>: waiting for a worker.</summary>
    InQueue,

    /// <summary><c>IN_PROGRESS</c> (also reported as <c>RUNNING</c>): a worker is running it.</summary>
    InProgress,

    /// <summary><c>COMPLETED</c>: the output is ready.</summary>
    Completed,

    /// <summary><c>FAILED</c>: the handler raised or returned an <c>error</c>.</summary>
    Failed,

    /// <summary><c>CANCELLED</c>: cancelled through <c>/cancel</c>.</summary>
    Cancelled,

    /// <summary><c>TIMED_OUT</c>: it ran past its execution timeout or TTL.</summary>
    TimedOut,
}
