// A terminal session builds its read-failure message with an interpolated string that names the slave device. The
// slave's name comes from a lazy property that calls ptsname_r (a P/Invoke with SetLastError) the first time it is read,
// and the interpolation evaluates it before the errno read that follows it in the string: the message reports
// ptsname_r's success (0, "Success") instead of why the read of the master failed.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Round29.Errno.ReadMessageLazySlaveName;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte* buffer, nuint count);

    [DllImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    internal static extern int PtsNameR(int fd, byte* buffer, nuint length);
}

public sealed class TerminalSession(int masterFd)
{
    private string? _slaveName;

    public unsafe string SlaveName
    {
        get
        {
            if (_slaveName is null)
            {
                byte* name = stackalloc byte[64];
                _slaveName = Native.PtsNameR(masterFd, name, 64) == 0
                    ? Marshal.PtrToStringUTF8((nint)name) ?? "?"
                    : "?";
            }

            return _slaveName;
        }
    }

    public unsafe int ReadOutput(byte[] into)
    {
        nint n;
        fixed (byte* p = into)
        {
            n = Native.Read(masterFd, p, (nuint)into.Length);
        }

        if (n < 0)
        {
            throw new IOException($"read from the master of {SlaveName} failed: {/*~ASYS1001*/Marshal.GetLastPInvokeErrorMessage()}");
        }

        return (int)n;
    }
}
