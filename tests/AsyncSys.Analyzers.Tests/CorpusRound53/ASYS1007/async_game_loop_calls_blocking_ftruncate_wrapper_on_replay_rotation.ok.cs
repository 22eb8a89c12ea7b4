// An async game loop appends each tick's input frame to a replay file with ring writes and, every 3600 ticks, starts the replay over by awaiting the generated asynchronous ftruncate.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.ReplayRotateOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ftruncate(int fd, long length);
}

internal sealed class ReplayRecorder(IoRing ring, int replayFd)
{
    private long _offset;

    public async Task RunAsync(Func<long, byte[]> inputFrame, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(16));
        long tick = 0;
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            tick++;
            if (tick % 3600 == 0)
            {
                await Native.FtruncateAsync(ring, replayFd, 0, ct).ConfigureAwait(false);
                _offset = 0;
            }

            byte[] frame = inputFrame(tick);
            await ring.WriteAsync(replayFd, frame, _offset, ct).ConfigureAwait(false);
            _offset += frame.Length;
        }
    }
}
