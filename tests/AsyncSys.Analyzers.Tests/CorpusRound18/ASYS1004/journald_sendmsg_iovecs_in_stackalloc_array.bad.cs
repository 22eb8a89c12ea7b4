// A structured logger speaks journald's native protocol: one sendmsg per entry on the /run/systemd/journal/socket
// datagram socket, the fields as iovecs. The msghdr lives in native memory the sender owns, but the two iovecs are put in
// a stackalloc array and the header's msg_iov points at it; the sendmsg is returned to the caller. The kernel reads the
// iovecs after this frame is gone: journald gets fields from random memory, or the send fails with EFAULT.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.StackMemory.JournaldIovecsOnStack;

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

    public JournalSender(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
    }

    public ValueTask<int> SendAsync(byte* fields, nuint fieldsLength, byte* message, nuint messageLength, CancellationToken ct)
    {
        IoVec* iov = stackalloc IoVec[2];
        iov[0] = new IoVec { Base = (nint)fields, Length = fieldsLength };
        iov[1] = new IoVec { Base = (nint)message, Length = messageLength };
        _header->Iov = iov;
        _header->IovLength = 2;
        return _ring.SubmitAsync(RingRequest.SendMsg(_socket, /*~ASYS1004*/(nint)_header, MessageFlags.None), ct);
    }

    public void Dispose() => NativeMemory.Free(_header);
}
