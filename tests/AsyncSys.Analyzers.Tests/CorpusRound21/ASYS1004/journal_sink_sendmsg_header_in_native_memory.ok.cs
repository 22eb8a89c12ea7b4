// The same journal sink, written right: the msghdr lives in native memory the sink owns beside the iovec and payload,
// so it outlives the method until the logging loop has awaited the send.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.StackMemory.JournalSinkNativeHeader;

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
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private byte* _payload;
    private int _capacity;

    // The logging loop awaits each entry before it writes the next, so the native blocks are free again by then.
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

        _header->Iov = (nint)_iov;
        _header->IovLength = 1;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, 0));
    }

    public void Dispose()
    {
        NativeMemory.Free(_payload);
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
    }
}
