// The tar streamer's retry made right: every attempt starts a new write and awaits that one once.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ValueTasks.TarRetryNewTask;

public static class PipeWriter
{
    private const int EAGAIN = 11;

    public static async Task<int> WriteBlockAsync(IoRing ring, int pipeFd, ReadOnlyMemory<byte> block)
    {
        while (true)
        {
            ValueTask write = ring.WriteAsync(pipeFd, block, -1);
            try
            {
                await write;
                return block.Length;
            }
            catch (ErrnoException e) when (e.Errno == EAGAIN)
            {
                await Task.Delay(5);
            }
        }
    }
}
