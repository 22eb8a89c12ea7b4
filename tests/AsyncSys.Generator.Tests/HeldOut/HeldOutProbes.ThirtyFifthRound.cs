namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirty-fifth blind round (SyncObjects.case, OrdinaryInterop.case), written with the case files
/// before the generator was run on them. Same convention: the call's result, or -errno (a pthread call's error number as
/// -number). Each side makes and frees its own semaphores and barriers (native memory of the run), named semaphores and shared
/// memory objects under names unique to the run (unlinked by the run); no lock is left held.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string SyncObjects = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.SyncObjects
        {
            public static unsafe class SyncObjectsProbes
            {
                private static long Errno(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_sync_append(int fd, byte[] data) => Errno(SharedLog.AppendLocked(fd, data));

                /// <summary>0 when the log lock is free (taken and released here), else the error number as -number (EBUSY: held).</summary>
                public static long LogLockFree()
                {
                    int r = SyncNative.pthread_mutex_trylock(SharedLog.LockAddress);
                    if (r == 0)
                    {
                        SharedLog.Leave();
                    }

                    return -r;
                }

                public static long Probe_sync_barrier(long b) => Barriers.Wait((nint)b);

                public static long Probe_sync_sem_wait(long s) => Errno(Semaphores.sem_wait((nint)s));

                public static long Probe_sync_sem_timedwait(long s, long ts) => Errno(Semaphores.TimedWait((nint)s, (nint)ts));

                public static long Probe_sync_sem_trywait(long s) => Errno(Semaphores.sem_trywait((nint)s));

                public static long Probe_sync_sem_post(long s) => Errno(Semaphores.Post((nint)s));

                /// <summary>1 for a semaphore (closed here), or -errno.</summary>
                public static long Probe_sync_sem_open(string name, int oflag, int mode, int value)
                {
                    nint s = Semaphores.Open(name, oflag, (uint)mode, (uint)value);
                    if (s == 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    SyncNative.sem_close(s);
                    return 1;
                }

                /// <summary>1 for a descriptor (closed here), or -errno.</summary>
                public static long Probe_sync_shm_open(string name, int oflag, int mode)
                {
                    int fd = SharedMemory.Open(name, oflag, (uint)mode);
                    if (fd < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    SyncNative.close(fd);
                    return 1;
                }

                public static long Probe_sync_shm_unlink(string name) => Errno(SharedMemory.shm_unlink(name));

                public static long NewSemaphore(long value)
                {
                    nint s = (nint)NativeMemory.AllocZeroed(64);
                    if (SyncNative.sem_init(s, 0, (uint)value) != 0)
                    {
                        throw new InvalidOperationException("sem_init failed; the run is wrong");
                    }

                    return s;
                }

                public static long SemaphoreValue(long s) => SyncNative.sem_getvalue((nint)s, out int value) == 0 ? value : throw new InvalidOperationException("sem_getvalue failed");

                public static void FreeSemaphore(long s)
                {
                    SyncNative.sem_destroy((nint)s);
                    NativeMemory.Free((void*)s);
                }

                public static long NewBarrier(long count)
                {
                    nint b = (nint)NativeMemory.AllocZeroed(64);
                    if (SyncNative.pthread_barrier_init(b, 0, (uint)count) != 0)
                    {
                        throw new InvalidOperationException("pthread_barrier_init failed; the run is wrong");
                    }

                    return b;
                }

                public static void FreeBarrier(long b)
                {
                    SyncNative.pthread_barrier_destroy((nint)b);
                    NativeMemory.Free((void*)b);
                }

                public static long NewTimespec(long seconds, long nanoseconds)
                {
                    long* ts = (long*)NativeMemory.AllocZeroed(16);
                    ts[0] = seconds;
                    ts[1] = nanoseconds;
                    return (long)ts;
                }

                public static void FreeNative(long p) => NativeMemory.Free((void*)p);

                public static void SemClose(long s) => SyncNative.sem_close((nint)s);

                public static void SemUnlink(string name) => SyncNative.sem_unlink(name);

                public static void ShmUnlink(string name) => SharedMemory.shm_unlink(name);

                public static void CloseFd(long fd) => SyncNative.close((int)fd);
            }
        }
        """;

    public const string OrdinaryInterop = """
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.OrdinaryInterop
        {
            public static unsafe class OrdinaryInteropProbes
            {
                private static long Errno(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_interop_read_at(SafeHandle handle, byte[] buffer, long offset) => Errno(HandleCalls.ReadAt(handle, buffer, offset));

                public static long Probe_interop_read_header(FileStream stream, byte[] buffer) => Errno(HandleCalls.ReadHeader(stream, buffer));

                public static long Probe_interop_read_copied(int fd, byte[] destination) => Errno(NativeBuffers.ReadCopied(fd, destination));

                public static long Probe_interop_write_native(int fd, byte[] data) => Errno(NativeBuffers.WriteFromNative(fd, data));

                public static long Probe_interop_write_pinned(int fd, byte[] data) => Errno(NativeBuffers.WritePinned(fd, data));

                public static long Probe_interop_size_of(int fd) => Errno(NativeBuffers.SizeOf(fd));

                public static long Probe_interop_copy_range(int fdIn, long offset, int fdOut, int count) => Errno(Pooled.CopyRange(fdIn, offset, fdOut, count));

                public static long Probe_interop_read_pooled(SafeFileHandle file, byte[] destination) => Errno(Pooled.ReadPooled(file, destination));
            }
        }
        """;
}
