// The same fd hand-off made right: the control buffer is an array on the pinned object heap held by a readonly field
// (it neither moves nor dies when the fixed block ends), so the sendmsg may read it whenever it runs. One hand-off at a
// time per instance, as the caller guarantees.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.StackMemory.ScmRightsCmsgPinned;

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

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

public sealed unsafe class PtyHandoff : IDisposable
{
    private const int SOL_SOCKET = 1, SCM_RIGHTS = 1;
    private const int ControlLength = 24;
    private readonly byte[] _control = GC.AllocateArray<byte>(ControlLength, pinned: true);
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly byte* _tag = (byte*)NativeMemory.AllocZeroed(1);

    public ValueTask<int> SendMasterAsync(IoRing ring, int socketFd, int masterFd)
    {
        fixed (byte* control = _control)
        {
            *(nuint*)control = (nuint)(16 + sizeof(int));
            *(int*)(control + 8) = SOL_SOCKET;
            *(int*)(control + 12) = SCM_RIGHTS;
            *(int*)(control + 16) = masterFd;

            _iov->Base = (nint)_tag;
            _iov->Length = 1;
            _header->Iov = (nint)_iov;
            _header->IovLength = 1;
            _header->Control = (nint)control;
            _header->ControlLength = ControlLength;
            return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, MessageFlags.None));
        }
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_tag);
    }
}
