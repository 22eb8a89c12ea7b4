using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Tracking;

sealed class Checkpointer
{
    private static readonly AsyncLocal<string?> s_operation = new();
    private readonly IoRing _ring;

    public Checkpointer(IoRing ring) => _ring = ring;

    public async Task CheckpointAsync(int fd)
    {
        s_operation.Value = "checkpoint";
        try
        {
            await _ring.FsyncAsync(fd);
            Console.WriteLine(s_operation.Value + " done");   // AsyncLocal flows with the await
        }
        finally
        {
            s_operation.Value = null;
        }
    }
}
