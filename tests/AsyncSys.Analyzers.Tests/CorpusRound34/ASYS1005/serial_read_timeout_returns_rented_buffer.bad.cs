// A Modbus RTU master reads a slave's reply from /dev/ttyS2 into a pooled buffer and gives up after the inter-frame
// timeout, racing the read against Task.Delay. On timeout it returns the buffer to the pool and throws, but the read is
// still posted: the next byte from a late slave lands in a buffer that another request has rented since.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.ModbusReadTimeout;

public sealed class ModbusMaster(IoRing ring, int ttyFd)
{
    public async Task<byte[]> ReadReplyAsync(int expected, TimeSpan timeout, CancellationToken ct)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(256);
        Task<int> read = ring.ReadAsync(ttyFd, rented.AsMemory(0, expected), ct).AsTask();
        if (await Task.WhenAny(read, Task.Delay(timeout, ct)) != read)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(rented);
            throw new TimeoutException("slave did not answer");
        }

        int n = await read;
        byte[] reply = rented.AsSpan(0, n).ToArray();
        ArrayPool<byte>.Shared.Return(rented);
        return reply;
    }
}
