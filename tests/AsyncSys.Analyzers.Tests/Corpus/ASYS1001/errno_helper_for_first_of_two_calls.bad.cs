// Two P/Invokes back to back, then errno read through a helper for the first one's failure.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Pipes
{
    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    internal static partial int Dup(int fd);

    internal static int Errno => Marshal.GetLastPInvokeError();
}

internal static class Redirect
{
    public static (int Out, int Err) DuplicateStandardStreams()
    {
        int output = Pipes.Dup(1);
        int error = Pipes.Dup(2);
        if (output < 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Pipes.Errno, "dup", "stdout");
        }

        if (error < 0)
        {
            throw new ErrnoException(Pipes.Errno, "dup", "stderr");
        }

        return (output, error);
    }
}
