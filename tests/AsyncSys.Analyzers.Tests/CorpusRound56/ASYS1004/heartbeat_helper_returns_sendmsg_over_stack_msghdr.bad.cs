// A hosted liveness prober sends a small probe on every PeriodicTimer tick through a helper that builds the msghdr and iovec as locals of its own frame and returns the SendMsg operation; the caller awaits it, but the helper's frame, and the msghdr the kernel reads, are gone as soon as the helper returns.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.ProbeStackMsghdrBad;

internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

internal struct MsgHeader
{
    public nint Name;
    public int NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

internal sealed class LivenessProber(IoRing ring, int socket) : IDisposable
{
    private readonly unsafe byte* _probe = (byte*)NativeMemory.AllocZeroed(32);

    public async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        long sequence = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            Stamp(++sequence);
            await SendProbe(32).ConfigureAwait(false);
        }
    }

    private unsafe void Stamp(long sequence) => *(long*)_probe = sequence;

    private unsafe ValueTask<int> SendProbe(int length)
    {
        IoVec iov = new() { Base = (nint)_probe, Length = (nuint)length };
        MsgHeader message = new() { Iov = (nint)(&iov), IovLength = 1 };
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)(&message), MessageFlags.None), CancellationToken.None);
    }

    public unsafe void Dispose() => NativeMemory.Free(_probe);
}
