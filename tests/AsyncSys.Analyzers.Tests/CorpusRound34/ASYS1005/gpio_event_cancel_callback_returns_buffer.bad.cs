// A door-sensor service reads GPIO line events into a pooled buffer and registers a cancellation callback that returns
// the buffer to the pool "so shutdown frees it". Cancellation is a request: the read it cancels may still complete
// into the buffer after the callback has given it back.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.GpioCancelCallbackReturn;

public sealed class DoorSensor(IoRing ring, int lineFd)
{
    public async Task<long> WaitForOpeningAsync(CancellationToken stopping)
    {
        byte[] events = ArrayPool<byte>.Shared.Rent(16);
        using CancellationTokenRegistration release = stopping.Register(() => /*~ASYS1005*/ArrayPool<byte>.Shared.Return(events));
        int n = await ring.ReadAsync(lineFd, events.AsMemory(0, 16), stopping);
        return n == 16 ? System.BitConverter.ToInt64(events, 0) : -1;
    }
}
