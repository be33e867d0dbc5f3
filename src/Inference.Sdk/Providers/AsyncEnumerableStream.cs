using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.Providers;

/// <summary>
/// A read-only stream over chunks an async sequence produces, so a transport can hand a body to the OpenAI SDK as it
/// arrives. A read's cancellation token cancels the sequence; disposing the stream early disposes the sequence (which
/// lets it clean up, e.g. cancel a job).
/// </summary>
internal sealed class AsyncEnumerableStream : Stream
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly IAsyncEnumerator<ReadOnlyMemory<byte>> _chunks;
    private ReadOnlyMemory<byte> _current;
    private bool _ended;
    private int _disposed;

    public AsyncEnumerableStream(Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> chunks) =>
        _chunks = chunks(_cancel.Token).GetAsyncEnumerator(_cancel.Token);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using CancellationTokenRegistration link = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _cancel);
        while (_current.IsEmpty)
        {
            if (_ended || !await _chunks.MoveNextAsync().ConfigureAwait(false))
            {
                _ended = true;
                return 0;
            }

            _current = _chunks.Current;
        }

        int n = Math.Min(buffer.Length, _current.Length);
        _current[..n].CopyTo(buffer);
        _current = _current[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_ended)
        {
            await _cancel.CancelAsync().ConfigureAwait(false);
        }

        await _chunks.DisposeAsync().ConfigureAwait(false);
        _cancel.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The SDK disposes responses synchronously; the sequence's cleanup (a job cancel) must still run.
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}
