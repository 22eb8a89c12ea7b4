// A sandbox launcher records "which network namespace is this thread in" in a ThreadLocal, sets it while it prepares a
// container and restores the old value when done. The preparation awaits the ring, so the restore runs on another
// thread: that thread's record is overwritten with the first thread's, and the first thread keeps claiming to be
// inside the container; later socket setup for the host goes into the wrong namespace.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ThreadState.ThreadLocalNsRestore;

public sealed class SandboxPreparer(IoRing ring)
{
    private static readonly ThreadLocal<int> CurrentNetNs = new(() => -1);

    public async Task PrepareAsync(int containerNetNs, int configFd, byte[] config)
    {
        int saved = CurrentNetNs.Value;
        CurrentNetNs.Value = containerNetNs;
        try
        {
            await ring.ReadAsync(configFd, config, 0);
        }
        finally
        {
            /*~ASYS1002*/CurrentNetNs.Value = saved;
        }
    }
}
