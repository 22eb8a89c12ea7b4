// The same kTLS sender with the record-type cmsg allocated in native memory beside the header and freed with it: the
// control message outlives the method and stays where the kernel reads it. (One send at a time per sender, awaited by
// the caller before the next.)
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.StackMemory.KtlsRecordTypeNativeCmsg;

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

public sealed unsafe class KtlsRecordSender : IDisposable
{
    private const int SOL_TLS = 282, TLS_SET_RECORD_TYPE = 1;
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly RecordTypeCmsg* _cmsg = (RecordTypeCmsg*)NativeMemory.AllocZeroed((nuint)sizeof(RecordTypeCmsg));

    public ValueTask<int> SendRecordAsync(IoRing ring, int socketFd, nint iovecs, int iovecCount, byte recordType)
    {
        *_cmsg = new RecordTypeCmsg { Length = (nuint)sizeof(RecordTypeCmsg), Level = SOL_TLS, Type = TLS_SET_RECORD_TYPE, RecordType = recordType };
        _header->Iov = iovecs;
        _header->IovLength = (nuint)iovecCount;
        _header->Control = (nint)_cmsg;
        _header->ControlLength = (nuint)sizeof(RecordTypeCmsg);
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, 0));
    }

    public void Dispose()
    {
        NativeMemory.Free(_cmsg);
        NativeMemory.Free(_header);
    }
}
