// Every descriptor is closed in a foreach; the first failure's errno is captured where it happened.
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
        int firstError = 0;
        foreach (int fd in descriptors)
        {
            if (Native.Close(fd) != 0 && firstError == 0)
            {
                firstError = Marshal.GetLastPInvokeError();
            }
        }

        if (firstError != 0)
        {
            throw new ErrnoException(firstError, "close");
        }
    }
}
