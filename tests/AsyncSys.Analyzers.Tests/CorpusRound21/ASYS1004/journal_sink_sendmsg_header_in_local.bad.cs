// A logging sink for the systemd journal (native protocol: one datagram per entry, sent with sendmsg) keeps its iovec
// and payload in native memory it owns, but builds the msghdr as a local struct and submits the sendmsg with its
// address, returning the task to the logging loop. The header dies with the frame before the kernel reads it: the
// send uses a garbage iovec pointer (EFAULT, or another entry's bytes).
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.StackMemory.JournalSinkLocalHeader;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nint IovLength;
    public nint Control;
    public nint ControlLength;
    public int Flags;
}

public sealed unsafe class JournalSink(IoRing ring, int socketFd) : IDisposable
{
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private byte* _payload;
    private int _capacity;

    // The logging loop awaits each entry before it writes the next, so the payload block is free again by then.
    public ValueTask<int> WriteEntryAsync(ReadOnlySpan<byte> entry)
    {
        if (entry.Length > _capacity)
        {
            _payload = (byte*)NativeMemory.Realloc(_payload, (nuint)entry.Length);
            _capacity = entry.Length;
        }

        entry.CopyTo(new Span<byte>(_payload, entry.Length));
        _iov->Base = (nint)_payload;
        _iov->Length = entry.Length;

        MsgHdr header = default;
        header.Iov = (nint)_iov;
        header.IovLength = 1;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, /*~ASYS1004*/(nint)(&header), 0));
    }

    public void Dispose()
    {
        NativeMemory.Free(_payload);
        NativeMemory.Free(_iov);
    }
}
