// The cancellation callback shuts the socket down with a synchronous call; the ring close is awaited elsewhere.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal sealed partial class Connection(IoRing ring, int socket)
{
    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    private static partial int Shutdown(int fd, int how);

    public CancellationTokenRegistration CloseWhenCancelled(CancellationToken cancellationToken) =>
        cancellationToken.Register(() => Shutdown(socket, 2));

    public async Task CloseAsync() => await ring.CloseAsync(socket);
}
