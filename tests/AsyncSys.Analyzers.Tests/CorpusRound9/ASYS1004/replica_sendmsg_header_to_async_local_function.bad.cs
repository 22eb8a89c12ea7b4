using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Stack.ReplicaShipper;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>A primary ships a WAL frame (16-byte header, then the payload, both in native memory) to a replica in one sendmsg.</summary>
internal sealed class ReplicaShipper(IoRing ring, int socketFd, nint vectors)
{
    private long _shippedLsn;

    public long ShippedLsn => Interlocked.Read(ref _shippedLsn);

    /// <param name="vectors">Two IoVec entries in native memory the shipper owns, already pointing at header and payload.</param>
    public ValueTask<int> ShipAsync(long lsn)
    {
        MsgHdr header = default;
        header.Iov = vectors;
        header.IovLength = 2;
        nint message;
        unsafe
        {
            message = (nint)(&header);
        }

        // Send awaits the sendmsg, but this method returns at Send's first await: the msghdr's frame is gone by then
        return Send(/*~ASYS1004*/message);

        async ValueTask<int> Send(nint m)
        {
            int sent = await ring.SubmitAsync(RingRequest.SendMsg(socketFd, m, MessageFlags.NoSignal));
            Interlocked.Exchange(ref _shippedLsn, lsn);
            return sent;
        }
    }
}
