namespace AsyncSys.Analyzers.Tests.Harness;

/// <summary>
/// Code shared by the rule tests: usings and a class of syscall wrappers with the asynchronous variants the
/// generator would emit beside them, written by hand so these tests do not depend on the generator.
/// </summary>
internal static class TestSources
{
    public const string Native = """
        using System;
        using System.Buffers;
        using System.Runtime.InteropServices;
        using System.Threading;
        using System.Threading.Tasks;
        using AsyncSys;

        static unsafe class Native
        {
            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern nint read(int fd, byte* buffer, nuint count);
            public static ValueTask<nint> readAsync(int fd, byte* buffer, nuint count, CancellationToken cancellationToken = default) => default;

            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern int fsync(int fd);
            public static ValueTask<int> fsyncAsync(int fd, CancellationToken cancellationToken = default) => default;

            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall(RingOp.None, MethodName = "LockAsync")]
            public static extern int flock(int fd, int operation);
            public static ValueTask<int> LockAsync(int fd, int operation, CancellationToken cancellationToken = default) => default;

            [AsyncSyscall(RingOp.Read)]
            public static int ReadInto(int fd, byte[] buffer, long offset) => 0;
            public static ValueTask<int> ReadIntoAsync(int fd, byte[] buffer, long offset, CancellationToken cancellationToken = default) => default;

            [DllImport("libc", SetLastError = true)]
            public static extern int getpid();

            public static void Log(string message) => Console.WriteLine(message);
        }

        """;
}
