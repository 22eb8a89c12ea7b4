using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.CatchClose;

internal static class Greeter
{
    public static async Task<int> AcceptAndGreetAsync(IoRing ring, int listenFd, ReadOnlyMemory<byte> greeting)
    {
        int fd = await ring.AcceptAsync(listenFd);
        try
        {
            await ring.SendAsync(fd, greeting);
            return fd;
        }
        catch (ErrnoException)
        {
            /*~ASYS1006*/ring.CloseAsync(fd);   // dropped: its failure and its completion are never seen
            throw;
        }
    }
}
