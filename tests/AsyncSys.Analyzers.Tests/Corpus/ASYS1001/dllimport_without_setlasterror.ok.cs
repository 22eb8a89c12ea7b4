// The import sets SetLastError, so GetLastWin32Error describes setsid.
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Corpus;

internal static class Native
{
    [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
    internal static extern int SetSid();
}

internal static class Daemon
{
    public static void Detach()
    {
        if (Native.SetSid() == -1)
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }
    }
}
