using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AspNetChat;

/// <summary>Writes <c>/health</c> as JSON: the overall status and one entry per target with its status, reason and data.</summary>
public static class HealthJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            entries = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), reason = e.Value.Description, data = e.Value.Data }),
        }));
    }
}
