// An interface inventory pipelines two rtnetlink dump requests (RTM_GETLINK, then RTM_GETADDR) built in one request
// array. It stamps the second request into the array while the send of the first is still in flight: if the ring sends
// late, the kernel reads the second header twice (or half of each), the link dump is never requested and the inventory
// waits for a reply that never comes.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.InFlight.LinkDumperStampsWhileSending;

public sealed class LinkDumper(IoRing ring, int netlinkFd)
{
    private const ushort RTM_GETLINK = 18, RTM_GETADDR = 22, NLM_F_REQUEST = 1, NLM_F_DUMP = 0x300;
    private const int RequestLength = 32;
    private readonly byte[] _request = new byte[RequestLength];
    private uint _sequence;

    public async Task RequestLinksAndAddressesAsync(CancellationToken ct)
    {
        Stamp(RTM_GETLINK);
        ValueTask<int> links = ring.SendAsync(netlinkFd, _request, MessageFlags.None, ct);
        /*~ASYS1005*/Stamp(RTM_GETADDR);
        ValueTask<int> addresses = ring.SendAsync(netlinkFd, _request, MessageFlags.None, ct);
        await links;
        await addresses;
    }

    private void Stamp(ushort type)
    {
        Span<byte> header = _request;
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, RequestLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], NLM_F_REQUEST | NLM_F_DUMP);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], ++_sequence);
    }
}
