// A consumer that calls a blocking wrapper inside an async method: the package's analyzer reports ASYS1007
// and its code fix (dotnet format) turns the call into an await of the generated FlockAsync.
using System.Runtime.InteropServices;
using AsyncSys;

Console.WriteLine(await Locks.LockAsync(0, CancellationToken.None));

internal static partial class Locks
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);

    internal static async Task<int> LockAsync(int fd, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return Flock(fd, 2); // ASYS1007
    }
}
