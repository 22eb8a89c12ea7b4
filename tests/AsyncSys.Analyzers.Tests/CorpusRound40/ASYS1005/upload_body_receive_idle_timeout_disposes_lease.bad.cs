// A request-body upload receives into a MemoryPool lease with an idle timeout (WaitAsync on the receive's Task) and writes each chunk with pwrite; an idle client gets a 408 and the handler leaves, disposing the lease while the receive is still posted.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Uploads;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

internal sealed class UploadReceiver(IoRing ring, TimeSpan idleTimeout)
{
    public async Task<int> ReceiveBodyAsync(int socket, int file, long contentLength, CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(16 * 1024);
        long received = 0;
        while (received < contentLength)
        {
            int n;
            try
            {
                n = await ring.ReceiveAsync(socket, lease.Memory, MessageFlags.None, ct).AsTask().WaitAsync(idleTimeout, ct);
            }
            catch (TimeoutException)
            {
                return 408;
            }

            if (n == 0)
            {
                return 400;
            }

            await Libc.PWriteAsync(file, lease.Memory[..n], received, ct);
            received += n;
        }

        return 201;
    }
}
