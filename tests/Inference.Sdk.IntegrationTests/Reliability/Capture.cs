using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>Everything the package lets out: every log line at Trace (message, state, scopes, exception), every metric tag.</summary>
internal sealed class Capture : ILoggerProvider, IDisposable
{
    private readonly MeterListener _listener = new();

    public Capture()
    {
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));
        _listener.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _listener.SetMeasurementEventCallback<long>((i, _, tags, _) => Tags(i, tags));
        _listener.SetMeasurementEventCallback<int>((i, _, tags, _) => Tags(i, tags));
        _listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Tags(i, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, _, tags, _) => Tags(i, tags));
        _listener.Start();
    }

    public ILoggerFactory LoggerFactory { get; }

    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> MetricTags { get; } = new();

    /// <summary>Every exception message, inner exceptions included, and its <c>ToString()</c>.</summary>
    public ConcurrentQueue<string> Exceptions { get; } = new();

    public void Add(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            Exceptions.Enqueue(x.Message);
            Exceptions.Enqueue(x.ToString());
            if (x is AggregateException a)
            {
                foreach (Exception inner in a.InnerExceptions)
                {
                    Add(inner);
                }
            }
        }
    }

    public IEnumerable<string> Everything => Lines.Concat(MetricTags).Concat(Exceptions);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        _listener.Dispose();
        LoggerFactory.Dispose();
    }

    private void Tags(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            MetricTags.Enqueue($"{instrument.Meter.Name}/{instrument.Name} {tag.Key}={tag.Value}");
        }
    }

    private sealed class Logger(Capture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Lines.Enqueue($"scope {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var value in values)
                {
                    owner.Lines.Enqueue($"  {value.Key}={value.Value}");
                }
            }

            if (exception is not null)
            {
                owner.Add(exception);
            }
        }
    }
}
