// A secret store unlocks its key pages in Dispose with the blocking munlock wrapper. Dispose is synchronous: blocking is
// the caller's choice there, and the async read path uses the generated variant.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Blocking.SecretStoreDisposeMunlock;

internal static class Native
{
    [DllImport("libc", EntryPoint = "munlock", SetLastError = true)]
    internal static extern int MUnlock(nint address, nuint length);
}

public static partial class Pages
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Unlock(nint address, nuint length) => Native.MUnlock(address, length);
}

public sealed class SecretStore(nint pages, nuint length) : IDisposable
{
    public async Task ReleaseAsync(CancellationToken ct) => await Pages.UnlockAsync(pages, length, ct);

    public void Dispose() => Pages.Unlock(pages, length);
}
