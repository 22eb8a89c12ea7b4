using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Stack.RefStructHeader;

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

internal unsafe ref struct ReceiveSetup
{
    public MessageHeader Header;
    public IoVector Vector;
}

internal static class Receiver
{
    // The data buffer is native and outlives the call; the msghdr and its iovec are on this frame.
    public static unsafe ValueTask<int> Receive(IoRing ring, int socket, byte* data, int length)
    {
        ReceiveSetup setup = default;
        setup.Vector = new IoVector { Base = data, Length = (nuint)length };
        setup.Header.Vectors = &setup.Vector;
        setup.Header.VectorCount = 1;
        return ring.SubmitAsync(RingRequest.RecvMsg(socket, /*~ASYS1004*/(nint)(&setup.Header), MessageFlags.None));
    }
}
