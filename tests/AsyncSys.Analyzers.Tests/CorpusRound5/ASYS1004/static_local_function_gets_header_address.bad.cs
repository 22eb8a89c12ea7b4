using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Stack.StaticLocalFunction;

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

internal static class Datagrams
{
    public static unsafe ValueTask<int> SendTo(IoRing ring, int socket, byte* address, uint addressLength, IoVector* vectors, int count)
    {
        MessageHeader header = default;
        header.Name = address;
        header.NameLength = addressLength;
        header.Vectors = vectors;
        header.VectorCount = (nuint)count;
        return /*~ASYS1004*/Submit(ring, socket, &header);

        static ValueTask<int> Submit(IoRing ring, int socket, MessageHeader* h) =>
            ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)h, MessageFlags.None));
    }
}
