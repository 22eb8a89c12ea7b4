// The segment roller consumes "segment full" notices from a Channel in an async lambda and trims each old segment with
// the blocking ftruncate wrapper, holding a pool thread for every truncate on a busy disk.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.RollerFtruncate;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ftruncate(int fd, long length);
}

public sealed class SegmentRoller(Channel<(int Fd, long KeepBytes)> full)
{
    public Task RunAsync(CancellationToken ct)
    {
        Func<Task> loop = async () =>
        {
            await foreach (var (fd, keep) in full.Reader.ReadAllAsync(ct))
            {
                /*~ASYS1007*/Native.Ftruncate(fd, keep);
            }
        };
        return loop();
    }
}
