// A log rotator whose rename(2) fails raises its RotationFailed event (subscribers log or page someone) before it reads errno.
using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round11.Errno.LogRotatorEvent;

public sealed record RotationFailedEventArgs(string ActivePath, string ArchivePath);

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Rename(string oldPath, string newPath);
}

/// <summary>Rotates app.log to app.log.1 when the host asks.</summary>
public sealed class LogRotator(string activePath)
{
    public event EventHandler<RotationFailedEventArgs>? RotationFailed;

    public void Rotate()
    {
        string archive = activePath + ".1";
        if (Native.Rename(activePath, archive) != 0)
        {
            // A subscriber that writes the failure to the console or a file makes its own calls first.
            RotationFailed?.Invoke(this, new RotationFailedEventArgs(activePath, archive));
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            throw new ErrnoException(errno, "rename", $"{activePath} -> {archive}");
        }
    }
}
