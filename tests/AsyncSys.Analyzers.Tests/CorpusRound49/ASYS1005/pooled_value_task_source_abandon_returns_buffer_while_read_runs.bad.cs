// A hot read path wraps each ring read in a pooled IValueTaskSource (ManualResetValueTaskSourceCore, no Task per read) that rents its buffer when started and returns it when the caller gets the result; its Abandon, used when a request times out, cancels the read and returns the buffer at once, while the cancelled read may still be filling it.
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using AsyncSys;

namespace Corpus49.PooledReadBad;

internal sealed class PooledRead : IValueTaskSource<int>
{
    private static readonly ConcurrentQueue<PooledRead> s_free = new();
    private readonly Action _onReadCompleted;
    private ManualResetValueTaskSourceCore<int> _core;
    private CancellationTokenSource _cancel = new();
    private ValueTask<int> _read;
    private byte[] _buffer = [];
    private Action<ReadOnlyMemory<byte>>? _consumer;

    private PooledRead()
    {
        _core.RunContinuationsAsynchronously = true;
        _onReadCompleted = OnReadCompleted;
    }

    public static PooledRead Start(IoRing ring, int fd, long offset, int length, Action<ReadOnlyMemory<byte>> consumer)
    {
        PooledRead op = s_free.TryDequeue(out PooledRead? free) ? free : new PooledRead();
        op._consumer = consumer;
        op._buffer = ArrayPool<byte>.Shared.Rent(length);
        op._read = ring.ReadAsync(fd, op._buffer.AsMemory(0, length), offset, op._cancel.Token);
        op._read.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(op._onReadCompleted);
        return op;
    }

    public ValueTask<int> Completion => new(this, _core.Version);

    public void Abandon()
    {
        _cancel.Cancel();
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void OnReadCompleted()
    {
        try
        {
            int n = _read.GetAwaiter().GetResult();
            _consumer!(_buffer.AsMemory(0, n));
            _core.SetResult(n);
        }
        catch (Exception e)
        {
            _core.SetException(e);
        }
    }

    public int GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            if (_buffer.Length != 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }

            _core.Reset();
            if (!_cancel.TryReset())
            {
                _cancel.Dispose();
                _cancel = new CancellationTokenSource();
            }

            s_free.Enqueue(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
