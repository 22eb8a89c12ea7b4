// Every descriptor is closed in a foreach; errno is read after the loop, where it describes the last close only.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

internal static class Descriptors
{
    public static void CloseAll(IEnumerable<int> descriptors)
    {
        bool failed = false;
        foreach (int fd in descriptors)
        {
            if (Native.Close(fd) != 0)
            {
                failed = true;
            }
        }

        if (failed)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "close");
        }
    }
}
