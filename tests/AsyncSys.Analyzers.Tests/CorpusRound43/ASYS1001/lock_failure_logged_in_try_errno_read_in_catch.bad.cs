// An RPC server takes its instance lock with flock in a loop over lock files; on failure it logs to stderr and throws, and the catch reads errno after the log line.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Rpc.Hosting;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

public static class InstanceLock
{
    private const int LOCK_EX = 2;
    private const int LOCK_NB = 4;

    public static int TryLockAll(int[] lockFds)
    {
        int locked = 0;
        foreach (int fd in lockFds)
        {
            try
            {
                if (Sys.Flock(fd, LOCK_EX | LOCK_NB) < 0)
                {
                    Console.Error.WriteLine("instance lock " + fd + " is held by another server");
                    throw new IOException("flock failed");
                }

                locked++;
            }
            catch (IOException)
            {
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                return -errno;
            }
        }

        return locked;
    }
}
