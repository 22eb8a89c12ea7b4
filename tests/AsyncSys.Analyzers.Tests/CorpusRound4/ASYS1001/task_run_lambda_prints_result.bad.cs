using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Round4.Errno.TaskRun;

internal static class Truncation
{
    [DllImport("libc", SetLastError = true)]
    private static extern int truncate(string path, long length);

    public static Task<int> TruncateInBackground(string path, long length) =>
        Task.Run(() =>
        {
            int rc = truncate(path, length);
            Console.WriteLine($"truncate({path}) = {rc}");
            return rc == 0 ? 0 : /*~ASYS1001*/Marshal.GetLastPInvokeError();
        });
}
