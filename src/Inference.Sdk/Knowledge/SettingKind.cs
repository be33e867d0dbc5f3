namespace Inference.Sdk.Knowledge;

/// <summary>What a setting's value is written as, which decides how it is read and what a bad one is told.</summary>
internal enum SettingKind
{
    /// <summary>Free text: an address, a model id, a target name, a secret.</summary>
    Text,

    /// <summary>One name of an enum (<see cref="SettingVocabulary"/>).</summary>
    Choice,

    /// <summary>A whole number in a range: tokens, GPUs, requests, retries.</summary>
    Count,

    /// <summary>A plain positive number with a unit (tokens per second).</summary>
    Number,

    /// <summary>An amount in US dollars, zero or more, without a currency sign.</summary>
    Usd,

    /// <summary>A positive duration, <c>hh:mm:ss</c>.</summary>
    Duration,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Flag,

    /// <summary>A list: a JSON array or one comma-separated value.</summary>
    List,

    /// <summary>A set of names of one <see cref="System.FlagsAttribute"/> enum (<see cref="SettingVocabulary"/>): a JSON array or one comma-separated value.</summary>
    Names,
}
