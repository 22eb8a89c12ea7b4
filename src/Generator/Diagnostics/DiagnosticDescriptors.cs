using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Diagnostics;

/// <summary>The diagnostics about <c>[AsyncSyscall]</c> wrappers, ASYS0000 and up. Each has a docs page.</summary>
public static class DiagnosticDescriptors
{
    private const string Category = "AsyncSys.Generator";
    private const string HelpBase = "https://github.com/asyncsys/asyncsys/blob/main/docs/diagnostics/";

    /// <summary>ASYS0000: the generator itself failed on a wrapper (a bug in AsyncSys, reported instead of a missing method).</summary>
    public static readonly DiagnosticDescriptor InternalError = Create(
        "ASYS0000",
        "The AsyncSys generator failed on a wrapper",
        "Internal error generating '{0}': {1}",
        DiagnosticSeverity.Error,
        "The generator hit an unexpected exception while inspecting or writing the asynchronous variant of this wrapper. " +
        "No method was generated for it; every other wrapper in the project is still generated. This is a bug in AsyncSys: " +
        "please report it with the message (exception type, message and first stack frame) and the wrapper's declaration.");

    /// <summary>ASYS0001: the wrapper is not of a shape the generator can extend.</summary>
    public static readonly DiagnosticDescriptor WrapperShapeInvalid = Create(
        "ASYS0001",
        "The [AsyncSyscall] wrapper has the wrong shape",
        "'{0}' {1}",
        DiagnosticSeverity.Error,
        "An [AsyncSyscall] wrapper must be a 'static partial' method with [LibraryImport], a 'static extern' method with " +
        "[DllImport], or an ordinary method with a body (static, or an instance method of a class).");

