// A producer connection frames each record batch as a header plus the records, both in the producer's native arena, and
// sends them with one sendmsg. The msghdr and its two iovecs are locals of a method that returns the send's ValueTask:
// the frame is gone before the kernel reads the header, so the send gathers from whatever the next calls put on the
// stack (a garbled batch, or EFAULT) while the producer counts the batch as sent.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.StackMemory.ProducerSendMsgOnStack;

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

public sealed class BatchSender(IoRing ring, int socket)
{
    public unsafe ValueTask<int> SendFramed(nint frameHeader, int headerLength, nint records, int recordsLength)
    {
        IoVec* vectors = stackalloc IoVec[2];
        vectors[0] = new IoVec { Base = frameHeader, Length = (nuint)headerLength };
        vectors[1] = new IoVec { Base = records, Length = (nuint)recordsLength };
        MsgHdr message = default;
        message.Iov = (nint)vectors;
        message.IovLength = 2;
        return ring.SubmitAsync(/*~ASYS1004*/RingRequest.SendMsg(socket, (nint)(&message), MessageFlags.NoSignal));
    }
}
