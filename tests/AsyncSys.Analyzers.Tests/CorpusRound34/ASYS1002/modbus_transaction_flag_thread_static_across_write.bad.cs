// A Modbus master marks "a transaction is running on this thread" in a [ThreadStatic] flag, to refuse nested
// transactions from its callbacks, and clears it after the awaited serial exchange. The clear runs on the thread the
// read completed on: the first thread stays marked busy forever and refuses every later transaction started there.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.ModbusThreadStaticFlag;

public sealed class ModbusMaster(IoRing ring, int ttyFd)
{
    [ThreadStatic] private static bool t_inTransaction;

    public async Task<int> TransactAsync(byte[] request, byte[] reply, CancellationToken ct)
    {
        if (t_inTransaction) throw new InvalidOperationException("nested Modbus transaction");
        t_inTransaction = true;
        await ring.WriteAsync(ttyFd, request, -1, ct);
        int n = await ring.ReadAsync(ttyFd, reply, ct);
        /*~ASYS1002*/t_inTransaction = false;
        return n;
    }
}
