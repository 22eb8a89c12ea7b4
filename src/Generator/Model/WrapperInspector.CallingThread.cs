using System.Collections.Generic;
using System.Threading;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>How many helper methods deep a body's calls are followed (wrapper, helper, its helper, ...).</summary>
    private const int HelperDepth = 4;

    /// <summary>
    /// ASYS0016: a wrapper that is a call acting on the calling thread (its entry point is in <see cref="CallingThreadCalls"/>),
    /// or an ordinary method whose body makes such a call, directly, through syscall(2) with the call's number, or through
    /// helper methods of the same compilation. Its variant would run it on a worker: the answer would be the worker's, the
    /// change the worker's. A body that changes the thread's state is refused as one that reads it, also when it uses the
    /// change in the same call (setns, then mount): the worker keeps the change for the unrelated calls it runs next.
    /// </summary>
    /// <remarks>
    /// Some calls act on the calling thread only for some values of one argument (clock_gettime's clock, getrusage's who,
    /// a pid of 0). A constant that is not one of them is fine on any thread; a parameter of the wrapper passed straight
    /// through becomes a check in the variant (<see cref="ThreadArgumentGuard"/>), returned here; anything else is refused.
    /// </remarks>
    private static List<ThreadArgumentGuard> CheckCallingThread(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel semanticModel, Location nameLocation, ProblemSink problems, CancellationToken cancellationToken)
    {
        var guards = new List<ThreadArgumentGuard>();
        if (!RingPlacement.IsOrdinary(method))
        {
            string entryPoint = RingPlacement.EntryPointOf(method);
            if (entryPoint == "syscall" && method.Parameters.Length > 0)
            {
                // syscall(2) itself, its number the caller's: any call may be made, those acting on the calling thread too.
                IParameterSymbol number = method.Parameters[0];
                if (CanGuard(number) || (number.RefKind == RefKind.None && TypeFacts.IsCLong(number.Type)))
                {
                    // A length a mark names is folded into its memory's length: the variant has no such parameter to check
                    // (landlock_create_ruleset's size beside [InputBuffer(nameof(size))] attr is ioprio_get's who by
                    // position), so it is an argument whose value nobody knows before the call.
                    ParameterRole?[] marked = ParameterMarks.Read(method.Parameters, new int[method.Parameters.Length], out _, out _);
                    guards.AddRange(SyscallNumberGuards(
                        number,
                        i => i < method.Parameters.Length && marked[i] != ParameterRole.BufferLength ? ArgumentValue.Of(method.Parameters[i]) : ArgumentValue.Unknown,
                        semanticModel.Compilation.Options.Platform));
                }
                else
                {
                    problems.Report(DiagnosticDescriptors.ActsOnCallingThread, nameLocation, method.Name, "calls", entryPoint, NumberNotCheckable, "answer for");
                }

                return guards;
            }

            if (CallingThreadCalls.Find(entryPoint) is { } call)
            {
                // The wrapper is the call: its parameters are the call's arguments, in order.
                if (call.Decides is { } decides && decides.Index < method.Parameters.Length && CanGuard(method.Parameters[decides.Index]))
                {
                    IParameterSymbol? when = decides.WhenIndex >= 0 && decides.WhenIndex < method.Parameters.Length && CanGuard(method.Parameters[decides.WhenIndex])
                        ? method.Parameters[decides.WhenIndex] : null;
                    guards.Add(GuardOf(decides, method.Parameters[decides.Index], call.EntryPoint, when));
                }
                else
                {
                    problems.Report(DiagnosticDescriptors.ActsOnCallingThread, nameLocation, method.Name, "calls", entryPoint, call.Why, call.EffectText);
                }
            }
            else if (CallingThreadCalls.ThreadErrorQueueOf(RingPlacement.LibraryOf(method), entryPoint) is { } queue)
            {
                problems.Report(DiagnosticDescriptors.ActsOnCallingThread, nameLocation, method.Name, "calls", entryPoint, queue, "leave the reason on");
            }

            return guards;
        }

        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body is null || semanticModel.SyntaxTree != syntax.SyntaxTree)
        {
            return guards;
        }

        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method.OriginalDefinition };
        var walk = new CallingThreadWalk(semanticModel.Compilation, visited, guards, cancellationToken);
        if (walk.Find(new BodyFrame(method, body, semanticModel, default, null), new List<string>(), 0) is { } found)
        {
            problems.Report(DiagnosticDescriptors.ActsOnCallingThread, nameLocation, method.Name, found.How, found.EntryPoint, found.Why, found.Answers ? "answer for" : "act on");
            guards.Clear();
        }

        return guards;
    }

    /// <summary>Why a syscall(2) number nobody can check before the call is refused, for ASYS0016's message.</summary>
    private const string NumberNotCheckable =
        "syscall(2) makes the call its number names, and here the number is neither a constant nor an integer parameter of the wrapper, "
        + "so it may be one that acts on the calling thread (gettid, setns, prctl with a per-thread option, the raw setuid, ...); "
        + "pass the number as a constant (a const, or a static readonly field), or as an integer parameter of the wrapper, which the variant checks before the call";

    /// <summary>
    /// The checks a variant makes before syscall(2) when the caller chooses the number (<paramref name="number"/>, a parameter
    /// of the wrapper): a number of one of the calls that act on the calling thread, for the architecture the process runs
    /// on (x86_64 or arm64, as the compilation targets them; 32-bit numbers are not read, as for a constant number), throws
    /// ArgumentException naming the number; for a call that acts on the calling thread only for some values of one argument
    /// (ioprio_set's who, sched_setaffinity's pid, prctl's option), that argument is checked for that number when it is a
    /// parameter of the wrapper too (ArgumentException naming it), a constant that is not such a value needs no check, and
    /// anything else throws for the number. <paramref name="argumentAt"/> gives syscall(2)'s argument at an index (0: the number).
    /// </summary>
    private static List<ThreadArgumentGuard> SyscallNumberGuards(IParameterSymbol number, System.Func<int, ArgumentValue> argumentAt, Platform platform)
    {
        bool any = platform is Platform.AnyCpu or Platform.AnyCpu32BitPreferred;
        bool onX64 = any || platform == Platform.X64;
        bool onArm64 = any || platform == Platform.Arm64;
        string numberName = TypeFacts.Escape(number.Name);
        // A CLong number (C's long, as syscall(2) declares it) is compared through its Value.
        string value = "unchecked((long)" + numberName + (TypeFacts.IsCLong(number.Type) ? ".Value" : "") + ")";

        // Per parameter named in the exception: its x86_64 and arm64 tests, and what the message says of them.
        var order = new List<string>();
        var tests = new Dictionary<string, (List<string> X64, List<string> Arm64, List<string> Values)>(System.StringComparer.Ordinal);
        foreach ((string kernel, string entryPoint, int x64, int arm64) in SyscallNumbers.All)
        {
            if (CallingThreadCalls.Find(entryPoint, throughSyscall: true) is not { } call)
            {
                continue;
            }

            string target = numberName;
            string? also = null;
            string said = kernel;
            if (call.Decides is { } decides)
            {
                string? whenTest = null;
                if (decides.WhenIndex >= 0)
                {
                    // The rule holds only with another argument's value (ioprio_set's which IOPRIO_WHO_PROCESS): a constant of
                    // another value makes the call act on no thread; a parameter of the wrapper joins the check.
                    ArgumentValue when = argumentAt(decides.WhenIndex + 1);
                    if (when.Constants is { } whenConstants && !decides.AppliesWith(whenConstants))
                    {
                        continue;
                    }

                    if (when.WrapperParameter is { } whenParameter && CanGuard(whenParameter))
                    {
                        whenTest = decides.WhenCondition("unchecked((int)(long)" + TypeFacts.Escape(whenParameter.Name) + ")");
                        said = kernel + " with " + decides.WhenSaid;
                    }
                }

                ArgumentValue argument = argumentAt(decides.Index + 1);
                if (argument.Constants is { } constants)
                {
                    bool thread = false;
                    foreach (long constant in constants)
                    {
                        thread |= decides.IsCallingThread(constant);
                    }

                    if (!thread)
                    {
                        continue;
                    }

                    also = whenTest;
                }
                else if (argument.WrapperParameter is { } parameter && CanGuard(parameter))
                {
                    target = TypeFacts.Escape(parameter.Name);
                    also = (whenTest is null ? "" : whenTest + " && ") + "(" + decides.Condition("unchecked((int)(long)" + target + ")") + ")";
                    said = "number " + (onX64 ? x64.ToString(System.Globalization.CultureInfo.InvariantCulture) + " on x86_64" : "")
                        + (onX64 && onArm64 ? " or " : "") + (onArm64 ? arm64.ToString(System.Globalization.CultureInfo.InvariantCulture) + " on arm64" : "")
                        + " (" + kernel + ") and " + decides.What + " " + (whenTest is null ? decides.CallingThreadValues : decides.CallingThreadValuesWhen);
                }
                else
                {
                    also = whenTest;
                }
            }

            if (!tests.TryGetValue(target, out var entry))
            {
                entry = (new List<string>(), new List<string>(), new List<string>());
                tests.Add(target, entry);
                order.Add(target);
            }

            entry.X64.Add(value + " == " + x64.ToString(System.Globalization.CultureInfo.InvariantCulture) + (also is null ? "" : " && (" + also + ")"));
            entry.Arm64.Add(value + " == " + arm64.ToString(System.Globalization.CultureInfo.InvariantCulture) + (also is null ? "" : " && (" + also + ")"));
            entry.Values.Add(said);
        }

        var guards = new List<ThreadArgumentGuard>();
        foreach (string target in order)
        {
            (List<string> x64Tests, List<string> arm64Tests, List<string> values) = tests[target];
            string x64Condition = "(" + string.Join(") || (", x64Tests) + ")", arm64Condition = "(" + string.Join(") || (", arm64Tests) + ")";
            const string Architecture = "global::System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == global::System.Runtime.InteropServices.Architecture.";
            string condition = any
                ? "(" + Architecture + "X64 && (" + x64Condition + ")) || (" + Architecture + "Arm64 && (" + arm64Condition + "))"
                : onX64 ? x64Condition : onArm64 ? arm64Condition : "";
            if (condition.Length == 0)
            {
                continue;
            }

            string said = target == numberName
                ? "a number that makes a call acting on the calling thread (" + string.Join(", ", values) + ")"
                : string.Join("; ", values);
            guards.Add(new ThreadArgumentGuard(target, ThreadArgumentKind.Zero, "syscall", condition, said));
        }

        return guards;
    }

    /// <summary>
    /// The check a variant makes of <paramref name="parameter"/>, the wrapper's parameter that decides whether the call acts on
    /// the calling thread; with <paramref name="when"/>, the wrapper's parameter the rule also depends on (ioprio_get's which),
    /// the check throws only for both values together. Without one, a rule that depends on another argument is checked on
    /// the deciding argument alone (that argument is a constant of the right value, or unknown).
    /// </summary>
    private static ThreadArgumentGuard GuardOf(ThreadArgument decides, IParameterSymbol parameter, string entryPoint, IParameterSymbol? when)
    {
        string name = TypeFacts.Escape(parameter.Name);
        string value = "unchecked((int)(long)" + name + ")";
        if (when is null)
        {
            return decides.Kind is ThreadArgumentKind.BitSet or ThreadArgumentKind.BitClear
                ? new ThreadArgumentGuard(name, decides.Kind, entryPoint, decides.Condition(value), decides.What + " " + decides.CallingThreadValues)
                : new ThreadArgumentGuard(name, decides.Kind, entryPoint);
        }

        string condition = decides.WhenCondition("unchecked((int)(long)" + TypeFacts.Escape(when.Name) + ")") + " && (" + decides.Condition(value) + ")";
        return new ThreadArgumentGuard(name, decides.Kind, entryPoint, condition, decides.What + " " + decides.CallingThreadValuesWhen);
    }

    /// <summary>A parameter the variant can check before the call: an integer or enum passed by value.</summary>
    private static bool CanGuard(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && TypeFacts.IsIntegerLike(parameter.Type);

    /// <summary>A method body being read, and how it was reached: the arguments its caller passed, and the caller's frame.</summary>
    private sealed class BodyFrame
    {
        public BodyFrame(IMethodSymbol method, SyntaxNode body, SemanticModel model, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, BodyFrame? caller)
        {
            Method = method;
            Body = body;
            Model = model;
            Arguments = arguments;
            Caller = caller;
        }

        public IMethodSymbol Method { get; }

        public SyntaxNode Body { get; }

        public SemanticModel Model { get; }

        public System.Collections.Immutable.ImmutableArray<IArgumentOperation> Arguments { get; }

        public BodyFrame? Caller { get; }
    }

    /// <summary>A call found acting on the calling thread: the message's "how it is reached" and "why".</summary>
    private sealed class CallingThreadFinding
    {
        public CallingThreadFinding(string entryPoint, string how, string why, bool answers)
        {
            EntryPoint = entryPoint;
            How = how;
            Why = why;
            Answers = answers;
        }

        /// <summary>The call as the body makes it (the kernel's name for one made through syscall(2)).</summary>
        public string EntryPoint { get; }

        public string How { get; }

        public string Why { get; }

        /// <summary>Whether the call answers with the thread's state (else it changes it).</summary>
        public bool Answers { get; }
    }

    /// <summary>What an argument's value is known to be where the call is made.</summary>
    private readonly struct ArgumentValue
    {
        private ArgumentValue(long[]? constants, IParameterSymbol? wrapperParameter)
        {
            Constants = constants;
            WrapperParameter = wrapperParameter;
        }

        /// <summary>The constants it may be (a constant; both arms of a conditional; a static readonly field's initializer).</summary>
        public long[]? Constants { get; }

        /// <summary>A parameter of the wrapper, passed down unchanged.</summary>
        public IParameterSymbol? WrapperParameter { get; }

        public static ArgumentValue Unknown => default;

        public static ArgumentValue Of(params long[] constants) => new(constants, null);

        public static ArgumentValue Of(IParameterSymbol parameter) => new(null, parameter);
    }

    /// <summary>Reads a body's calls, and the bodies of the helper methods it calls, for a call that answers for the calling thread.</summary>
    private sealed class CallingThreadWalk
    {
        private readonly Compilation _compilation;
        private readonly HashSet<IMethodSymbol> _visited;
        private readonly List<ThreadArgumentGuard> _guards;
        private readonly CancellationToken _cancellationToken;

        public CallingThreadWalk(Compilation compilation, HashSet<IMethodSymbol> visited, List<ThreadArgumentGuard> guards, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _visited = visited;
            _guards = guards;
            _cancellationToken = cancellationToken;
        }

        public CallingThreadFinding? Find(BodyFrame frame, List<string> helpers, int depth)
        {
            foreach (SyntaxNode node in frame.Body.DescendantNodes())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (node is not InvocationExpressionSyntax invocation
                    || frame.Model.GetOperation(invocation, _cancellationToken) is not IInvocationOperation operation)
                {
                    continue;
                }

                IMethodSymbol target = operation.TargetMethod;
                if (!RingPlacement.IsOrdinary(target))
                {
                    if (Check(frame, operation, RingPlacement.EntryPointOf(target), helpers) is { } found)
                    {
                        return found;
                    }

                    continue;
                }

                // A helper in this compilation runs on the worker too: read its body (a local function's body is already
                // among this body's nodes; a method in metadata has no body to read).
                if (depth + 1 >= HelperDepth || target.MethodKind == MethodKind.LocalFunction || !_visited.Add(target.OriginalDefinition))
                {
                    continue;
                }

                foreach (SyntaxReference reference in target.DeclaringSyntaxReferences)
                {
                    SyntaxNode declaration = reference.GetSyntax(_cancellationToken);
                    SyntaxNode? body = declaration switch
                    {
                        MethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                        _ => null,
                    };
                    if (body is null || !_compilation.ContainsSyntaxTree(body.SyntaxTree))
                    {
                        continue;
                    }

                    SemanticModel model = body.SyntaxTree == frame.Model.SyntaxTree ? frame.Model : _compilation.GetSemanticModel(body.SyntaxTree);
                    var deeper = new List<string>(helpers) { target.Name };
                    if (Find(new BodyFrame(target, body, model, operation.Arguments, frame), deeper, depth + 1) is { } found)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        /// <summary>Whether this call of an import acts on the calling thread for the arguments it is given.</summary>
        private CallingThreadFinding? Check(BodyFrame frame, IInvocationOperation operation, string entryPoint, List<string> helpers)
        {
            // syscall(2) with a number that is not a set of constants: the caller's (checked by the variant), or unknown.
            if (entryPoint == "syscall" && ArgumentAt(operation, 0) is { } numberArgument && Resolve(numberArgument, frame) is { Constants: null } chosen)
            {
                if (chosen.WrapperParameter is { } parameter && CanGuard(parameter))
                {
                    foreach (ThreadArgumentGuard guard in SyscallNumberGuards(parameter, i => ArgumentAt(operation, i) is { } argument ? Resolve(argument, frame) : ArgumentValue.Unknown, _compilation.Options.Platform))
                    {
                        if (!_guards.Contains(guard))
                        {
                            _guards.Add(guard);
                        }
                    }

                    return null;
                }

                return new CallingThreadFinding("syscall", Reached(helpers), NumberNotCheckable, answers: true);
            }

            if (Identify(frame, operation, entryPoint) is not ({ } call, int shift, string shown, string named))
            {
                return null;
            }

            if (call.ReadsStateOf is { } writers && (operation.Parent is IExpressionStatementOperation || Follows(frame, operation, writers)))
            {
                // dlerror after the body's own dlopen reads what the body left, on the worker that runs both; one whose value
                // is dropped only clears the worker's state (the "clear, call, check" idiom before dlsym), reading nothing.
                return null;
            }

            if (call.Within is { } makers && Follows(frame, operation, makers) || call.EndedBy is { } enders && Precedes(frame, operation, enders))
            {
                // An LMDB call on the transaction the body itself began, or the begin of one the body also ends: all of it on
                // the one worker that runs the body.
                return null;
            }

            string how = Reached(helpers) + named;
            CallingThreadFinding? found;
            if (call.Decides is not { } decides)
            {
                found = new CallingThreadFinding(shown, how, call.Why, call.Answers);
            }
            else
            {
                found = null;
                ArgumentValue value = ArgumentAt(operation, decides.Index + shift) is { } argument ? Resolve(argument, frame) : ArgumentValue.Unknown;
                ArgumentValue when = decides.WhenIndex >= 0 && ArgumentAt(operation, decides.WhenIndex + shift) is { } whenArgument ? Resolve(whenArgument, frame) : ArgumentValue.Unknown;
                IParameterSymbol? whenParameter = when.WrapperParameter is { } wp && CanGuard(wp) ? wp : null;
                if (decides.WhenIndex >= 0 && when.Constants is { } whenConstants && !decides.AppliesWith(whenConstants))
                {
                    // ioprio_get(IOPRIO_WHO_PGRP, 0): the calling process group, every thread's.
                    return null;
                }

                if (value.Constants is { } constants)
                {
                    foreach (long constant in constants)
                    {
                        if (decides.IsCallingThread(constant))
                        {
                            found = new CallingThreadFinding(shown, how, call.Why + "; here the " + decides.What + (constants.Length > 1 ? " may be " : " is ")
                                + constant.ToString(System.Globalization.CultureInfo.InvariantCulture), call.Answers);
                            break;
                        }
                    }

                    if (found is not null && whenParameter is not null)
                    {
                        // who 0 given, which the caller's: the variant checks which.
                        string whenName = TypeFacts.Escape(whenParameter.Name);
                        var whenGuard = new ThreadArgumentGuard(whenName, decides.Kind, call.EntryPoint, decides.WhenCondition("unchecked((int)(long)" + whenName + ")"), decides.What + " 0 and " + decides.WhenSaid);
                        if (!_guards.Contains(whenGuard))
                        {
                            _guards.Add(whenGuard);
                        }

                        found = null;
                    }
                }
                else if (value.WrapperParameter is { } parameter && CanGuard(parameter))
                {
                    var guard = GuardOf(decides, parameter, call.EntryPoint, whenParameter);
                    if (!_guards.Contains(guard))
                    {
                        _guards.Add(guard);
                    }
                }
                else
                {
                    found = new CallingThreadFinding(shown, how, call.Why + "; here the " + decides.What + " is chosen in the body, so it may be " + decides.CallingThreadValues, call.Answers);
                }
            }

            // A call that changes the thread's state is refused as one that reads it: on a worker it changes the worker, which
            // keeps the change for the unrelated calls it runs next (setns, then socket, leaves the worker in the namespace),
            // unless the body sets it back before it returns.
            return found is not null && !call.Answers && Paired(frame, operation, call) ? null : found;
        }

        /// <summary>
        /// The call an import makes, if it is one of <see cref="CallingThreadCalls"/>: looked up by entry point, or for
        /// syscall(2) by its number (any constant the number may be: `IsArm64 ? 178 : 186` is gettid on both), whose own
        /// arguments then follow the number (<c>Shift</c> 1). <c>Shown</c> is its name in messages, <c>Named</c> how the body names it.
        /// </summary>
        private (CallingThreadCall Call, int Shift, string Shown, string Named)? Identify(BodyFrame frame, IInvocationOperation operation, string entryPoint)
        {
            if (entryPoint != "syscall")
            {
                return CallingThreadCalls.Find(entryPoint, inBody: true) is { } call ? (call, 0, entryPoint, "") : null;
            }

            // A number that is a call acting on the calling thread whatever its arguments on either architecture is taken as
            // that one; otherwise the first (x86_64's) whose arguments decide.
            (CallingThreadCall Call, int Shift, string Shown, string Named)? decided = null;
            foreach (long number in ArgumentAt(operation, 0) is { } numberArgument ? Resolve(numberArgument, frame).Constants ?? new long[0] : new long[0])
            {
                foreach ((string kernel, string named, string architecture) in SyscallNumbers.FindAll(number, _compilation.Options.Platform))
                {
                    if (CallingThreadCalls.Find(named, throughSyscall: true) is not { } call)
                    {
                        continue;
                    }

                    var made = (call, 1, kernel, " 'syscall' with number " + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", which on " + architecture + " is");
                    if (call.Decides is null)
                    {
                        return made;
                    }

                    decided ??= made;
                }
            }

            return decided;
        }

        /// <summary>
        /// Whether the body made one of <paramref name="writers"/> (an import of it, by entry point) before
        /// <paramref name="reader"/>: the state the reader reads is then the one the body's own call left on this thread.
        /// </summary>
        private bool Follows(BodyFrame frame, IInvocationOperation reader, string[] writers)
        {
            foreach (SyntaxNode node in frame.Body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax other
                    && other.Span.End <= reader.Syntax.SpanStart
                    && frame.Model.GetOperation(other, _cancellationToken) is IInvocationOperation earlier
                    && !RingPlacement.IsOrdinary(earlier.TargetMethod)
                    && System.Array.IndexOf(writers, RingPlacement.EntryPointOf(earlier.TargetMethod)) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the body makes one of <paramref name="enders"/> (an import of it, by entry point) after <paramref name="maker"/>.</summary>
        private bool Precedes(BodyFrame frame, IInvocationOperation maker, string[] enders)
        {
            foreach (SyntaxNode node in frame.Body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax other
                    && other.SpanStart >= maker.Syntax.Span.End
                    && frame.Model.GetOperation(other, _cancellationToken) is IInvocationOperation later
                    && !RingPlacement.IsOrdinary(later.TargetMethod)
                    && System.Array.IndexOf(enders, RingPlacement.EntryPointOf(later.TargetMethod)) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a change is one of a pair the body makes with the same call: the change and, later, the call that sets it
        /// back (setns into the target, then setns back into the namespace it came from; sigprocmask to block, then to
        /// restore), with no way out of the body between the two but the failure check of the change itself
        /// (<c>if (setns(fd, type) &lt; 0) return -1;</c>, where nothing changed). The worker then ends the call in the state it
        /// began it. <paramref name="change"/> may be either of the two.
        /// </summary>
        private bool Paired(BodyFrame frame, IInvocationOperation change, CallingThreadCall call)
        {
            SyntaxNode made = change.Syntax;
            foreach (SyntaxNode node in frame.Body.DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax other
                    || other == made
                    || frame.Model.GetOperation(other, _cancellationToken) is not IInvocationOperation again
                    || RingPlacement.IsOrdinary(again.TargetMethod)
                    || Identify(frame, again, RingPlacement.EntryPointOf(again.TargetMethod)) is not { } same
                    || !ReferenceEquals(same.Call, call))
                {
                    continue;
                }

                bool later = other.SpanStart >= made.Span.End;
                if ((later ? !LeavesBetween(frame.Body, made, other) : other.Span.End <= made.SpanStart && !LeavesBetween(frame.Body, other, made))
                    && BothRun(made, other))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the change and its restore both run whenever the body reaches the statement holding both: neither sits in a
        /// local function or lambda (another method, which may never be called), nor on one branch of an if, a switch, a
        /// conditional or a short-circuit operator, in a loop body (which may run no time) or in a catch clause. A restore that
        /// only some paths make would leave the worker changed on the others.
        /// </summary>
        private static bool BothRun(SyntaxNode change, SyntaxNode restore)
        {
            SyntaxNode? common = change.Parent;
            while (common is not null && !common.Span.Contains(restore.Span))
            {
                common = common.Parent;
            }

            return common is not null && Unconditional(change, common) && Unconditional(restore, common);
        }

        private static bool Unconditional(SyntaxNode call, SyntaxNode common)
        {
            for (SyntaxNode? node = call.Parent; node is not null && node != common; node = node.Parent)
            {
                bool conditional = node switch
                {
                    LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax => true,
                    IfStatementSyntax branch => !branch.Condition.Span.Contains(call.Span),
                    ElseClauseSyntax or SwitchSectionSyntax or SwitchExpressionArmSyntax or CatchClauseSyntax => true,
                    WhileStatementSyntax or ForStatementSyntax or ForEachStatementSyntax => true,
                    ConditionalExpressionSyntax choice => !choice.Condition.Span.Contains(call.Span),
                    BinaryExpressionSyntax binary => binary.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression
                        && binary.Right.Span.Contains(call.Span),
                    ConditionalAccessExpressionSyntax access => access.WhenNotNull.Span.Contains(call.Span),
                    _ => false,
                };
                if (conditional)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether the body can return (or throw, break, continue, jump) between the change and its restore, other than from the change's own failure check.</summary>
        private static bool LeavesBetween(SyntaxNode body, SyntaxNode change, SyntaxNode restore)
        {
            foreach (SyntaxNode node in body.DescendantNodes())
            {
                if (node.SpanStart < change.Span.End || node.SpanStart >= restore.SpanStart
                    || node is not (ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax or YieldStatementSyntax))
                {
                    continue;
                }

                bool failureCheck = false;
                foreach (SyntaxNode up in node.Ancestors())
                {
                    if (up is IfStatementSyntax branch && branch.Condition.Span.Contains(change.Span))
                    {
                        failureCheck = true;
                        break;
                    }
                }

                if (!failureCheck)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"has a body that calls", then "'Helper', which calls" for each helper method on the way.</summary>
        private static string Reached(List<string> helpers)
        {
            var text = new System.Text.StringBuilder("has a body that calls");
            foreach (string helper in helpers)
            {
                text.Append(" '").Append(helper).Append("', which calls");
            }

            return text.ToString();
        }

        private static IOperation? ArgumentAt(IInvocationOperation operation, int index)
        {
            foreach (IArgumentOperation argument in operation.Arguments)
            {
                if (argument.Parameter is { } parameter && parameter.Ordinal == index && !parameter.IsParams)
                {
                    return argument.Value;
                }
            }

            // A params array (long syscall(long number, params long[] args)): its elements in order.
            foreach (IArgumentOperation argument in operation.Arguments)
            {
                if (argument.Parameter is { IsParams: true } parameter && argument.Value is IArrayCreationOperation { Initializer: { } elements }
                    && index - parameter.Ordinal is var at && at >= 0 && at < elements.ElementValues.Length)
                {
                    return elements.ElementValues[at];
                }
            }

            return null;
        }

        /// <summary>
        /// What a value is where it is used: a constant, or a parameter of the wrapper passed down unchanged through the
        /// helpers' parameters (a parameter assigned anywhere in its method's body is not followed).
        /// </summary>
        private ArgumentValue Resolve(IOperation value, BodyFrame? frame, int depth = 0)
        {
            if (depth > HelperDepth)
            {
                return ArgumentValue.Unknown;
            }

            while (value is IConversionOperation { Operand: var operand })
            {
                if (value.ConstantValue.HasValue)
                {
                    break;
                }

                value = operand;
            }

            if (value.ConstantValue is { HasValue: true, Value: { } constant } && AsLong(constant) is long number)
            {
                return ArgumentValue.Of(number);
            }

            if (value is IConditionalOperation { WhenTrue: var whenTrue, WhenFalse: { } whenFalse }
                && Resolve(whenTrue, frame, depth + 1).Constants is { } trueValues
                && Resolve(whenFalse, frame, depth + 1).Constants is { } falseValues)
            {
                var both = new long[trueValues.Length + falseValues.Length];
                trueValues.CopyTo(both, 0);
                falseValues.CopyTo(both, trueValues.Length);
                return ArgumentValue.Of(both);
            }

            if (value is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } && ReadOnlyInitializer(field) is { } initializer)
            {
                // A static readonly field set only by its initializer holds what the initializer gives it.
                return Resolve(initializer, null, depth + 1);
            }

            if (frame is not null
                && value is IParameterReferenceOperation { Parameter: var parameter }
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, frame.Method)
                && parameter.RefKind == RefKind.None
                && !WrittenIn(parameter, frame))
            {
                if (frame.Caller is null)
                {
                    return ArgumentValue.Of(parameter);
                }

                foreach (IArgumentOperation argument in frame.Arguments)
                {
                    if (argument.Parameter is { } passed && passed.Ordinal == parameter.Ordinal)
                    {
                        return Resolve(argument.Value, frame.Caller, depth + 1);
                    }
                }
            }

            return ArgumentValue.Unknown;
        }

        /// <summary>
        /// The initializer of a static readonly field declared in this compilation, when nothing else assigns it: its type
        /// has no static constructor that names it.
        /// </summary>
        private IOperation? ReadOnlyInitializer(IFieldSymbol field)
        {
            foreach (ISymbol member in field.ContainingType.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.StaticConstructor } constructor)
                {
                    foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
                    {
                        foreach (SyntaxNode node in reference.GetSyntax(_cancellationToken).DescendantNodes())
                        {
                            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == field.Name)
                            {
                                return null;
                            }
                        }
                    }
                }
            }

            if (field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                || !_compilation.ContainsSyntaxTree(initializer.SyntaxTree))
            {
                return null;
            }

            return _compilation.GetSemanticModel(initializer.SyntaxTree).GetOperation(initializer, _cancellationToken);
        }

        private static bool WrittenIn(IParameterSymbol parameter, BodyFrame frame)
        {
            DataFlowAnalysis? flow = frame.Body switch
            {
                ArrowExpressionClauseSyntax arrow => frame.Model.AnalyzeDataFlow(arrow.Expression),
                StatementSyntax statement => frame.Model.AnalyzeDataFlow(statement),
                _ => null,
            };
            if (flow is null || !flow.Succeeded)
            {
                return true;
            }

            foreach (ISymbol written in flow.WrittenInside)
            {
                if (SymbolEqualityComparer.Default.Equals(written, parameter))
                {
                    return true;
                }
            }

            return false;
        }

        private static long? AsLong(object constant) => constant switch
        {
            int i => i,
            long l => l,
            short s => s,
            sbyte b => b,
            byte b => b,
            ushort u => u,
            uint u => u,
            ulong u => unchecked((long)u),
            char c => c,
            _ => null,
        };
    }
}
