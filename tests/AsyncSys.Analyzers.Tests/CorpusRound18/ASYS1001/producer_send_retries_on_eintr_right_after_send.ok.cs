// A Kafka-like producer pushes a framed record batch to the broker with send(2), retrying on EINTR: errno is read in the
// loop condition right after each send, and kept in a local before anything else runs on the failure path.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.Errno.ProducerSendEintrLoop;

internal static partial class Native
{
    internal const int EINTR = 4, MSG_NOSIGNAL = 0x4000;

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static partial nint Send(int socket, byte[] buffer, nuint length, int flags);
}

public sealed class BatchSender(int brokerSocket)
{
    public int SendBatch(byte[] batch, int length)
    {
        int sentTotal = 0;
        while (sentTotal < length)
        {
            nint n;
            do
            {
                n = Native.Send(brokerSocket, batch[sentTotal..length], (nuint)(length - sentTotal), Native.MSG_NOSIGNAL);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR);

            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                Console.Error.WriteLine($"producer: send failed with errno {errno} after {sentTotal} bytes");
                throw new ErrnoException(errno, "send");
            }

            sentTotal += (int)n;
        }

        return sentTotal;
    }
}
