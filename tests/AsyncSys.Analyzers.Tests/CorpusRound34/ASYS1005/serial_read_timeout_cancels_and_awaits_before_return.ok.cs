// The Modbus RTU master made right: on timeout it cancels the read and awaits it before the buffer goes back to the
// pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.ModbusReadTimeoutAwaited;

public sealed class ModbusMaster(IoRing ring, int ttyFd)
{
    public async Task<byte[]> ReadReplyAsync(int expected, TimeSpan timeout, CancellationToken ct)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(256);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> read = ring.ReadAsync(ttyFd, rented.AsMemory(0, expected), cancel.Token).AsTask();
        if (await Task.WhenAny(read, Task.Delay(timeout, ct)) != read)
        {
            cancel.Cancel();
            try { await read; } catch (OperationCanceledException) { }
            ArrayPool<byte>.Shared.Return(rented);
            throw new TimeoutException("slave did not answer");
        }

        int n = await read;
        byte[] reply = rented.AsSpan(0, n).ToArray();
        ArrayPool<byte>.Shared.Return(rented);
        return reply;
    }
}
