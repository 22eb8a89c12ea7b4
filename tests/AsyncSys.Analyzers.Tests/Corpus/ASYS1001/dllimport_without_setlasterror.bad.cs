// DllImport defaults to SetLastError = false: GetLastWin32Error does not describe this call.
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Corpus;

internal static class Native
{
    [DllImport("libc", EntryPoint = "setsid")]
    internal static extern int SetSid();
}

internal static class Daemon
{
    public static void Detach()
    {
        if (Native.SetSid() == -1)
        {
            throw new Win32Exception(/*~ASYS1001*/Marshal.GetLastWin32Error());
        }
    }
}
