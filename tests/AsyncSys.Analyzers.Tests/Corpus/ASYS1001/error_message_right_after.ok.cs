// The message for a failed bind is formatted from errno read right after the call.
using System;
using System.Runtime.InteropServices;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(int socket, byte* address, uint length);
}

internal static unsafe class Listener
{
    public static void Bind(int socket, byte[] address)
    {
        fixed (byte* p = address)
        {
            if (Sys.Bind(socket, p, (uint)address.Length) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new InvalidOperationException("bind failed: " + Marshal.GetPInvokeErrorMessage(errno));
            }
        }
    }
}
