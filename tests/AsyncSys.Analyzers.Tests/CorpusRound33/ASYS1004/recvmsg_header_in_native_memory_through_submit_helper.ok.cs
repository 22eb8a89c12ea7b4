// The datagram receiver made right: its msghdr lives in native memory the receiver owns (one receive in flight at a
// time, freed on Dispose), so the helper may return the submitted task while the kernel still uses the header.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Stack.RecvmsgHeaderNativeHelper;

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

public sealed unsafe class DatagramReceiver(IoRing ring, int fd, nint name, nint iov, nint control) : IDisposable
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public ValueTask<int> ReceiveAsync(CancellationToken ct)
    {
        *_header = new MsgHdr
        {
            Name = name,
            NameLength = 28,
            Iov = iov,
            IovLength = 1,
            Control = control,
            ControlLength = 64,
        };
        return Submit(_header, ct);
    }

    public void Dispose() => NativeMemory.Free(_header);

    private ValueTask<int> Submit(MsgHdr* header, CancellationToken ct) =>
        ring.SubmitAsync(RingRequest.RecvMsg(fd, (nint)header, 0), ct);
}
