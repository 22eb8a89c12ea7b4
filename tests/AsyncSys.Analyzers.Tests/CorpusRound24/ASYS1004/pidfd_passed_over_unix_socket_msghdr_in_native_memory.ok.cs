// The pidfd hand-off made right: msghdr, iovec and control message live in one native block that is freed only after
// the sendmsg has been awaited.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.StackMemory.PidfdSendMsgNative;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

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

public static class PidfdHandOff
{
    private const int SOL_SOCKET = 1, SCM_RIGHTS = 1;

    public static async Task<int> SendAsync(IoRing ring, int socketFd, int pidfd, byte tag)
    {
        nint header = Build(pidfd, tag);
        try
        {
            return await ring.SubmitAsync(RingRequest.SendMsg(socketFd, header, MessageFlags.None));
        }
        finally
        {
            Free(header);
        }
    }

    private static unsafe void Free(nint block) => NativeMemory.Free((void*)block);

    private static unsafe nint Build(int pidfd, byte tag)
    {
        nuint size = (nuint)(sizeof(MsgHdr) + sizeof(IoVec) + 24 + 1);
        byte* block = (byte*)NativeMemory.AllocZeroed(size);
        {
            var header = (MsgHdr*)block;
            var iov = (IoVec*)(block + sizeof(MsgHdr));
            byte* control = block + sizeof(MsgHdr) + sizeof(IoVec);
            byte* payload = control + 24;
            *payload = tag;
            iov->Base = (nint)payload;
            iov->Length = 1;
            *(nuint*)control = 20;
            *(int*)(control + 8) = SOL_SOCKET;
            *(int*)(control + 12) = SCM_RIGHTS;
            *(int*)(control + 16) = pidfd;
            header->Iov = (nint)iov;
            header->IovLength = 1;
            header->Control = (nint)control;
            header->ControlLength = 24;
            return (nint)header;
        }
    }
}
