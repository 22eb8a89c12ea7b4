// A desktop editor's Save button handler, migrated from synchronous file I/O to an async void event handler: it awaits the ring's write of the document, then awaits the fsync wrapper's generated variant, so the UI thread is free while the sync runs.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using AsyncSys;

namespace Corpus48.EditorSaveOk;

internal static partial class Durable
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncNative(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Fsync(int fd) => FsyncNative(fd);
}

internal sealed class SaveButton
{
    public event EventHandler? Click;

    public void Press() => Click?.Invoke(this, EventArgs.Empty);
}

internal sealed class EditorWindow
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private string _document = "";

    public EditorWindow(IoRing ring, int fd, SaveButton save)
    {
        _ring = ring;
        _fd = fd;
        save.Click += OnSaveClicked;
    }

    public string Status { get; private set; } = "";

    public void Edit(string text) => _document = text;

    private async void OnSaveClicked(object? sender, EventArgs e)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(_document);
        await _ring.WriteAsync(_fd, bytes, 0);
        await Durable.FsyncAsync(_fd, CancellationToken.None);
        Status = "saved";
    }
}
