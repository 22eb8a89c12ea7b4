// An offloaded wrapper asks a helper for the caller's per-thread transaction id; on the worker there is none.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static class Transaction
{
    [ThreadStatic]
    private static long t_current;

    public static IDisposable Begin(long id)
    {
        t_current = id;
        return new Scope();
    }

    public static long Current() => t_current;

    private sealed class Scope : IDisposable
    {
        public void Dispose() => t_current = 0;
    }
}

internal static unsafe partial class Xattr
{
    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FSetXattr(int fd, string name, byte* value, nuint size, int flags);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int StampTransaction(int fd)
    {
        long transaction = /*~ASYS1002*/Transaction.Current();
        return FSetXattr(fd, "user.txn", (byte*)&transaction, sizeof(long), 0);
    }
}
