// The parallel placement made right: both cgroup writes (memory.max, then cgroup.procs) await the generated variant,
// so a slow cgroup.procs write waits on an AsyncSys worker instead of holding a pool thread.
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Blocking.CgroupMoverAwaitsVariant;

internal static class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte[] buffer, nint count);
}

public static partial class CgroupFiles
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint WriteAll(int fd, byte[] data) => Native.Write(fd, data, data.Length);
}

public readonly record struct Placement(int MemoryMaxFd, int ProcsFd, long MemoryMax, int Pid);

public static class PlacementApplier
{
    public static Task ApplyAsync(IReadOnlyList<Placement> placements, CancellationToken ct) =>
        Parallel.ForEachAsync(placements, ct, async (placement, token) =>
        {
            byte[] limit = Encoding.ASCII.GetBytes(placement.MemoryMax.ToString(CultureInfo.InvariantCulture));
            await CgroupFiles.WriteAllAsync(placement.MemoryMaxFd, limit, token);
            byte[] pid = Encoding.ASCII.GetBytes(placement.Pid.ToString(CultureInfo.InvariantCulture));
            await CgroupFiles.WriteAllAsync(placement.ProcsFd, pid, token);
        });
}
