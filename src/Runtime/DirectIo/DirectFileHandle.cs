using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys;

/// <summary>
/// A file opened with O_DIRECT, carrying the alignment the kernel demands of it. Reads and writes through
/// an <see cref="IoRing"/> on this handle are checked before they reach the kernel: a misaligned buffer
/// address, offset or length throws <see cref="ArgumentException"/> naming the alignment needed (the kernel
/// would only say EINVAL).
/// </summary>
/// <remarks>
/// <para>On the Linux AIO backend, I/O on this handle goes on the ring as it is (no RWF_NOWAIT): direct I/O is
/// what AIO runs asynchronously. Buffered I/O is the one that gets retried on a worker.</para>
/// <para>File-extending writes: the kernel (ext4, XFS) updates the file size only once the data is on the
/// device, so a concurrent read of the new region sees either end of file or the new data, never stale
/// blocks. ext4 pays for it by running an extending O_DIRECT write synchronously inside io_submit: the
/// submitting thread waits for the device. To keep extending writes asynchronous, preallocate first
/// (<see cref="IoRing.FallocateAsync(SafeHandle, int, long, long, System.Threading.CancellationToken)"/>) and
/// write within the file size. See docs/direct-io.md.</para>
/// </remarks>
public sealed class DirectFileHandle : SafeHandle
{
    private DirectFileHandle(int fd, string path, int memoryAlignment, int offsetAlignment)
        : base(new IntPtr(-1), ownsHandle: true)
    {
        SetHandle(new IntPtr(fd));
        Path = path;
        MemoryAlignment = memoryAlignment;
        OffsetAlignment = offsetAlignment;
    }

    /// <summary>The path the file was opened with.</summary>
    public string Path { get; }

    /// <summary>Buffer addresses must be multiples of this (bytes).</summary>
    public int MemoryAlignment { get; }

    /// <summary>File offsets and transfer lengths (each segment's, for vectored I/O) must be multiples of this (bytes).</summary>
    public int OffsetAlignment { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == new IntPtr(-1);

    /// <summary>Opens <paramref name="path"/> with <see cref="OpenFlags.Direct"/> and <see cref="OpenFlags.CloseOnExec"/> added to <paramref name="flags"/>, synchronously.</summary>
    /// <param name="path">The file.</param>
    /// <param name="flags">How to open it, for example <c>OpenFlags.ReadWrite | OpenFlags.Create</c>.</param>
    /// <param name="mode">Permission bits for a created file, before the umask; default <c>0644</c> (rw-r--r--).</param>
    /// <returns>The open file; dispose it to close it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has bits outside <c>07777</c>.</exception>
    /// <exception cref="ErrnoException">open failed; EINVAL means the filesystem does not support O_DIRECT (tmpfs before 6.6, for example).</exception>
    public static unsafe DirectFileHandle Open(string path, OpenFlags flags, UnixFileMode mode = IoRing.DefaultCreateMode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        uint permissions = RingRequest.CheckMode(mode, nameof(mode));
        int length = System.Text.Encoding.UTF8.GetByteCount(path);
        byte[] bytes = new byte[length + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        int fd;
        fixed (byte* p = bytes)
        {
            fd = Libc.openat(Libc.AT_FDCWD, p, NativeOpenFlags.From(flags | OpenFlags.Direct | OpenFlags.CloseOnExec), permissions);
        }

        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "openat", $"'{path}'");
        }

        return FromDescriptor(fd, path);
    }

    /// <summary>Wraps a descriptor that was opened with O_DIRECT, querying its alignment; closes it if that fails.</summary>
    internal static DirectFileHandle FromDescriptor(int fd, string path)
    {
        try
        {
            (int memory, int offset) = DirectIo.QueryAlignmentOf(fd);
            return new DirectFileHandle(fd, path, memory, offset);
        }
        catch
        {
            Libc.close(fd);
            throw;
        }
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;

    /// <summary>Whether a transfer of <paramref name="buffer"/> at <paramref name="fileOffset"/> meets this file's O_DIRECT alignment.</summary>
    /// <param name="fileOffset">The file offset.</param>
    /// <param name="buffer">The buffer; its address is checked while pinned.</param>
    /// <returns>True if the address, offset and length are all aligned.</returns>
    public unsafe bool IsAligned(long fileOffset, ReadOnlyMemory<byte> buffer)
    {
        using System.Buffers.MemoryHandle pin = buffer.Pin();
        return fileOffset % OffsetAlignment == 0 && buffer.Length % OffsetAlignment == 0 && (nuint)pin.Pointer % (nuint)MemoryAlignment == 0;
    }

    /// <summary>Rejects a misaligned read or write before it reaches the kernel; called once its buffers are pinned.</summary>
    internal unsafe void ValidateTransfer(Operation operation)
    {
        ref readonly RingRequest request = ref operation.Request;
        switch (request.Op)
        {
            case RingOp.Read:
            case RingOp.Write:
                CheckAddress((nuint)operation.BufferPointer, "buffer");
                CheckLength(request.Buffer.Length, "buffer");
                CheckOffset(request.Offset);
                break;
            case RingOp.ReadV:
            case RingOp.WriteV:
                for (int i = 0; i < operation.IovCount; i++)
                {
                    CheckAddress((nuint)operation.Iov[i].Base, "buffers");
                    CheckLength((long)operation.Iov[i].Length, "buffers");
                }

                CheckOffset(request.Offset);
                break;
        }
    }

    private void CheckAddress(nuint address, string parameter)
    {
        if (address % (nuint)MemoryAlignment != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"O_DIRECT on '{Path}' needs buffer addresses aligned to {MemoryAlignment} bytes; this buffer starts at 0x{address:x}, {address % (nuint)MemoryAlignment} bytes past a boundary. Rent buffers from AlignedBufferPool."),
                parameter);
        }
    }

    private void CheckLength(long length, string parameter)
    {
        if (length % OffsetAlignment != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"O_DIRECT on '{Path}' needs transfer lengths that are multiples of {OffsetAlignment} bytes; this one is {length} bytes."),
                parameter);
        }
    }

    private void CheckOffset(long offset)
    {
        // -1 (the file position) cannot be checked here; the kernel still rejects a misaligned position.
        if (offset >= 0 && offset % OffsetAlignment != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"O_DIRECT on '{Path}' needs file offsets that are multiples of {OffsetAlignment} bytes; this one is {offset}."),
                "fileOffset");
        }
    }
}
