// .Result on the generated pipe2 variant (out parameters become a result record) before it completed.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Pipes
{
    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int CreatePipe(int flags, out int readFd, out int writeFd)
    {
        int* fds = stackalloc int[2];
        int result = Pipe2(fds, flags);
        readFd = fds[0];
        writeFd = fds[1];
        return result;
    }
}

internal static class Child
{
    public static (int Read, int Write) StdoutPipe()
    {
        Pipes.CreatePipeResult pipe = /*~ASYS1006*/Pipes.CreatePipeAsync(0x80000).Result;
        return (pipe.ReadFd, pipe.WriteFd);
    }
}
