using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>Binds the <c>Inference</c> section into <see cref="InferenceOptions"/> and keeps what it could not bind for the validator.</summary>
internal sealed class InferenceConfigurationBinder(IConfiguration section) : IConfigureOptions<InferenceOptions>
{
    private IReadOnlyList<string> _errors = [];

    /// <summary>Gets the problems of the last binding, each naming its configuration path.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public void Configure(InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _errors = InferenceConfigurationReader.Bind(section, options);
    }
}
