using System.Runtime.InteropServices;

namespace Round5.Stack.BlockingRecvmsg;

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

internal static unsafe class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern nint recvmsg(int socket, MessageHeader* message, int flags);
}

internal static class CredentialProbe
{
    // A blocking recvmsg: the kernel is done with the stack memory when the call returns.
    public static unsafe nint ReceiveControl(int socket, byte* data, int length, byte[] control)
    {
        IoVector vector = new() { Base = data, Length = (nuint)length };
        byte* cmsg = stackalloc byte[64];
        MessageHeader header = new() { Vectors = &vector, VectorCount = 1, Control = cmsg, ControlLength = 64 };
        nint n = Native.recvmsg(socket, &header, 0);
        new System.Span<byte>(cmsg, (int)header.ControlLength).CopyTo(control);
        return n;
    }
}
