using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Stack.NativeOwner;

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

// msghdr and iovec in native memory, freed only when the owner is disposed.
internal sealed unsafe class NativeMessage : IAsyncDisposable
{
    private readonly MessageHeader* _header;
    private readonly IoVector* _vector;

    public NativeMessage(byte* data, int length)
    {
        _header = (MessageHeader*)NativeMemory.AllocZeroed((nuint)sizeof(MessageHeader));
        _vector = (IoVector*)NativeMemory.AllocZeroed((nuint)sizeof(IoVector));
        _vector->Base = data;
        _vector->Length = (nuint)length;
        _header->Vectors = _vector;
        _header->VectorCount = 1;
    }

    public nint Address => (nint)_header;

    public ValueTask DisposeAsync()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_vector);
        return ValueTask.CompletedTask;
    }
}

internal static class Receiver
{
    public static async Task<int> ReceiveAsync(IoRing ring, int socket, nint data, int length)
    {
        await using NativeMessage message = Create(data, length);
        return await ring.SubmitAsync(RingRequest.RecvMsg(socket, message.Address, MessageFlags.None));   // awaited before the free
    }

    private static unsafe NativeMessage Create(nint data, int length) => new((byte*)data, length);
}
