// A command switch awaits the sync but drops the close's ValueTask in another case.
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
        switch (command)
        {
            case Command.Sync:
                await ring.FsyncAsync(fd);
                break;
            case Command.Close:
                _ = /*~ASYS1006*/ring.CloseAsync(fd);
                break;
        }
    }
}
