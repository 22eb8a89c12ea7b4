// A receive pump migrated from a dedicated thread to Task.Factory.StartNew(async ..., LongRunning): the loop takes the running thread's [ThreadStatic] decode scratch after each receive's await, on the thread that decodes, and hands it on before the next await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.LongRunningPumpOk;

internal sealed class ReceivePump(IoRing ring, int socket, Action<char[], int> deliver)
{
    [ThreadStatic] private static char[]? t_decode;

    public Task Start(CancellationToken ct) =>
        Task.Factory.StartNew(async () =>
        {
            byte[] buffer = new byte[16 * 1024];
            while (!ct.IsCancellationRequested)
            {
                int n = await ring.ReceiveAsync(socket, buffer, MessageFlags.None, ct).ConfigureAwait(false);
                if (n <= 0)
                {
                    break;
                }

                char[] scratch = t_decode ??= new char[16 * 1024];
                int chars = System.Text.Encoding.UTF8.GetChars(buffer, 0, n, scratch, 0);
                deliver(scratch, chars);
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
}
