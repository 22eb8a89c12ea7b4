// The failed bind's message is formatted after the socket was closed.
using System;
using System.Runtime.InteropServices;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(int socket, byte* address, uint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

internal static unsafe class Listener
{
    public static void Bind(int socket, byte[] address)
    {
        fixed (byte* p = address)
        {
            if (Sys.Bind(socket, p, (uint)address.Length) != 0)
            {
                Sys.Close(socket);
                throw new InvalidOperationException("bind failed: " + /*~ASYS1001*/Marshal.GetLastPInvokeErrorMessage());
            }
        }
    }
}
