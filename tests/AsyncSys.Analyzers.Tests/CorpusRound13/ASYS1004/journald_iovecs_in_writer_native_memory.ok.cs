// The journald client of the .bad twin, with the iovec array in native memory the writer owns next to the msghdr
// (grown when an entry has more fields than it holds, never while a send is in flight: the caller awaits each send).
// The kernel reads header and iovecs from memory that outlives SendEntryAsync's frame.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.StackMemory.JournaldIovecsNative;

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
    private IoVec* _iov = (IoVec*)NativeMemory.Alloc(16, (nuint)sizeof(IoVec));
    private int _iovCapacity = 16;

    public JournalWriter(IoRing ring, int connectedSocket)
    {
        _ring = ring;
        _socket = connectedSocket;
    }

    // One entry at a time: the caller awaits each send before the next (header and iovecs are shared).
    public ValueTask<int> SendEntryAsync(ReadOnlySpan<JournalField> fields)
    {
        if (fields.Length > _iovCapacity)
        {
            _iov = (IoVec*)NativeMemory.Realloc(_iov, (nuint)(fields.Length * sizeof(IoVec)));
            _iovCapacity = fields.Length;
        }

        for (int i = 0; i < fields.Length; i++)
        {
            _iov[i] = new IoVec { Base = fields[i].Line, Length = (nuint)fields[i].Length };
        }

        _header->Iov = (nint)_iov;
        _header->IovLength = (nuint)fields.Length;
        return _ring.SubmitAsync(RingRequest.SendMsg(_socket, (nint)_header, MessageFlags.None));
    }

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_header);
    }
}
