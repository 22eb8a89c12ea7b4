// The interface inventory made right: the first dump request's send is awaited before the shared request array is
// stamped with the second one, so the kernel has read each header before it is overwritten.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.InFlight.LinkDumperStampsAfterSend;

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
        await links;
        Stamp(RTM_GETADDR);
        ValueTask<int> addresses = ring.SendAsync(netlinkFd, _request, MessageFlags.None, ct);
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
