// The door-sensor service made right: the pooled buffer goes back in a finally, after the read (cancelled or not) has
// completed.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.GpioReturnAfterRead;

public sealed class DoorSensor(IoRing ring, int lineFd)
{
    public async Task<long> WaitForOpeningAsync(CancellationToken stopping)
    {
        byte[] events = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            int n = await ring.ReadAsync(lineFd, events.AsMemory(0, 16), stopping);
            return n == 16 ? System.BitConverter.ToInt64(events, 0) : -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(events);
        }
    }
}
