// A Modbus master keeps the current transaction's slave id in an AsyncLocal, which flows with the async call across the
// awaited serial write and read: the right tool for ambient per-operation state.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.ModbusAsyncLocal;

public sealed class ModbusMaster(IoRing ring, int ttyFd)
{
    private static readonly AsyncLocal<byte> s_slave = new();

    public async Task<int> TransactAsync(byte slave, byte[] request, byte[] reply, CancellationToken ct)
    {
        s_slave.Value = slave;
        await ring.WriteAsync(ttyFd, request, -1, ct);
        int n = await ring.ReadAsync(ttyFd, reply, ct);
        return n > 0 && reply[0] == s_slave.Value ? n : -1;
    }
}
