// The same audit receiver with its control buffer allocated on the pinned object heap (GC.AllocateArray(pinned: true))
// in a readonly field: the array never moves and lives as long as the receiver, so the `fixed` only takes its address.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.StackMemory.AuditControlPinned;

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class AuditReceiver
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly byte[] _control = GC.AllocateArray<byte>(64, pinned: true);

    public ValueTask<int> ReceiveAsync(IoRing ring, int auditFd, nint iovecs)
    {
        _header->Iov = iovecs;
        _header->IovLength = 1;
        fixed (byte* control = _control)
        {
            _header->Control = (nint)control;
        }

        _header->ControlLength = (nuint)_control.Length;
        return ring.SubmitAsync(RingRequest.RecvMsg(auditFd, (nint)_header, 0));
    }
}
