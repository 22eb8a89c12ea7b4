// A LoggerMessage-style static helper logs native failures with the errno as a structured field; the caller passes
// Marshal.GetLastPInvokeError() as an argument in the failure branch, so it is evaluated before the helper (and the
// logger) runs, right after statvfs failed. Tricky but correct: the read is written inside the log call.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round21.Errno.LoggerMessageHelperArgument;

public enum LogLevel { Debug, Information, Warning, Error }

public interface ILogger
{
    bool IsEnabled(LogLevel level);
    void Log(LogLevel level, string message, params object?[] args);
}

internal static class Log
{
    public static void NativeCallFailed(ILogger logger, string call, string path, int errno)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.Log(LogLevel.Warning, "{Call}({Path}) failed with errno {Errno}", call, path, errno);
        }
    }
}

[StructLayout(LayoutKind.Sequential)]
public struct StatVfs
{
    public ulong BlockSize, FragmentSize, Blocks, BlocksFree, BlocksAvailable, Files, FilesFree, FilesAvailable, FsId, Flags, NameMax;
    public int Spare0, Spare1, Spare2, Spare3, Spare4, Spare5;
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int StatVfs(string path, out StatVfs stats);
}

public sealed class InodeUsageSampler(ILogger logger, string[] mountPoints)
{
    public async Task<double[]> SampleAsync(CancellationToken ct)
    {
        double[] usage = new double[mountPoints.Length];
        for (int i = 0; i < mountPoints.Length; i++)
        {
            string mount = mountPoints[i];
            if (Native.StatVfs(mount, out StatVfs stats) < 0)
            {
                Log.NativeCallFailed(logger, "statvfs", mount, Marshal.GetLastPInvokeError());
                usage[i] = double.NaN;
                continue;
            }

            usage[i] = stats.Files == 0 ? 0 : 1.0 - (double)stats.FilesFree / stats.Files;
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
        }

        return usage;
    }
}
