// A WAL shipper stores a fixed pointer into its frame array in the native msghdr's iovec through a ref local to the iovec and returns the sendmsg from inside the fixed block: after the block the GC may move the array while the kernel reads it.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Shipping;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
public unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class WalShipper : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly MsgHdr* _header;
    private readonly IoVec* _iov;
    private readonly byte[] _frame = new byte[4096];

    public WalShipper(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
        _header->Iov = _iov;
        _header->IovLength = 1;
    }

    public Span<byte> Frame => _frame;

    public ValueTask<int> ShipAsync(int length)
    {
        fixed (byte* frame = _frame)
        {
            ref IoVec vector = ref _iov[0];
            vector.Base = frame;
            vector.Length = (nuint)length;
            return /*~ASYS1004*/_ring.SubmitAsync(RingRequest.SendMsg(_socket, (nint)_header, 0));
        }
    }

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_header);
    }
}
