// An offloaded wrapper stamps a lock record with Thread.CurrentThread.ManagedThreadId: the worker's id.
using System;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal sealed partial class LockTable
{
    private readonly int[] _owners = new int[1024];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Claim(int slot)
    {
        int owner = /*~ASYS1002*/Thread.CurrentThread.ManagedThreadId;
        return Interlocked.CompareExchange(ref _owners[slot], owner, 0) == 0 ? 0 : -1;
    }
}
