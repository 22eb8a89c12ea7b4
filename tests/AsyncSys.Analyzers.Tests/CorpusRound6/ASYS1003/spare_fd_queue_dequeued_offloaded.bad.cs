using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Shared.SpareFds;

/// <summary>
/// A memcached client keeps a few spare descriptors (dups of /dev/null) so it can still accept and refuse
/// connections at EMFILE. Releasing one closes it on a worker; the queue is shared by every connection.
/// </summary>
internal static partial class SpareDescriptors
{
    private static readonly Queue<int> s_spare = new();

    [DllImport("libc", SetLastError = true)]
    private static extern int dup(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    public static void Fill(int devNull, int count)
    {
        lock (s_spare)
        {
            for (int i = 0; i < count; i++)
            {
                s_spare.Enqueue(dup(devNull));
            }
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReleaseSpare()
    {
        if (s_spare.Count == 0)
        {
            return 0;
        }

        int fd = /*~ASYS1003*/s_spare.Dequeue();   // two releases at once can take the same descriptor, or throw
        return close(fd);
    }
}

internal sealed class AcceptLoop
{
    public async Task OnTooManyFilesAsync(CancellationToken cancellationToken)
    {
        await SpareDescriptors.ReleaseSpareAsync(cancellationToken);
    }
}
