// On shutdown the spill queue makes every open segment durable by projecting the descriptors through the blocking
// fdatasync wrapper as a method group, inside an async method: each fdatasync blocks the pool thread in turn.
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.ShutdownMethodGroup;

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
        int[] results = segmentFds.Select(/*~ASYS1007*/Native.Fdatasync).ToArray();
        return results.Count(rc => rc < 0);
    }
}
