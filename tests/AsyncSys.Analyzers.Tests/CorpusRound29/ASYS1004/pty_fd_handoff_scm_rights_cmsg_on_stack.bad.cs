// A terminal multiplexer hands a session's pty master to a helper process over a unix socket with SCM_RIGHTS. The
// msghdr and the iovec live in native memory the sender owns, but the control buffer carrying the fd is stackalloc'd and
// its address stored in the header before the method returns the ring's sendmsg. When the socket is busy the kernel reads
// the cmsg after the frame is gone: it passes a wrong descriptor (or fails with EBADF), and the helper drives another
// session's terminal.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.StackMemory.ScmRightsCmsgOnStack;

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
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly byte* _tag = (byte*)NativeMemory.AllocZeroed(1);

    public ValueTask<int> SendMasterAsync(IoRing ring, int socketFd, int masterFd)
    {
        byte* control = stackalloc byte[ControlLength];
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
        return /*~ASYS1004*/ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, MessageFlags.None));
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_tag);
    }
}
