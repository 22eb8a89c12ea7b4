// The pipelining writer made right: the msghdr and its iovec array live in native memory the writer allocates once
// and frees only in DisposeAsync after the last send has been awaited, so a send returned before it completes reads
// live memory. The iovecs point at native buffers the writer owns too. One flush at a time: the pipeline awaits each
// flush before it refills the header and body and flushes again.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Stack.PipelinedSendMsgNative;

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

public sealed class PipelineWriter : IAsyncDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly unsafe byte* _header;
    private readonly unsafe byte* _body;
    private readonly unsafe IoVec* _iov;
    private readonly unsafe MsgHdr* _message;
    private ValueTask<int> _lastSend;

    public unsafe PipelineWriter(IoRing ring, int fd, byte* header, byte* body)
    {
        _ring = ring;
        _fd = fd;
        _header = header;
        _body = body;
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(IoVec)));
        _message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _message->Iov = (nint)_iov;
        _message->IovLength = 2;
    }

    public unsafe ValueTask<int> Flush(int headerLength, int bodyLength, CancellationToken ct)
    {
        _iov[0] = new IoVec { Base = (nint)_header, Length = (nuint)headerLength };
        _iov[1] = new IoVec { Base = (nint)_body, Length = (nuint)bodyLength };
        _lastSend = _ring.SubmitAsync(RingRequest.SendMsg(_fd, (nint)_message, MessageFlags.NoSignal), ct).Preserve();
        return _lastSend;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _lastSend;
        }
        catch (ErrnoException)
        {
            // The connection is being torn down; the send's failure no longer matters, only that it has ended.
        }

        Free();
    }

    private unsafe void Free()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_message);
    }
}
