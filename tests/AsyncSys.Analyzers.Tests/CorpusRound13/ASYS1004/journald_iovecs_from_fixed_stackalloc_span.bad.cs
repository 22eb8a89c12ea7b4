// A native journald client sends each entry as one datagram on its connected /run/systemd/journal/socket with sendmsg,
// one iovec per "FIELD=value\n" line. The msghdr lives in native memory the writer owns, but the iovec array is a
// `Span<IoVec> iov = stackalloc IoVec[n]` (the safe stackalloc), pinned with `fixed` only to store its address in
// msg_iov, and the sendmsg's task is returned from inside the `fixed` block. SendEntryAsync returns before the kernel
// reads the iovecs: they are stack memory of a frame that is gone, so the datagram is built from whatever the caller's
// next calls wrote there (garbage fields, EFAULT, or the lines of another entry).
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.StackMemory.JournaldIovecsOnStack;

[StructLayout(LayoutKind.Sequential)]
public struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
public struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>One field line of a journal entry, already encoded in native memory the caller owns until the send completes.</summary>
public readonly record struct JournalField(nint Line, int Length);

public sealed unsafe class JournalWriter : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public JournalWriter(IoRing ring, int connectedSocket)
    {
        _ring = ring;
        _socket = connectedSocket;
    }

    // One entry at a time: the caller awaits each send before the next (the header is shared).
    public ValueTask<int> SendEntryAsync(ReadOnlySpan<JournalField> fields)
    {
        Span<IoVec> iov = stackalloc IoVec[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            iov[i] = new IoVec { Base = fields[i].Line, Length = (nuint)fields[i].Length };
        }

        fixed (IoVec* vectors = iov)
        {
            _header->Iov = (nint)vectors;
            _header->IovLength = (nuint)fields.Length;
            return /*~ASYS1004*/_ring.SubmitAsync(RingRequest.SendMsg(_socket, (nint)_header, MessageFlags.None));
        }
    }

    public void Dispose() => NativeMemory.Free(_header);
}
