// The same ack frame on the stack, but the local function copies its bytes into an array before it starts the send:
// the send reads the array (pinned by AsyncSys for the whole operation), not the frame that dies with the method.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.StackMemory.AckFrameCopied;

[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal struct AckFrame
{
    public int Length;
    public short Kind;
    public int Partition;
    public long Offset;
}

public sealed class AckWriter(IoRing ring, int socket)
{
    public unsafe ValueTask<int> AckAsync(int partition, long offset, CancellationToken ct)
    {
        AckFrame frame = new() { Length = sizeof(AckFrame) - 4, Kind = 2, Partition = partition, Offset = offset };
        return Send((byte*)&frame, sizeof(AckFrame));

        ValueTask<int> Send(byte* bytes, int length)
        {
            byte[] copy = new ReadOnlySpan<byte>(bytes, length).ToArray();
            return ring.SendAsync(socket, copy, MessageFlags.None, ct);
        }
    }
}
