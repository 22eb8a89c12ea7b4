// A container agent applies placements in parallel: for each container it sets memory.max with the generated async
// write, then moves the pid into cgroup.procs with the blocking wrapper, inside the async lambda of
// Parallel.ForEachAsync. The write to cgroup.procs can block for a long time on a busy cgroup (cgroup_threadgroup_rwsem),
// holding pool threads the whole time; under a pod storm the pool starves and the agent's health checks time out.
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Blocking.CgroupMoverBlocksInLambda;

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
            /*~ASYS1007*/CgroupFiles.WriteAll(placement.ProcsFd, pid);
        });
}
