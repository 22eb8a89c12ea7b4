// The same framed batch send with the msghdr and its iovecs in native memory the connection owns for its lifetime; the
// connection's caller awaits each send before it frames the next, and Dispose runs after the last send was awaited.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.StackMemory.ProducerSendMsgNative;

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

public sealed unsafe class BatchSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly MsgHdr* _message;
    private readonly IoVec* _vectors;

    public BatchSender(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
        _message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _vectors = (IoVec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(IoVec)));
    }

    public ValueTask<int> SendFramed(nint frameHeader, int headerLength, nint records, int recordsLength)
    {
        _vectors[0] = new IoVec { Base = frameHeader, Length = (nuint)headerLength };
        _vectors[1] = new IoVec { Base = records, Length = (nuint)recordsLength };
        _message->Iov = (nint)_vectors;
        _message->IovLength = 2;
        return _ring.SubmitAsync(RingRequest.SendMsg(_socket, (nint)_message, MessageFlags.NoSignal));
    }

    public void Dispose()
    {
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_message);
    }
}
