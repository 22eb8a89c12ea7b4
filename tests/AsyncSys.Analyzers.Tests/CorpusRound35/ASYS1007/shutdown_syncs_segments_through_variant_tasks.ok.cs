// On shutdown the spill queue starts the generated fdatasync variant for every segment and awaits them all.
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.ShutdownVariantTasks;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fdatasync(int fd);
}

public sealed class SpillShutdown(IoRing ring, IReadOnlyList<int> segmentFds)
{
    public async Task<int> StopAsync()
    {
        await ring.NopAsync();
        Task<int>[] syncs = segmentFds.Select(fd => Native.FdatasyncAsync(ring, fd).AsTask()).ToArray();
        int[] results = await Task.WhenAll(syncs);
        return results.Count(rc => rc < 0);
    }
}
