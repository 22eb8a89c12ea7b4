// A kTLS sender marks alerts and handshake messages with a TLS_SET_RECORD_TYPE control message on sendmsg. The msghdr
// lives in native memory, but the cmsg is a local struct whose address is stored in the header's Control field before
// the method returns the ring's task. When the socket is full the send runs after the frame is gone: the kernel reads a
// reused stack slot as the record type and sends an alert as application data (or fails with EINVAL), and the peer
// tears the connection down.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.StackMemory.KtlsRecordTypeCmsg;

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
internal struct RecordTypeCmsg
{
    public nuint Length;
    public int Level;
    public int Type;
    public byte RecordType;
}

public sealed unsafe class KtlsRecordSender
{
    private const int SOL_TLS = 282, TLS_SET_RECORD_TYPE = 1;
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public ValueTask<int> SendRecordAsync(IoRing ring, int socketFd, nint iovecs, int iovecCount, byte recordType)
    {
        RecordTypeCmsg cmsg = new() { Length = (nuint)sizeof(RecordTypeCmsg), Level = SOL_TLS, Type = TLS_SET_RECORD_TYPE, RecordType = recordType };
        _header->Iov = iovecs;
        _header->IovLength = (nuint)iovecCount;
        /*~ASYS1004*/_header->Control = (nint)(&cmsg);
        _header->ControlLength = (nuint)sizeof(RecordTypeCmsg);
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, 0));
    }
}
