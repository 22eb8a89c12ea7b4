// A PostgreSQL-style client sends its SSLRequest (length 8, code 80877103) through sendmsg during a synchronous open.
// The request, its iovec and the msghdr are locals; the async helper's task is turned into a Task and waited for in
// this frame, so the frame outlives the sendmsg.
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.StackMemory.PgSslRequestHelperWaited;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SslRequest
{
    public int Length;
    public int Code;
}

public sealed class SslNegotiator(IoRing ring, int fd)
{
    public unsafe int RequestSsl()
    {
        SslRequest request = new()
        {
            Length = BinaryPrimitives.ReverseEndianness(8),
            Code = BinaryPrimitives.ReverseEndianness(80877103),
        };
        IoVec iov = new() { Base = &request, Length = 8 };
        MsgHdr header = new() { Iov = &iov, IovLength = 1 };
        return SendHeaderAsync((nint)(&header)).AsTask().GetAwaiter().GetResult();
    }

    private async ValueTask<int> SendHeaderAsync(nint header) =>
        await ring.SubmitAsync(RingRequest.SendMsg(fd, header, MessageFlags.None));
}
