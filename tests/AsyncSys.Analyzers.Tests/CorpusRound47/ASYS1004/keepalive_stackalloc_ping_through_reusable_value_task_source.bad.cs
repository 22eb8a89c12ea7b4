// A connection's keepalive builds its PING frame in stackalloc'd memory and hands the pointer to the connection's reusable IValueTaskSource send operation, whose SendAsync wraps it in a MemoryManager and starts the ring's send; the returned ValueTask outlives PingAsync's frame, so the kernel reads a dead stack.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using AsyncSys;

namespace Corpus47.PingOperationBad;

internal sealed unsafe class UnmanagedFrame : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public UnmanagedFrame(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

/// <summary>
/// A reusable send operation in the shape Kestrel's and NATS's transports use: one IValueTaskSource per connection,
/// reset for each send, so a ping costs no allocation.
/// </summary>
internal sealed class SendOperation(IoRing ring, int socket) : IValueTaskSource<int>, IDisposable
{
    private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = true };

    public unsafe byte* Frame { get; } = (byte*)NativeMemory.Alloc(64);

    public unsafe ValueTask<int> SendAsync(byte* frame, int length, CancellationToken ct)
    {
        _core.Reset();
        ValueTask<int> send = ring.SendAsync(socket, new UnmanagedFrame(frame, length).Memory, MessageFlags.None, ct);
        if (send.IsCompletedSuccessfully)
        {
            _core.SetResult(send.Result);
        }
        else
        {
            _ = CompleteAsync(send);
        }

        return new ValueTask<int>(this, _core.Version);
    }

    private async Task CompleteAsync(ValueTask<int> send)
    {
        try
        {
            _core.SetResult(await send.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            _core.SetException(e);
        }
    }

    public int GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public unsafe void Dispose() => NativeMemory.Free(Frame);
}

internal sealed unsafe class PingSender(SendOperation operation)
{
    public ValueTask<int> PingAsync(long timestamp, CancellationToken ct)
    {
        byte* ping = stackalloc byte[9];
        ping[0] = 0x09;
        BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(ping + 1, 8), timestamp);
        return operation.SendAsync(/*~ASYS1004*/ping, 9, ct);
    }
}
