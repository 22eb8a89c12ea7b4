// A log rotator whose rename(2) fails keeps errno first, then raises its RotationFailed event and throws with the kept value.
using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round11.Errno.LogRotatorEventOk;

public sealed record RotationFailedEventArgs(string ActivePath, string ArchivePath, int Errno);

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
            int errno = Marshal.GetLastPInvokeError();
            RotationFailed?.Invoke(this, new RotationFailedEventArgs(activePath, archive, errno));
            throw new ErrnoException(errno, "rename", $"{activePath} -> {archive}");
        }
    }
}
