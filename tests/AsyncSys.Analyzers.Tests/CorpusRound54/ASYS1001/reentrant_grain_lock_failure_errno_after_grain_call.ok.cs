// A [Reentrant] ledger grain takes an advisory lock on its segment file with flock; when the lock fails it saves errno at once, then awaits the call to the audit grain and builds the error text from the saved value.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Orleans.Concurrency
{
    [AttributeUsage(AttributeTargets.Class)]
    internal sealed class ReentrantAttribute : Attribute
    {
    }
}

namespace Corpus54.LedgerLockErrnoOk
{
    using Orleans.Concurrency;

    internal static partial class Native
    {
        internal const int LOCK_EX = 2;
        internal const int LOCK_NB = 4;

        [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
        internal static partial int Flock(int fd, int operation);
    }

    internal interface IAuditGrain
    {
        Task RecordAsync(string ledger, string what);
    }

    [Reentrant]
    internal sealed class LedgerGrain(string key, int segmentFd, IAuditGrain audit)
    {
        public async Task<bool> TryLockSegmentAsync()
        {
            if (Native.Flock(segmentFd, Native.LOCK_EX | Native.LOCK_NB) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                await audit.RecordAsync(key, "segment lock refused");
                throw new InvalidOperationException($"ledger {key}: flock failed, errno {errno}");
            }

            return true;
        }
    }
}
