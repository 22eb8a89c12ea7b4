// An async hasher calls a blocking wrapper inside Task.Run: it runs on a pool thread of its own, not the async code's.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Blocking.HashTaskRun;

public sealed partial class MappedFile(int fd)
{
    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int Advise(long length) => fd + (int)length;
}

public static class Hasher
{
    public static async Task<int> PrepareAsync(MappedFile file, long length, CancellationToken ct)
    {
        return await Task.Run(() => file.Advise(length), ct);
    }
}
