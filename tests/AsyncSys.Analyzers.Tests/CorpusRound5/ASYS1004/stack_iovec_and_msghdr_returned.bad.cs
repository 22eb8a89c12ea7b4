using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Stack.IovecMsghdr;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public byte* Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

internal static class Framing
{
    // Header and body are native memory the caller owns; only the descriptors of the send live here.
    public static unsafe ValueTask<int> SendFrame(IoRing ring, int socket, byte* header, int headerLength, byte* body, int bodyLength)
    {
        IoVector* vectors = stackalloc IoVector[2];
        vectors[0] = new IoVector { Base = header, Length = (nuint)headerLength };
        vectors[1] = new IoVector { Base = body, Length = (nuint)bodyLength };
        MessageHeader message = new() { Vectors = vectors, VectorCount = 2 };
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)(&message), MessageFlags.NoSignal));
    }
}
