using System;
using System.Collections.Generic;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Wrappers whose containing types are generic: a generic class, and a class nested in it. The generated parts
/// repeat the type parameters, so the variants exist for every instantiation, on a worker and on the ring.
/// </summary>
internal sealed partial class Pool<TItem>
{
    public Pool(TItem item) => Item = item;

    public TItem Item { get; }

    /// <summary>An instance method taking the type parameter: on a worker, the state carries the instance and the item.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
    public int CountIfSame(TItem candidate, int times) => EqualityComparer<TItem>.Default.Equals(Item, candidate) ? times : 0;

    internal static unsafe partial class Native
    {
        /// <summary>dup through an ordinary method on a worker.</summary>
        [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
        internal static int Duplicate(int fd) => Variants.Dup(fd);

        /// <summary>read stated as the ring operation (the body is the synchronous form).</summary>
        [AsyncSyscall(RingOp.Read)]
        internal static nint ReadInto(int fd, Span<byte> buffer)
        {
            fixed (byte* bytes = buffer)
            {
                return (nint)(long)Variants.Read(fd, bytes, (nuint)buffer.Length);
            }
        }
    }
}
