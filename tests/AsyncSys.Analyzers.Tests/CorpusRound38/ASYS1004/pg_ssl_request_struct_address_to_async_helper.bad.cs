// A PostgreSQL-style client sends its SSLRequest (length 8, code 80877103) through sendmsg. The request, its iovec and
// the msghdr are locals; the msghdr's address goes to an async helper of the same library that awaits the sendmsg. The
// helper hands back its task at its first await and this method returns it at once: the frame holding all three is
// gone while the kernel may still read the msghdr and the 8 bytes it points to.
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.StackMemory.PgSslRequestAsyncHelper;

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
    public unsafe ValueTask<int> RequestSslAsync()
    {
        SslRequest request = new()
        {
            Length = BinaryPrimitives.ReverseEndianness(8),
            Code = BinaryPrimitives.ReverseEndianness(80877103),
        };
        IoVec iov = new() { Base = &request, Length = 8 };
        MsgHdr header = new() { Iov = &iov, IovLength = 1 };
        return /*~ASYS1004*/SendHeaderAsync((nint)(&header));
    }

    private async ValueTask<int> SendHeaderAsync(nint header) =>
        await ring.SubmitAsync(RingRequest.SendMsg(fd, header, MessageFlags.None));
}
