// Each P/Invoke's result checked, through a helper, before the next one runs.
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
        if (output < 0)
        {
            throw new ErrnoException(Pipes.Errno, "dup", "stdout");
        }

        int error = Pipes.Dup(2);
        if (error < 0)
        {
            throw new ErrnoException(Pipes.Errno, "dup", "stderr");
        }

        return (output, error);
    }
}
