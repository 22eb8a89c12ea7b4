// A receive pump migrated from a dedicated thread to Task.Factory.StartNew(async ..., LongRunning): the loop takes the thread's [ThreadStatic] decode scratch once before its loop, but after the first await the async lambda no longer runs on the long-running thread, so it decodes into the scratch of the first thread while another pump on that thread uses it too.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.LongRunningPumpBad;

internal sealed class ReceivePump(IoRing ring, int socket, Action<char[], int> deliver)
{
    [ThreadStatic] private static char[]? t_decode;

    public Task Start(CancellationToken ct) =>
        Task.Factory.StartNew(async () =>
        {
            char[] scratch = t_decode ??= new char[16 * 1024];
            byte[] buffer = new byte[16 * 1024];
            while (!ct.IsCancellationRequested)
            {
                int n = await ring.ReceiveAsync(socket, buffer, MessageFlags.None, ct).ConfigureAwait(false);
                if (n <= 0)
                {
                    break;
                }

                int chars = System.Text.Encoding.UTF8.GetChars(buffer, 0, n, /*~ASYS1002*/scratch, 0);
                deliver(scratch, chars);
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
}
