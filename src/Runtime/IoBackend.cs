namespace AsyncSys;

/// <summary>Which kernel interface an <see cref="IoRing"/> runs its operations on.</summary>
public enum IoBackend
{
    /// <summary>Choose at creation: io_uring, else Linux AIO, else workers (and <c>ASYNCSYS_BACKEND</c> overrides).</summary>
    Auto = 0,
    /// <summary>io_uring: every operation the kernel has an opcode for goes on the submission ring.</summary>
    IoUring = 1,
    /// <summary>Linux AIO (the kioctx ring): reads, writes, fsync and poll as iocbs; the rest on workers.</summary>
    LinuxAio = 2,
    /// <summary>No kernel ring: every operation runs as a blocking call on the worker pool.</summary>
    Workers = 3,
}
