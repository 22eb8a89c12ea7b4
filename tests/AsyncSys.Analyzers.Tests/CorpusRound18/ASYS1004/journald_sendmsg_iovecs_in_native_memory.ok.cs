// The journald sender made right: the iovec array is native memory allocated beside the header and freed with it, so
// msg_iov stays valid until the kernel has read it, whenever the caller awaits the sendmsg.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.StackMemory.JournaldIovecsNative;

[StructLayout(LayoutKind.Sequential)]
public struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
public unsafe struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class JournalSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(IoVec)));

    public JournalSender(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
    }

    public ValueTask<int> SendAsync(byte* fields, nuint fieldsLength, byte* message, nuint messageLength, CancellationToken ct)
    {
        _iov[0] = new IoVec { Base = (nint)fields, Length = fieldsLength };
        _iov[1] = new IoVec { Base = (nint)message, Length = messageLength };
        _header->Iov = _iov;
        _header->IovLength = 2;
        return _ring.SubmitAsync(RingRequest.SendMsg(_socket, (nint)_header, MessageFlags.None), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_header);
    }
}
