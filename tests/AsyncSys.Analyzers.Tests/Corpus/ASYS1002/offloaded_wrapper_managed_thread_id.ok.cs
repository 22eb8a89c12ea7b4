// The owner id is an argument, read by the caller on its own thread.
using System;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal sealed partial class LockTable
{
    private readonly int[] _owners = new int[1024];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Claim(int slot, int owner)
    {
        return Interlocked.CompareExchange(ref _owners[slot], owner, 0) == 0 ? 0 : -1;
    }
}
