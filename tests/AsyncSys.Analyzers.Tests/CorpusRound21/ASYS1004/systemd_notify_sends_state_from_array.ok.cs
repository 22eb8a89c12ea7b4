// The same systemd notifier, written right: the state is encoded into an array, which AsyncSys pins for as long as
// the send runs, whenever the caller awaits it.
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.StackMemory.SystemdNotifyArray;

public sealed class SystemdNotifier(IoRing ring, int notifySocket)
{
    public ValueTask<int> NotifyAsync(string state, CancellationToken ct)
    {
        byte[] message = Encoding.ASCII.GetBytes(state);
        return ring.SendAsync(notifySocket, message, MessageFlags.None, ct);
    }
}

public sealed class NotifyingLifetime(SystemdNotifier notifier)
{
    public async Task StartedAsync(CancellationToken ct)
    {
        await notifier.NotifyAsync("READY=1", ct);
        await notifier.NotifyAsync("STATUS=Processing requests", ct);
    }
}
