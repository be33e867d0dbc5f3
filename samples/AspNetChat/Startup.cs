using Inference.Sdk.Hosting;
using Microsoft.Extensions.Options;

namespace AspNetChat;

/// <summary>Validates the <c>Inference</c> configuration before the app listens, so a mistake reads as a message, not a stack trace.</summary>
internal static class Startup
{
    /// <summary>Returns <see langword="true"/> when the configuration is valid; otherwise prints how many problems were logged and returns <see langword="false"/>.</summary>
    public static bool ConfigurationIsValid(WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<InferenceOptions>>().Value; // runs the validators: one critical log line per problem
            return true;
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine($"AspNetChat did not start: {e.Failures.Count()} configuration problem(s), logged above with the key to change and the fix.");
            return false;
        }
    }
}
