// A hosted liveness prober sends a small probe on every PeriodicTimer tick through a helper that fills a msghdr and iovec kept in the prober's own native block (allocated once, freed on Dispose) and returns the SendMsg operation; the memory the kernel reads outlives the helper.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.ProbeStackMsghdrOk;

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
    private readonly unsafe byte* _block = (byte*)NativeMemory.AllocZeroed((nuint)(32 + sizeof(IoVec) + sizeof(MsgHeader)));

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

    private unsafe void Stamp(long sequence) => *(long*)_block = sequence;

    private unsafe ValueTask<int> SendProbe(int length)
    {
        IoVec* iov = (IoVec*)(_block + 32);
        MsgHeader* message = (MsgHeader*)(_block + 32 + sizeof(IoVec));
        *iov = new IoVec { Base = (nint)_block, Length = (nuint)length };
        *message = new MsgHeader { Iov = (nint)iov, IovLength = 1 };
        return ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)message, MessageFlags.None), CancellationToken.None);
    }

    public unsafe void Dispose() => NativeMemory.Free(_block);
}
