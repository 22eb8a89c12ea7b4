// A tar streamer writes to a non-blocking pipe and retries on EAGAIN after a short delay. The retry loop awaits the
// same ValueTask again instead of starting a new write: the second await consumes a recycled source (throws, or returns
// another operation's count), and the block is never written to the archive.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ValueTasks.TarRetrySameTask;

public static class PipeWriter
{
    private const int EAGAIN = 11;

    public static async Task<int> WriteBlockAsync(IoRing ring, int pipeFd, ReadOnlyMemory<byte> block)
    {
        ValueTask write = ring.WriteAsync(pipeFd, block, -1);
        while (true)
        {
            try
            {
                /*~ASYS1006*/await write;
                return block.Length;
            }
            catch (ErrnoException e) when (e.Errno == EAGAIN)
            {
                await Task.Delay(5);
            }
        }
    }
}
