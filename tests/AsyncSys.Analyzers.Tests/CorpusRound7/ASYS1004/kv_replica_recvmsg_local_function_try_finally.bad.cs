using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Stack.KvReplicaRecv;

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public int NameLength;
    public nint Iov;
    public nint IovLength;
    public nint Control;
    public nint ControlLength;
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nint Length;
}

/// <summary>A key-value replica receives replication frames into a native frame buffer with recvmsg.</summary>
internal sealed unsafe class ReplicationReceiver(IoRing ring, int socketFd, nint frameBuffer, int frameSize)
{
    private int _receives;

    public int Receives => _receives;

    public ValueTask<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        IoVec vector = new() { Base = frameBuffer, Length = frameSize };
        MsgHdr header = new() { Iov = (nint)(&vector), IovLength = 1 };
        try
        {
            return Receive(/*~ASYS1004*/(nint)(&header));   // header and vector live in this frame
        }
        finally
        {
            Interlocked.Increment(ref _receives);
        }

        ValueTask<int> Receive(nint message) => ring.SubmitAsync(RingRequest.RecvMsg(socketFd, message, 0), cancellationToken);
    }
}
