// The sandbox launcher made right: the namespace it is working in is ambient per-operation state, kept in an
// AsyncLocal that flows with the async call across the await and is restored for the caller automatically.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ThreadState.ThreadLocalNsRestoreOk;

public sealed class SandboxPreparer(IoRing ring)
{
    private static readonly AsyncLocal<int> CurrentNetNs = new();

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
            CurrentNetNs.Value = saved;
        }
    }
}