    /// <summary>ASYS0002: a containing type is not partial.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "ASYS0002",
        "A type containing an [AsyncSyscall] wrapper must be partial",
        "Type '{0}' must be partial so the asynchronous variant of '{1}' can be generated into it",
        DiagnosticSeverity.Error,
        "The asynchronous variant is generated into another part of the wrapper's type, so the type and every type " +
        "containing it must be declared 'partial'.");

    /// <summary>ASYS0003: the wrapper is generic.</summary>
    public static readonly DiagnosticDescriptor GenericWrapper = Create(
        "ASYS0003",
        "An [AsyncSyscall] wrapper cannot be generic",
        "'{0}' is generic; an [AsyncSyscall] wrapper must be a non-generic method",
        DiagnosticSeverity.Error,
        "A syscall wrapper has fixed parameter types; the generator cannot map a type parameter to a ring request or a worker's state.");

    /// <summary>ASYS0004: the return type cannot cross an await.</summary>
    public static readonly DiagnosticDescriptor ReturnTypeNotSupported = Create(
        "ASYS0004",
        "The wrapper's return type cannot be returned asynchronously",
        "'{0}' returns '{1}', which {2}",
        DiagnosticSeverity.Error,
        "The generated method returns the wrapper's result in a ValueTask, so the result cannot be a pointer, a ref " +
        "struct or a by-reference return. Return an integer (nint for a pointer or handle) instead. A wrapper that " +
        "already returns a task is asynchronous: mark the synchronous call it makes instead. A bool cannot carry a failure " +
        "reported by a number (-1 and errno): declare the call's C int.");

    /// <summary>ASYS0005: a parameter has no asynchronous form.</summary>
    public static readonly DiagnosticDescriptor ParameterNotSupported = Create(
        "ASYS0005",
        "A wrapper parameter has no asynchronous form",
        "Parameter '{0}' of '{1}' is not supported: {2}",
        DiagnosticSeverity.Error,
        "Every argument of the generated method lives across an await: ref and in parameters, ref structs other than " +
        "byte spans, and pointers that are not buffers, paths or out-values cannot. The message says what the parameter must be.");

    /// <summary>ASYS0006: the explicit ring operation does not fit the parameters.</summary>
    public static readonly DiagnosticDescriptor RingOpDoesNotFit = Create(
        "ASYS0006",
        "The wrapper's parameters do not fit the explicit ring operation",
        "The parameters of '{0}' do not fit RingOp.{1}: {2}",
        DiagnosticSeverity.Error,
        "With an explicit [AsyncSyscall(RingOp.X)], the wrapper's parameters must match one of the libc calls that map to " +
        "that ring operation, in order. Use RingOp.Auto to let the generator decide, or RingOp.None to run on a worker.");

    /// <summary>ASYS0007: the cancel hook is missing or has the wrong signature.</summary>
    public static readonly DiagnosticDescriptor CancelHookInvalid = Create(
        "ASYS0007",
        "The cancel hook is missing or has the wrong signature",
        "Cancel hook '{0}' of '{1}' must be a method 'static void {0}(AsyncSys.BlockingCallInfo call)' in type '{2}'",
        DiagnosticSeverity.Error,
        "CancelHook names a static method of the wrapper's type that takes the running call's BlockingCallInfo and unblocks it.");

    /// <summary>ASYS0008: the generated name clashes with an existing member.</summary>
    public static readonly DiagnosticDescriptor NameClash = Create(
        "ASYS0008",
        "The generated member's name is already taken",
        "'{2}' would generate '{1}', which clashes with {3} of type '{0}'; set [AsyncSyscall(MethodName = \"{4}\")] or rename the member",
        DiagnosticSeverity.Error,
        "The generated method (or its result record or state struct) would clash with, hide, or be hidden by a member the " +
        "type already has or inherits, or two wrappers would generate the same signature. Existing callers of an " +
        "inherited member would silently rebind to the generated one, so nothing is generated until MethodName picks a free name.");

    /// <summary>ASYS0009: <c>MethodName</c> is not a valid identifier.</summary>
    public static readonly DiagnosticDescriptor InvalidMethodName = Create(
        "ASYS0009",
        "MethodName is not a valid C# identifier",
        "MethodName '{0}' is not a valid C# method name",
        DiagnosticSeverity.Error,
        "MethodName becomes the generated method's name verbatim, so it must be a valid C# identifier.");

    /// <summary>ASYS0010: a cancel hook on a call that runs on the ring, where it is never used.</summary>
    public static readonly DiagnosticDescriptor CancelHookUnused = Create(
        "ASYS0010",
        "A cancel hook is not used by a call that runs on the ring",
        "'{0}' runs on the ring as RingOp.{1}, so cancel hook '{2}' is never called; the ring cancels the operation itself",
        DiagnosticSeverity.Warning,
        "Cancel hooks unblock calls running on a blocking-call worker. A call on the ring is cancelled by the kernel " +
        "(IORING_OP_ASYNC_CANCEL), so the hook is dead code; remove it, or use RingOp.None to run on a worker.");

    /// <summary>ASYS0011: <c>ReturnNegativeErrno</c> on a wrapper whose result cannot carry <c>-errno</c>.</summary>
    public static readonly DiagnosticDescriptor NegativeErrnoNeedsSignedResult = Create(
        "ASYS0011",
        "ReturnNegativeErrno needs a signed integer result",
        "'{0}' returns '{1}', which cannot carry a negative errno; use SyscallErrorMode.Throw or return int, long or nint",
        DiagnosticSeverity.Error,
        "SyscallErrorMode.ReturnNegativeErrno returns -errno in place of the result, which needs a signed integer result type.");

    /// <summary>ASYS0012: the project's C# version is older than the generated code needs.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        "ASYS0012",
        "[AsyncSyscall] needs C# 10 or later",
        "'{0}' cannot get an asynchronous variant: the project uses C# {1}, and the generated code needs C# 10 or later; set <LangVersion>10</LangVersion> or later",
        DiagnosticSeverity.Error,
        "The generated code uses record structs and method-level async method builders, both C# 10 features. Rather than " +
        "generate code that fails to compile inside obj/, the generator generates nothing and reports this once per wrapper.");

    /// <summary>ASYS0013: a pointer parameter of an unknown entry point has no mark saying what it is.</summary>
    public static readonly DiagnosticDescriptor PointerNeedsMark = Create(
        "ASYS0013",
        "The generator cannot know what a pointer parameter points to",
        "Parameter '{0}' of '{1}' is a pointer whose direction and length the generator cannot know: {2}",
        DiagnosticSeverity.Error,
        "The generator never guesses from a name whether the kernel reads or writes through a pointer, nor how long the " +
        "memory is. For a libc call outside its table (docs/declaring-wrappers.md lists the table), mark the parameter: " +
        "[InputBuffer(nameof(length))] or [OutputBuffer(nameof(length))] for memory with a length parameter, [InputPath] for a " +
        "NUL-terminated path or name the call only reads, [OutputValue] for a single value the call writes (T*), or " +
        "[In]/[Out] with [MarshalAs(UnmanagedType.LPArray, SizeParamIndex = n)] for an array and its length.");

    /// <summary>ASYS0014: a call outside the table returns a number, and how it reports failure is not stated.</summary>
    public static readonly DiagnosticDescriptor ErrorConventionNotStated = Create(
        "ASYS0014",
        "The generator cannot know how a call outside its table reports failure",
        "'{0}' {1}, and returns '{2}': set Errors = SyscallErrors.MinusOneAndErrno, ReturnsErrorNumber, NegativeErrno, NullAndErrno or NeverFails on [AsyncSyscall] as {3}; no variant is generated until then",
        DiagnosticSeverity.Error,
        "The generator never guesses a call's error convention from its name. For a call in its table (docs/declaring-wrappers.md) " +
        "it knows it; for any other call returning an integer, enum or typedef, state it with [AsyncSyscall(Errors = SyscallErrors.X)] " +
        "as the call's man page (or its shim's source) says. Until then no variant is generated: assuming -1 and errno would turn " +
        "failures of calls that return the error number (posix_fadvise, SystemNative_PosixFAdvise) or -errno into success values.");

    /// <summary>ASYS0015: an ordinary method fits a ring operation by its name, which would skip its body.</summary>
    public static readonly DiagnosticDescriptor OrdinaryMethodNamedLikeRingCall = Create(
        "ASYS0015",
        "An ordinary method named like a ring call must say whether its body runs",
        "'{0}' has a body but is named like {1}, which runs on the ring as RingOp.{2} without calling the body; set [AsyncSyscall(RingOp.{2})] to submit {1} itself, or [AsyncSyscall(RingOp.None)] to run '{0}' on a worker",
        DiagnosticSeverity.Error,
        "A wrapper with a body (not [DllImport] or [LibraryImport]) may do more than the libc call its name matches: frame a " +
        "payload, translate FileAccess to O_ flags, dispose a SafeHandle. On the ring the kernel makes the call and the body never " +
        "runs, so the generator does not choose from a name: RingOp.X submits the call (the body is not run), RingOp.None runs the " +
        "method on a worker.");

    /// <summary>ASYS0016: the wrapper is (or its body makes) a call that acts on the calling thread, which a worker is not.</summary>
    public static readonly DiagnosticDescriptor ActsOnCallingThread = Create(
        "ASYS0016",
        "The call acts on the calling thread, which a worker is not",
        "'{0}' {1} '{2}', which acts on the calling thread ({3}); its variant would run it on a worker thread, so it would {4} that worker, never the caller; call it synchronously on the thread it is meant for; no variant is generated",
        DiagnosticSeverity.Error,
        "A variant runs its wrapper on a blocking-call worker. Calls whose man page says they act on the calling thread (prctl, " +
        "gettid, setns, unshare, sched_getaffinity and the other pid-0 calls, sigprocmask, ...) would then act on the worker's " +
        "thread: PR_GET_NAME would read the worker's name, setns would move a worker that runs unrelated calls next into " +
        "another namespace. An ordinary method whose body makes such a call is refused too, also when it uses the change in the " +
        "same body (setns, then mount): the worker keeps it, unless the body sets it back with the same call before it returns. " +
        "Calls that act on the calling thread only for some values of one argument (a thread CPU-time clock, RUSAGE_THREAD, " +
        "pid 0, most prctl options) are refused only for those values.");

    /// <summary>ASYS0017: a P/Invoke passes a path the kernel reads as bytes as a UTF-16 string.</summary>
    public static readonly DiagnosticDescriptor PathMarshalledAsUtf16 = Create(
        "ASYS0017",
        "A path is marshalled as UTF-16, but the kernel reads it as bytes",
        "'{0}' passes path '{1}' to {2} as UTF-16 ({3}); the kernel reads a path as bytes up to the first NUL, so this call and its async variant use only the path's first character. Marshal it as UTF-8: {4}",
        DiagnosticSeverity.Warning,
        "Linux system calls take a path as a NUL-terminated byte string. A string marshalled as UTF-16 (CharSet.Unicode, " +
        "StringMarshalling.Utf16, [MarshalAs(UnmanagedType.LPWStr)]) has a zero byte after its first ASCII character, so the " +
        "kernel sees a one-character path. The async variant runs the wrapper as it is on a worker, so it has the same " +
        "defect; the fix is in the declaration.");

    /// <summary>ASYS0018: an ordinary method run on a worker retries its call on EINTR, so cancellation cannot stop it once it runs.</summary>
    public static readonly DiagnosticDescriptor RetriesOnInterrupt = Create(
        "ASYS0018",
        "A body that retries on EINTR cannot be cancelled on a worker",
        "{0} makes {1} again when it fails with EINTR, and its variant runs it on a worker: cancellation stops a worker's blocked call only by interrupting it with a signal, so that the call fails with EINTR, and this loop then makes the call again, so once it has started the task cannot be cancelled; end the loop when IoRing.IsBlockingCallCancellationRequested is true (the variant then interrupts the call when cancelled), or mark {1} itself [AsyncSyscall] and retry around its variant",
        DiagnosticSeverity.Warning,
        "A variant whose wrapper runs on a blocking-call worker is cancelled, once the call has started, by a signal that makes " +
        "the blocked syscall return EINTR (BlockingCallInfo.InterruptWorker). A body that retries on EINTR (a do/while on errno == " +
        "EINTR, a while (true) that continues on EINTR) makes the call again and waits on, so the task ends only when the call " +
        "itself returns. The variant is still generated. Read IoRing.IsBlockingCallCancellationRequested in the loop and return " +
        "the failure when it is true (the generator then interrupts the call on cancellation, with no CancelHook needed), or put " +
        "[AsyncSyscall] on the inner call and retry around its variant, which the ring cancels itself.");

    /// <summary>
    /// ASYS0019: the wrapper's result (or the result its body hands on) points into storage the call reuses, or into the
    /// variant's own copy of a value the call writes.
    /// </summary>
    public static readonly DiagnosticDescriptor ResultInReusedStorage = Create(
        "ASYS0019",
        "The call's result points into storage the caller does not have after the await",
        "'{0}' {1} '{2}', whose result points into {3}: {4}; no variant is generated",
        DiagnosticSeverity.Error,
        "Some C library calls return a pointer into a static area (getpwnam, gmtime, inet_ntoa, crypt, setlocale), a buffer of " +
        "the calling thread, or the directory stream's buffer (readdir), which the next call overwrites. A synchronous caller reads " +
        "it before anything else runs; a variant returns it from a worker after an await. Use the reentrant form (getpwnam_r, " +
        "gmtime_r, inet_ntop, crypt_r), or an ordinary method that makes the call and returns a copy of what it needs. " +
        "The reentrant forms that return an address into a value they write (gmtime_r and localtime_r return their result " +
        "argument, crypt_r an address inside its crypt_data) cannot return it from a variant that hands that value back as a " +
        "copy: the address would point into the variant's storage once the task completes.");

    /// <summary>The first part of ASYS0019's fourth argument for a call that returns a pointer into storage it reuses.</summary>
    public static string ReusedStorage(string why) =>
        "storage the call reuses (" + why + "); its variant would hand the caller that pointer after the await, when another call (a second variant awaited together runs on another worker) may have overwritten it";

    /// <summary>ASYS0020: an ordinary method's body reads the last P/Invoke error after imports that never set it.</summary>
    public static readonly DiagnosticDescriptor StaleLastError = Create(
        "ASYS0020",
        "The body reads a last P/Invoke error that no import it calls sets",
        "'{0}' reads Marshal.{1}() after calling '{2}', an import declared without SetLastError = true, so the value is not that call's errno but whatever an earlier P/Invoke left on the thread (on the worker that runs the variant, 0: a failed call reads as a success, in the variant as in the wrapper); set SetLastError = true on '{2}'",
        DiagnosticSeverity.Warning,
        "Marshal.GetLastWin32Error() and Marshal.GetLastPInvokeError() return the error the runtime saved after the last " +
        "P/Invoke declared with SetLastError = true ([DllImport]'s default is false, and [LibraryImport]'s too). After an import " +
        "without it they return a value left by an earlier call on the same thread; a variant runs the body on a worker, which " +
        "clears that value before the call, so a failure reads as error 0. The variant is still generated and runs the body as it " +
        "is; the fix is in the import's declaration (or read Marshal.GetLastSystemError(), errno itself, right after the call).");

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpBase + id + ".md");
}
