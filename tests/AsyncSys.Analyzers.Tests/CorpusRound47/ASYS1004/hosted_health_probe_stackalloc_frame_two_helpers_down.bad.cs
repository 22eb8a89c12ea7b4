// A hosted health prober sends a probe on every PeriodicTimer tick through a helper that builds the frame in stackalloc'd memory and returns the transport's send, which forwards the pointer to a second helper that wraps it and starts the ring's send (two levels down); the helper's frame is gone when the send reads it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.HealthProbeBad;

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

internal sealed unsafe class ProbeTransport(IoRing ring, int socket)
{
    private long _probesSent;

    public long ProbesSent => Volatile.Read(ref _probesSent);

    public ValueTask<int> SendProbeAsync(byte* frame, int length, CancellationToken ct)
    {
        Interlocked.Increment(ref _probesSent);
        return SendRawAsync(frame, length, ct);
    }

    private ValueTask<int> SendRawAsync(byte* frame, int length, CancellationToken ct) =>
        ring.SendAsync(socket, new UnmanagedFrame(frame, length).Memory, MessageFlags.None, ct);
}

/// <summary>The shape of Microsoft.Extensions.Hosting's BackgroundService, which the corpus compiles without.</summary>
internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task StartAsync(CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
}

internal sealed class HealthProbeService(ProbeTransport transport) : BackgroundService, IDisposable
{
    private readonly unsafe byte* _probe = (byte*)NativeMemory.AllocZeroed(16);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        uint sequence = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await SendProbe(++sequence, stoppingToken).ConfigureAwait(false);
        }
    }

    public unsafe void Dispose() => NativeMemory.Free(_probe);

    private unsafe ValueTask<int> SendProbe(uint sequence, CancellationToken ct)
    {
        byte* probe = stackalloc byte[16];
        new Span<byte>(probe, 16).Clear();
        probe[0] = 0xA5;
        *(uint*)(probe + 4) = sequence;
        return transport.SendProbeAsync(/*~ASYS1004*/probe, 16, ct);
    }
}
