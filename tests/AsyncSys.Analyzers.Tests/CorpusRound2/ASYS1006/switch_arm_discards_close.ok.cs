// Every case of the command switch awaits its operation; a switch expression hands the chosen task to one await.
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal enum Command
{
    Sync,
    Close,
}

internal static class Control
{
    public static async Task HandleAsync(IoRing ring, int fd, Command command)
    {
        ValueTask operation = command switch
        {
            Command.Sync => ring.FsyncAsync(fd),
            _ => ring.CloseAsync(fd),
        };
        await operation;
    }
}
