using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace AnalyzerViolations;

/// <summary>
/// Syscall wrappers marked for AsyncSys. The asynchronous siblings are written by hand here, standing in
/// for what the source generator emits, so this sample does not depend on the generator.
/// </summary>
internal static unsafe class Libc
{
    [DllImport("libc", SetLastError = true)]
    [AsyncSyscall]
    public static extern int fsync(int fd);

    public static ValueTask<int> fsyncAsync(int fd, CancellationToken cancellationToken = default) => new(fsync(fd));

    [DllImport("libc", SetLastError = true)]
    [AsyncSyscall]
    public static extern nint read(int fd, byte* buffer, nuint count);

    public static ValueTask<nint> readAsync(int fd, byte* buffer, nuint count, CancellationToken cancellationToken = default) => new(read(fd, buffer, count));

    [DllImport("libc", SetLastError = true)]
    public static extern int flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static extern nint PreadRaw(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.Read)]
    public static int Pread(int fd, byte[] buffer, long offset)
    {
        fixed (byte* pinned = buffer)
        {
            return (int)PreadRaw(fd, pinned, (nuint)buffer.Length, offset);
        }
    }

    public static ValueTask<int> PreadAsync(int fd, byte[] buffer, long offset, CancellationToken cancellationToken = default) => new(Pread(fd, buffer, offset));
}
