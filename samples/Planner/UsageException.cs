namespace Planner;

/// <summary>Bad input: the message names the option and is printed as one line with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
