using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round4.PerThread.Priority;

internal static class UrgentReads
{
    public static async Task<int> ReadUrgentAsync(IoRing ring, SafeFileHandle file, Memory<byte> buffer, long offset)
    {
        Thread thread = Thread.CurrentThread;
        ThreadPriority saved = thread.Priority;
        thread.Priority = ThreadPriority.AboveNormal;
        try
        {
            return await ring.ReadAsync(file, buffer, offset);
        }
        finally
        {
            /*~ASYS1002*/thread.Priority = saved;   // resets a pool thread that now runs someone else's work
        }
    }
}
