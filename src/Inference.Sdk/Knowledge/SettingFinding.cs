namespace Inference.Sdk.Knowledge;

/// <summary>A <see cref="Finding"/> with the setting it blames: the key a user changes to fix it.</summary>
/// <param name="Key">The key within its section: a target key (<c>Quantization</c>) or a section key (<c>Profile</c>, <c>Router:EdgeTokenThreshold</c>).</param>
/// <param name="Finding">What is wrong.</param>
internal sealed record SettingFinding(string Key, Finding Finding)
{
    /// <summary>Gets the rule id, also the diagnostic id.</summary>
    public string RuleId => Finding.RuleId;

    /// <summary>Gets how serious it is: an error stops the host at start and fails the build.</summary>
    public FindingSeverity Severity => Finding.Severity;

    /// <summary>Gets the message.</summary>
    public string Message => Finding.Message;
}
