// The same zero-copy pump awaiting the generated SpliceAtAsync for both halves of the relay.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.Blocking.SpliceVariantPump;

public static partial class Native
{
    [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)]
    public static unsafe partial nint Splice(int fdIn, long* offIn, int fdOut, long* offOut, nuint length, uint flags);

    [AsyncSyscall(RingOp.Splice)]
    public static unsafe nint SpliceAt(int fdIn, long offIn, int fdOut, long offOut, nuint length, uint flags) =>
        Splice(fdIn, offIn == -1 ? null : &offIn, fdOut, offOut == -1 ? null : &offOut, length, flags);
}

public sealed class SplicePump(IoRing ring, int clientFd, int pipeRead, int pipeWrite, int backendFd)
{
    private const uint SPLICE_F_MOVE = 1;

    public async Task<long> PumpAsync(CancellationToken ct)
    {
        long total = 0;
        while (!ct.IsCancellationRequested)
        {
            nint n = await Native.SpliceAtAsync(ring, clientFd, -1, pipeWrite, -1, 65536, SPLICE_F_MOVE, ct);
            if (n <= 0)
            {
                break;
            }

            nint left = n;
            while (left > 0)
            {
                left -= await Native.SpliceAtAsync(ring, pipeRead, -1, backendFd, -1, (nuint)left, SPLICE_F_MOVE, ct);
            }

            total += n;
        }

        return total;
    }
}
