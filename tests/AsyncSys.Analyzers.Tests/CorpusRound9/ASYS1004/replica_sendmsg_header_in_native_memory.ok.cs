using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Stack.ReplicaShipperOk;

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

/// <summary>A primary ships a WAL frame to a replica in one sendmsg; the msghdr lives in native memory the shipper owns.</summary>
internal sealed class ReplicaShipper(IoRing ring, int socketFd, nint vectors) : IDisposable
{
    private readonly nint _header = AllocateHeader();
    private readonly SemaphoreSlim _one = new(1, 1);   // one sendmsg at a time uses _header
    private long _shippedLsn;

    public long ShippedLsn => Interlocked.Read(ref _shippedLsn);

    public ValueTask<int> ShipAsync(long lsn)
    {
        return Send(_header);

        async ValueTask<int> Send(nint m)
        {
            await _one.WaitAsync();
            try
            {
                Describe(m, vectors);
                int sent = await ring.SubmitAsync(RingRequest.SendMsg(socketFd, m, MessageFlags.NoSignal));
                Interlocked.Exchange(ref _shippedLsn, lsn);
                return sent;
            }
            finally
            {
                _one.Release();
            }
        }
    }

    public void Dispose()
    {
        Free(_header);
        _one.Dispose();
    }

    private static unsafe nint AllocateHeader() => (nint)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    private static unsafe void Describe(nint header, nint iov)
    {
        var h = (MsgHdr*)header;
        *h = default;
        h->Iov = iov;
        h->IovLength = 2;
    }

    private static unsafe void Free(nint address) => NativeMemory.Free((void*)address);
}
