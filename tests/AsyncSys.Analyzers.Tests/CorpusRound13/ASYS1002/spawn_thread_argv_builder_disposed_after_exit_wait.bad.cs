// A process supervisor builds each child's argv in a per-thread ArgvBuilder (native string arrays reused instead of
// allocated per spawn), spawns the child with posix_spawn, opens a pidfd for it and waits on the ring for it to exit.
// The builder is taken with a `using` declaration, so its Dispose (which frees the native strings and resets the
// count) runs at the end of the method, after the await, on whatever thread resumed. By then the thread the builder
// belongs to has gone on to the next spawn with the same builder (ArgvBuilder.Rent() hands it out again): its strings
// are freed while it is being filled, and the next child is exec'd with freed arguments (garbage argv, or a crash).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.PerThread.SpawnArgvBuilderAcrossExitWait;

internal static unsafe partial class Native
{
    public const int P_PIDFD = 3, WEXITED = 4;

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PosixSpawn(out int pid, string path, nint fileActions, nint attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "pidfd_open", SetLastError = true)]
    internal static partial int PidfdOpen(int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    internal static partial int Waitid(int idType, int id, byte* info, int options);
}

public sealed unsafe class ArgvBuilder : IDisposable
{
    private const int Capacity = 64;

    [ThreadStatic] private static ArgvBuilder? t_cached;

    private readonly byte** _strings = (byte**)NativeMemory.AllocZeroed(Capacity, (nuint)sizeof(byte*));
    private int _count;

    public static byte** EmptyEnvironment { get; } = (byte**)NativeMemory.AllocZeroed(1, (nuint)sizeof(byte*));

    // One builder per thread: a busy supervisor spawns often, and the arrays are reused instead of allocated per child.
    public static ArgvBuilder Rent() => t_cached ??= new ArgvBuilder();

    public byte** Pointer => _strings;

    public void Add(string value)
    {
        if (_count == Capacity - 1) throw new InvalidOperationException("too many arguments");
        _strings[_count++] = (byte*)Marshal.StringToCoTaskMemUTF8(value);
        _strings[_count] = null;
    }

    public void Dispose()
    {
        for (int i = 0; i < _count; i++)
        {
            Marshal.FreeCoTaskMem((nint)_strings[i]);
            _strings[i] = null;
        }

        _count = 0;
    }
}

public sealed class Supervisor(IoRing ring)
{
    public async Task<int> RunToExitAsync(string path, string[] arguments, CancellationToken cancellationToken)
    {
        /*~ASYS1002*/using ArgvBuilder argv = ArgvBuilder.Rent();
        argv.Add(path);
        foreach (string argument in arguments)
        {
            argv.Add(argument);
        }

        int pidfd = Spawn(path, argv);
        try
        {
            await ring.PollAsync(pidfd, PollEvents.In, cancellationToken);
            return Reap(pidfd);
        }
        finally
        {
            await ring.CloseAsync(pidfd, CancellationToken.None);
        }
    }

    private static unsafe int Spawn(string path, ArgvBuilder argv)
    {
        int error = Native.PosixSpawn(out int pid, path, 0, 0, argv.Pointer, ArgvBuilder.EmptyEnvironment);
        if (error != 0) throw new ErrnoException(error, "posix_spawn", path);
        int pidfd = Native.PidfdOpen(pid, 0);
        if (pidfd < 0) throw new ErrnoException(Marshal.GetLastPInvokeError(), "pidfd_open", path);
        return pidfd;
    }

    private static unsafe int Reap(int pidfd)
    {
        byte* info = stackalloc byte[128];
        new Span<byte>(info, 128).Clear();
        if (Native.Waitid(Native.P_PIDFD, pidfd, info, Native.WEXITED) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "waitid");
        }

        return *(int*)(info + 24); // siginfo_t.si_status
    }
}
