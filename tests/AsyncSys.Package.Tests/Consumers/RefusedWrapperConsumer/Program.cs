// A wrapper the generator refuses (its type is not partial: ASYS0002) and a call to the variant it would have
// had. The build must say why the variant is missing, once, whether or not it runs analyzers.
using AsyncSys;

Console.WriteLine(await Locks.FlockAsync(0, 2, CancellationToken.None));

internal static class Locks
{
    [AsyncSyscall]
    internal static int Flock(int fd, int operation) => fd + operation;
}
