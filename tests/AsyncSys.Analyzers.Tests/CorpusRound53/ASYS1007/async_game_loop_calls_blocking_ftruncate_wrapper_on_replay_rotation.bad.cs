// An async game loop appends each tick's input frame to a replay file with ring writes and, every 3600 ticks, starts the replay over by calling the generated blocking ftruncate wrapper directly inside the tick loop, stalling the loop's thread for the truncate.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.ReplayRotateBad;

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
                if (/*~ASYS1007*/Native.Ftruncate(replayFd, 0) < 0)
                {
                    throw new InvalidOperationException("ftruncate failed, errno " + Marshal.GetLastPInvokeError());
                }
                _offset = 0;
            }

            byte[] frame = inputFrame(tick);
            await ring.WriteAsync(replayFd, frame, _offset, ct).ConfigureAwait(false);
            _offset += frame.Length;
        }
    }
}
