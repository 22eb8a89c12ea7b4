using System.Runtime.InteropServices;

namespace AsyncSys.Interop;

// libc entry points and flags for the non-blocking attempt made on the caller's thread before the ring.
internal static unsafe partial class Libc
{
    // fcntl is variadic; F_GETFL takes no third argument, and an extra integer argument is ignored by the
    // x86-64 and arm64 Linux calling conventions.
    [LibraryImport(Lib, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int fcntl(int fd, int command, int argument);

    /// <summary>O_APPEND (fcntl.h): every write goes to the end of the file, whatever its offset.</summary>
    internal const int O_APPEND = 0x400;

    /// <summary>F_GETFL (fcntl.h): the descriptor's open flags.</summary>
    internal const int F_GETFL = 3;

    /// <summary>F_DUPFD_CLOEXEC (fcntl.h): a duplicate at the lowest free number at or above the argument, close-on-exec.</summary>
    internal const int F_DUPFD_CLOEXEC = 1030;

    /// <summary>RWF_NOWAIT (linux/fs.h): fail with EAGAIN instead of blocking (page-cache miss, lock, writeback).</summary>
    internal const int RWF_NOWAIT = 0x8;

    /// <summary>MSG_DONTWAIT (sys/socket.h): this call only behaves as on a non-blocking socket.</summary>
    internal const int MSG_DONTWAIT = 0x40;

    /// <summary>MSG_WAITALL (sys/socket.h): recv waits for the whole buffer, which a non-blocking attempt cannot honour.</summary>
    internal const int MSG_WAITALL = 0x100;

    /// <summary>MSG_ERRQUEUE (sys/socket.h): a receive from the socket's error queue, which never waits (EAGAIN when empty).</summary>
    internal const int MSG_ERRQUEUE = 0x2000;
}
