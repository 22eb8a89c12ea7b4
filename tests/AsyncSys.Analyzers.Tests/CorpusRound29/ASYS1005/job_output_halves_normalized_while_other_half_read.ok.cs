// A job runner rents one 8 KiB buffer for a child's two pipes: stdout is read into its first half and stderr into its
// second. When the stdout read completes it turns the CRs of the bytes it got into LFs in place (inside the first half,
// n <= 4096) while the stderr read into the second half is still pending, then writes them to the log; the buffer goes
// back to the pool only after both reads are over, whichever way the stdout part ends (the stderr read is awaited in
// the finally before the inner finally returns the buffer).
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.OutputHalvesNormalized;

public sealed class SplitBufferPump(IoRing ring, Stream log)
{
    private const int Half = 4096;

    public async Task PumpOnceAsync(int stdoutFd, int stderrFd, CancellationToken ct)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(2 * Half);
        ValueTask<int> outRead = ring.ReadAsync(stdoutFd, rented.AsMemory(0, Half), ct);
        ValueTask<int> errRead = ring.ReadAsync(stderrFd, rented.AsMemory(Half, Half), ct);
        try
        {
            int outCount = await outRead;
            rented.AsSpan(0, outCount).Replace((byte)'\r', (byte)'\n');
            await log.WriteAsync(rented.AsMemory(0, outCount), ct);
        }
        finally
        {
            try
            {
                int errCount = await errRead;
                await log.WriteAsync(rented.AsMemory(Half, errCount), ct);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
