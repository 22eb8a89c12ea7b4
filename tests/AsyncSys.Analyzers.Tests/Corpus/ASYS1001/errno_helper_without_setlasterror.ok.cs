// errno read through a helper after a DllImport declared with SetLastError = true.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static class Native
{
    [DllImport("libc", EntryPoint = "chdir", SetLastError = true)]
    internal static extern int ChDir(string path);

    internal static int Errno => Marshal.GetLastWin32Error();
}

internal static class WorkingDirectory
{
    public static void Enter(string path)
    {
        if (Native.ChDir(path) != 0)
        {
            throw new ErrnoException(Native.Errno, "chdir", path);
        }
    }
}
