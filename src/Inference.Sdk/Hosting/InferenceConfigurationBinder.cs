using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>Binds the <c>Inference</c> section into <see cref="InferenceOptions"/> and keeps what it could not bind for the validator.</summary>
internal sealed class InferenceConfigurationBinder(IConfiguration section) : IConfigureOptions<InferenceOptions>
{
    private IReadOnlyList<ConfigurationProblem> _problems = [];

    /// <summary>Gets the problems of the last binding (INF1000), each naming its configuration path.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems => _problems;

    public void Configure(InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _problems = InferenceConfigurationReader.Bind(section, options);
    }
}
