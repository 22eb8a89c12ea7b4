using System.Collections.Generic;
using System.Threading;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Validates one <c>[AsyncSyscall]</c> wrapper and builds its model. The generator and the analyzer share it:
/// the analyzer turns every problem into a diagnostic, the generator just skips a wrapper that has any.
/// </summary>
internal static partial class WrapperInspector
{
    public const string AttributeMetadataName = "AsyncSys.AsyncSyscallAttribute";

    /// <summary>The suffix of every generated file's hint name; the analyzer uses it to ignore the generator's own members.</summary>
    public const string HintNameSuffix = ".AsyncSyscall.g.cs";

    /// <summary>Tests make the inspection of the wrapper with a given name throw, to prove the failure is reported.</summary>
    internal static readonly AsyncLocal<System.Func<string, bool>?> FailForTesting = new();

    /// <summary>Inspects a wrapper. Returns its model, or <see langword="null"/> when anything is wrong (reported to <paramref name="problems"/>).</summary>
    public static AsyncMethodModel? Inspect(
        IMethodSymbol method,
        MethodDeclarationSyntax syntax,
        AttributeData attribute,
        SemanticModel semanticModel,
        ProblemSink problems,
        CancellationToken cancellationToken)
    {
        if (!WrapperOptions.TryRead(attribute, out WrapperOptions options) || HasBindingErrors(method))
        {
            // Half-typed code: the compiler reports the real error.
            return null;
        }

        Location nameLocation = syntax.Identifier.GetLocation();
        if (FailForTesting.Value?.Invoke(method.Name) == true)
        {
            throw new System.InvalidOperationException("failure injected by a test");
        }

        if (syntax.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp10 } parseOptions)
        {
            // The generated code uses record structs and method-level builders: below C# 10 it would fail inside obj/.
            problems.Report(DiagnosticDescriptors.LanguageVersionTooLow, nameLocation, method.Name, parseOptions.LanguageVersion.ToDisplayString());
            return null;
        }

        CheckShape(method, syntax, nameLocation, problems);
        CheckContainingTypes(method, syntax, problems);
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                // A 'file' type exists only in its own file: a part generated into another file declares a different type.
                problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, nameLocation, method.Name,
                    "is in the file-local type '" + type.Name + "', which the variant generated into another file cannot extend; declare the type without 'file' (internal or a private nested type keeps it hidden)");
            }
        }

        if (SuppressesGcTransition(method) && RingPlacement.EntryPointOf(method) is var waits && WaitingCalls.Contains(waits))
        {
            // The runtime's contract for the attribute: the call never blocks and takes under a microsecond. A waiting call
            // would wait in cooperative mode, so every garbage collection waits with it, and the variant's cancel hook (a
            // timer callback on a managed thread) cannot run once a collection has started: the wait is no longer cancellable.
            problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, nameLocation, method.Name,
                "is marked [SuppressGCTransition] and calls '" + waits + "', which can wait (for a lock, a child, a message, a timer or a descriptor): "
                + SuppressedTransitionWaits);
        }

        if (method.IsVararg)
        {
            problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, nameLocation, method.Name,
                "takes variable arguments (__arglist), which the generated method cannot take and forward; declare one wrapper per argument list (for example 'int fcntl(int fd, int cmd, int arg)')");
        }
        if (method.IsGenericMethod)
        {
            problems.Report(DiagnosticDescriptors.GenericWrapper, nameLocation, method.Name);
        }

        List<ThreadArgumentGuard> threadGuards = CheckCallingThread(method, syntax, semanticModel, nameLocation, problems, cancellationToken);
        CheckStaticResult(method, syntax, semanticModel, nameLocation, problems, cancellationToken);
        CheckKeptAddress(method, problems);
        CheckImport(method, nameLocation, problems);

        CheckReturnType(method, syntax, problems);
        string generatedName = options.MethodName ?? method.Name + "Async";
        if (options.MethodName is not null && !SyntaxFacts.IsValidIdentifier(options.MethodName))
        {
            problems.Report(DiagnosticDescriptors.InvalidMethodName, ArgumentLocation(attribute, "MethodName"), options.MethodName);
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Name is "ring" or "cancellationToken")
            {
                problems.Report(
                    DiagnosticDescriptors.ParameterNotSupported,
                    parameter.Locations.Length > 0 ? parameter.Locations[0] : nameLocation,
                    parameter.Name,
                    method.Name,
                    "the generated method uses this name for its own parameter; rename it");
            }
        }

        if (problems.HasProblems && !problems.WantsAll)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        string entryPoint = RingPlacement.EntryPointOf(method);
        int overloadIndex = OverloadIndex(method);
        string suffix = overloadIndex > 1 ? overloadIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        string stateTypeName = generatedName + "State" + suffix;
        string resultRecordName = method.Name + "Result" + suffix;
        var locals = new LocalNames(method);
        bool negativeErrno = options.NegativeErrno;
        string? cancelHook = options.CancelHook is null ? null : TypeFacts.Escape(options.CancelHook);

        CallPlan? plan = PlanCall(method, attribute, options, entryPoint, stateTypeName, locals, problems);
        if (plan is { Ring: null, Worker: not null })
        {
            CheckSuppressedTransitionOnWorker(method, syntax, semanticModel, nameLocation, entryPoint, problems, cancellationToken);
        }

        if (plan?.Worker is { } onWorker && RingPlacement.IsOrdinary(method) && FindEintrRetry(method, syntax, semanticModel, cancellationToken) is { } retry)
        {
            if (!retry.EndsOnCancel)
            {
                // Still generated: the call works, but a started call runs to its end whatever the token says.
                problems.Report(DiagnosticDescriptors.RetriesOnInterrupt, nameLocation, retry.Who(method.Name), retry.Call is null ? "its call" : "'" + retry.Call + "'");
            }
            else if (onWorker.CancelHook is null)
            {
                // The loop ends when the call is cancelled: interrupting the worker is then what stops a blocked call.
                plan.Worker = onWorker with { CancelHook = WorkerCallModel.InterruptWorkerHook };
            }
        }

        if (plan?.Worker is { CancelHook: null } unhooked && RingPlacement.IsOrdinary(method) && WaitingCallInBody(method, syntax, semanticModel, cancellationToken) is not null
            && FindEintrRetry(method, syntax, semanticModel, cancellationToken) is null)
        {
            // A body that calls a waiting call (a blocking flock, a wait for a child, ...) gets the hook the import itself
            // would get: interrupting the worker ends the wait with EINTR, which the task turns into a cancellation. Without it a
            // started wait ran to its end whatever the token said. A body that retries on EINTR is left as it is (ASYS0018, or
            // the hook above when its loop ends on cancellation).
            plan.Worker = unhooked with { CancelHook = WorkerCallModel.InterruptWorkerHook };
        }

        if (RingPlacement.IsOrdinary(method))
        {
            CheckStaleLastError(method, syntax, semanticModel, nameLocation, problems, cancellationToken);
        }

        if (options.CancelHook is not null)
        {
            CheckCancelHook(method, attribute, options.CancelHook, plan?.RingOp?.ToString(), problems);
        }

        CheckPathEncoding(method, entryPoint, problems);

        CheckNameClashes(method, nameLocation, generatedName, plan, stateTypeName, resultRecordName, problems);
        if (plan is not null)
        {
            CheckOverloadClashes(method, nameLocation, generatedName, plan, problems);
        }

        if (plan is null || problems.HasProblems)
        {
            return null;
        }

        // A stub (a body that only throws) states a ring operation and is not the call: it is never run, so arguments the
        // request refuses throw the request's ArgumentException rather than the stub's exception.
        WrapperFallbackModel? whenRingCannot = plan.Ring is null || RingPlacement.IsStub(method) ? null
            : PlanWrapperFallback(method, options, entryPoint, stateTypeName, plan, locals);
        var call = new CallModel(plan.Ring, plan.Worker, negativeErrno, EquatableArray.From(plan.Values), locals.Result, locals.State, whenRingCannot, EquatableArray.From(threadGuards));
        ResultRecordModel? resultRecord = ResultRecord(resultRecordName, plan.Values);

        return new AsyncMethodModel(
            HintName(method),
            method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes(method.ContainingType),
            AccessibilityOf(method.DeclaredAccessibility),
            method.IsStatic,
            CrefOf(method),
            TypeFacts.Escape(generatedName),
            entryPoint,
            EquatableArray.From(KeepParams(method, plan.Parameters)),
            resultRecord,
            call,
            IsNullableOblivious(method),
            ObsoleteOf(method),
            PlatformsOf(method));
    }

    /// <summary>
    /// The wrapper's platform attributes (<c>[SupportedOSPlatform]</c>, <c>[UnsupportedOSPlatform]</c>,
    /// <c>[ObsoletedOSPlatform]</c>) as one C# attribute list, or <see langword="null"/>. The variant is the same call: a caller
    /// on another platform must be warned (CA1416) about it as about the wrapper. Attributes on the containing types reach the
    /// variants already (they are members of the same types).
    /// </summary>
    private static string? PlatformsOf(IMethodSymbol method)
    {
        var attributes = new List<string>();
        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is not { } type
                || !(TypeFacts.IsNamed(type, "System.Runtime.Versioning", "SupportedOSPlatformAttribute")
                    || TypeFacts.IsNamed(type, "System.Runtime.Versioning", "UnsupportedOSPlatformAttribute")
                    || TypeFacts.IsNamed(type, "System.Runtime.Versioning", "ObsoletedOSPlatformAttribute")))
            {
                continue;
            }

            attributes.Add("global::System.Runtime.Versioning." + type.Name.Substring(0, type.Name.Length - "Attribute".Length) + "(" + ArgumentsOf(data) + ")");
        }

        return attributes.Count == 0 ? null : string.Join(", ", attributes);
    }

    /// <summary>
    /// The wrapper's <c>[Obsolete]</c> as C# source, or <see langword="null"/>. A deprecated call's variant is deprecated
    /// with it (same message, same error flag); and only from an obsolete member may the generated code call it without
    /// CS0618 (a warning in generated code) or CS0619 (an error, with <c>error: true</c>).
    /// </summary>
    private static string? ObsoleteOf(IMethodSymbol method)
    {
        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is not { } type || !TypeFacts.IsNamed(type, "System", "ObsoleteAttribute"))
            {
                continue;
            }

            return "global::System.Obsolete(" + ArgumentsOf(data) + ")";
        }

        return null;
    }

    /// <summary>An attribute's arguments as C# source, as written: constructor arguments, then named ones.</summary>
    private static string ArgumentsOf(AttributeData data)
    {
        var arguments = new List<string>();
        foreach (TypedConstant argument in data.ConstructorArguments)
        {
            arguments.Add(Literal(argument));
        }

        foreach (KeyValuePair<string, TypedConstant> named in data.NamedArguments)
        {
            arguments.Add(named.Key + " = " + Literal(named.Value));
        }

        return string.Join(", ", arguments);
    }

    private static string Literal(TypedConstant constant) => constant.Value switch
    {
        string text => SymbolDisplay.FormatLiteral(text, quote: true),
        bool flag => flag ? "true" : "false",
        _ => "null",
    };

    /// <summary>The record generated for two or more values (the return value, then each out-value); none otherwise.</summary>
    private static ResultRecordModel? ResultRecord(string name, List<ResultValueModel> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var properties = new List<ParameterModel>();
        foreach (ResultValueModel value in values)
        {
            properties.Add(new(value.Type, value.PropertyName));
        }

        return new ResultRecordModel(name, EquatableArray.From(properties));
    }

    /// <summary>
    /// The generated parameters, with the wrapper's <c>params</c> array marked when it is still the last one and the
    /// same array: the generated code then also takes the arguments as the wrapper does (<c>FcntlAsync(fd, cmd, 1)</c>).
    /// </summary>
    private static List<ParameterModel> KeepParams(IMethodSymbol method, List<ParameterModel> parameters)
    {
        if (method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1] is { IsParams: true } last && parameters.Count > 0)
        {
            ParameterModel generated = parameters[parameters.Count - 1];
            if (generated.Name == TypeFacts.Escape(last.Name) && generated.Type == TypeFacts.Qualified(last.Type))
            {
                var kept = new List<ParameterModel>(parameters);
                kept[kept.Count - 1] = generated with { IsParams = true };
                return kept;
            }
        }

        return parameters;
    }

    /// <summary>Whether any reference type in the wrapper's signature is nullable-oblivious (declared under <c>#nullable disable</c>).</summary>
    private static bool IsNullableOblivious(IMethodSymbol method)
    {
        if (method.ReturnType.IsReferenceType && method.ReturnNullableAnnotation == NullableAnnotation.None)
        {
            return true;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.None)
            {
                return true;
            }
        }

        return false;
    }

    private static CallPlan? PlanCall(
        IMethodSymbol method,
        AttributeData attribute,
        WrapperOptions options,
        string entryPoint,
        string stateTypeName,
        LocalNames locals,
        ProblemSink problems)
    {
        bool negativeErrno = options.NegativeErrno;
        CallPlan? plan = PlanOnRing(method, attribute, options.Op, entryPoint, negativeErrno, locals, problems);
        if (plan is null && !problems.HasProblems)
        {
            string? cancelHook = options.CancelHook is null ? DefaultCancelHook(method, entryPoint) : TypeFacts.Escape(options.CancelHook);
            plan = BlockingCallPlanner.TryPlan(method, entryPoint, negativeErrno, StatedConvention(options.Errors), stateTypeName, cancelHook, locals, problems);
            if (plan?.Worker is { } worker)
            {
                plan.Worker = worker with { Why = ReasonForWorker(method, options.Op, entryPoint) };
            }
        }

        return plan;
    }

    /// <summary>
    /// The wrapper itself on a worker, for a ring call's arguments the ring request cannot take: planned as the worker
    /// variant would be, and kept only when it has the ring variant's very parameters and result types; else the
    /// wrapper given the ring variant's own parameters (<see cref="BlockingCallPlanner.TryPlanPassingThrough"/>).
    /// </summary>
    private static WrapperFallbackModel? PlanWrapperFallback(IMethodSymbol method, WrapperOptions options, string entryPoint, string stateTypeName, CallPlan ring, LocalNames locals)
    {
        // An ordinary method placed on the ring by an explicit RingOp is that operation's call: its body answers by that
        // call's convention (pwrite's -1 and errno for RingOp.Write), whatever the method is named.
        if (RingPlacement.IsOrdinary(method) && ring.Ring is { } placed)
        {
            entryPoint = placed.EntryPoint;
        }

        string? cancelHook = options.CancelHook is null ? DefaultCancelHook(method, entryPoint) : TypeFacts.Escape(options.CancelHook);
        CallPlan? worker = BlockingCallPlanner.TryPlan(method, entryPoint, options.NegativeErrno, StatedConvention(options.Errors), stateTypeName, cancelHook, locals, new ProblemSink(collect: false));
        bool stateNameTaken = false;
        foreach (ISymbol member in method.ContainingType.GetMembers(stateTypeName))
        {
            stateNameTaken |= !IsGenerated(member);
        }

        if (stateNameTaken)
        {
            return null;
        }

        if (worker?.Worker is null || worker.Parameters.Count != ring.Parameters.Count || worker.Values.Count != ring.Values.Count || !SameParameters(worker, ring))
        {
            // The worker variant would take other parameters (an address the ring passes as nint, a buffer list, a string
            // path for a pointer, poll's one descriptor): the wrapper gets the ring's, converted as the ring would use them.
            worker = BlockingCallPlanner.TryPlanPassingThrough(method, ring.Parameters, ring.Values, ring.WrapperRoles, entryPoint, options.NegativeErrno, StatedConvention(options.Errors), stateTypeName, cancelHook, locals);
            if (worker is null || worker.Values.Count != ring.Values.Count || !SameParameters(worker, ring))
            {
                return null;
            }
        }

        return new WrapperFallbackModel(worker.Worker!, EquatableArray.From(worker.Values), locals.Claim("RunWrapperAsync"));
    }

    private static bool SameParameters(CallPlan worker, CallPlan ring)
    {
        for (int i = 0; i < ring.Parameters.Count; i++)
        {
            if (worker.Parameters[i].Type != ring.Parameters[i].Type || worker.Parameters[i].Name != ring.Parameters[i].Name)
            {
                return false;
            }
        }

        for (int i = 0; i < ring.Values.Count; i++)
        {
            if (worker.Values[i].Type != ring.Values[i].Type)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why a wrapper the ring did not take runs on a worker, for its docs.</summary>
    private static WhyOnWorker ReasonForWorker(IMethodSymbol method, RingOpKind op, string entryPoint)
    {
        if (op == RingOpKind.None)
        {
            return WhyOnWorker.Stated;
        }

        bool hasRingOperation = false;
        foreach (SyscallShape shape in KnownSyscalls.Find(entryPoint))
        {
            if (shape.Op == RingOpKind.None)
            {
                continue;
            }

            hasRingOperation = true;
            if (System.Array.IndexOf(shape.Roles, ParameterRole.OffsetPointer) >= 0 && PassesAnIntegerByAddress(method))
            {
                return WhyOnWorker.OffsetsTheKernelAdvances;
            }

            if (System.Array.IndexOf(shape.Roles, ParameterRole.PollFds) >= 0)
            {
                return WhyOnWorker.PollArrayAndTimeout;
            }
        }

        return hasRingOperation ? WhyOnWorker.ParametersDoNotFit : WhyOnWorker.NoRingOperation;
    }

    private static bool PassesAnIntegerByAddress(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            ITypeSymbol pointed = parameter.RefKind != RefKind.None ? parameter.Type : (parameter.Type as IPointerTypeSymbol)?.PointedAtType ?? parameter.Type;
            if ((parameter.RefKind != RefKind.None || parameter.Type is IPointerTypeSymbol) && TypeFacts.IsIntegerOrTypedef(pointed))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The hook a worker-run P/Invoke gets when the user states none: a call the table knows may wait for a peer
    /// (accept, recv, send, connect, poll and their message forms), or one of <see cref="WaitingCalls"/> (a lock, a
    /// child, a message, a timer), would otherwise hold its worker, uncancellable, until what it waits for happens;
    /// interrupting the worker makes it return EINTR, which ends as a cancellation. Nothing here for an ordinary method
    /// (its body may do more than the call): it gets the hook only when its body calls such an import (<see cref="WaitingCallInBody(IMethodSymbol, Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, SemanticModel, System.Threading.CancellationToken)"/>).
    /// </summary>
    private static string? DefaultCancelHook(IMethodSymbol method, string entryPoint)
    {
        if (RingPlacement.IsOrdinary(method))
        {
            return null;
        }

        return WaitingCalls.Contains(entryPoint) || WaitsForPeer(entryPoint) ? WorkerCallModel.InterruptWorkerHook : null;
    }

    private static AttributeData? FindAttribute(IMethodSymbol method)
    {
        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is { } type && TypeFacts.IsNamed(type, "AsyncSys", "AsyncSyscallAttribute"))
            {
                return data;
            }
        }

        return null;
    }

    private static CallPlan? PlanOnRing(
        IMethodSymbol method,
        AttributeData attribute,
        RingOpKind op,
        string entryPoint,
        bool negativeErrno,
        LocalNames locals,
        ProblemSink problems)
    {
        CallPlan? plan = RingPlacement.TryPlan(method, op, entryPoint, negativeErrno, locals, out string? refusal, out RingOpKind unchosen);
        if (refusal is not null)
        {
            problems.Report(DiagnosticDescriptors.RingOpDoesNotFit, ArgumentLocation(attribute, null), method.Name, op.ToString(), refusal);
        }

        if (unchosen != RingOpKind.None)
        {
            problems.Report(DiagnosticDescriptors.OrdinaryMethodNamedLikeRingCall, ArgumentLocation(attribute, null), method.Name, entryPoint, unchosen.ToString());
        }

        return plan;
    }

    private static void CheckShape(IMethodSymbol method, MethodDeclarationSyntax syntax, Location location, ProblemSink problems)
    {
        bool isPartial = syntax.Modifiers.Any(SyntaxKind.PartialKeyword);
        if (HasAttribute(method, "System.Runtime.InteropServices", "LibraryImportAttribute"))
        {
            if (!method.IsStatic || !isPartial)
            {
                problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, location, method.Name, "has [LibraryImport] and must be declared 'static partial'");
            }
        }
        else if (method.GetDllImportData() is not null)
        {
            if (!method.IsStatic || !method.IsExtern)
            {
                problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, location, method.Name, "has [DllImport] and must be declared 'static extern'");
            }
        }
        else if (method.IsExtern)
        {
            problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, location, method.Name, "is extern without [DllImport] or [LibraryImport]; give it one, or a body");
        }
        else if (!method.IsStatic && method.ContainingType.TypeKind != TypeKind.Class)
        {
            problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, location, method.Name, "is an instance method of a struct or interface; make it static, or move it to a class");
        }

        if (method.ExplicitInterfaceImplementations.Length > 0)
        {
            // Its name is the interface's ('IArch.Close'): neither a generated method nor its worker can call it by name.
            problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, location, method.Name,
                "is an explicit implementation of '" + method.ExplicitInterfaceImplementations[0].ToDisplayString()
                + "', which no generated member can call by name; mark a method of the type that it calls instead (or implement the interface member implicitly, as a public method)");
        }
    }

    /// <summary>
    /// The refusal of <c>[AsyncSyscall]</c> on a local function: it has no place in its type for a generated method to
    /// call it from, and nothing is generated. Reported by the analyzer, and by the generator in a build without analyzers.
    /// </summary>
    public static void ReportLocalFunction(string name, Location location, ProblemSink problems) =>
        problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, location, name,
            "is a local function, which no generated member can call; make it a method of a partial type (a private static method keeps it hidden)");

    private static void CheckContainingTypes(IMethodSymbol method, MethodDeclarationSyntax syntax, ProblemSink problems)
    {
        if (method.ContainingType is { IsImplicitClass: true } or { IsScriptClass: true })
        {
            // Outside any type (a brace lost while editing, a method in a namespace or at the top of a file): the
            // compiler puts it in a class of its own that no generated code can extend.
            problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, syntax.Identifier.GetLocation(), method.Name,
                "is not inside a type declaration; declare it in a partial class");
            return;
        }

        for (SyntaxNode? node = syntax.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                problems.Report(DiagnosticDescriptors.ContainingTypeNotPartial, type.Identifier.GetLocation(), type.Identifier.ValueText, method.Name);
            }
        }
    }

    private static void CheckReturnType(IMethodSymbol method, MethodDeclarationSyntax syntax, ProblemSink problems)
    {
        string? why = null;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            why = "is returned by reference";
        }
        else if (method.ReturnType.IsRefLikeType)
        {
            why = "is a ref struct";
        }
        else if (method.ReturnType is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            why = "is a pointer";
        }

        if (why is not null)
        {
            problems.Report(DiagnosticDescriptors.ReturnTypeNotSupported, syntax.ReturnType.GetLocation(), method.Name, method.ReturnType.ToDisplayString(), why + " and cannot cross an await; return a value type or a class instead");
        }
        else if (IsAwaitable(method.ReturnType))
        {
            // A Task or ValueTask (anything with GetAwaiter()) is not a syscall's result: the worker would only start the
            // operation and hand back its task unawaited, inside the generated one, with nothing done asynchronously and
            // its failures seen by no one who awaits the variant.
            problems.Report(DiagnosticDescriptors.ReturnTypeNotSupported, syntax.ReturnType.GetLocation(), method.Name, method.ReturnType.ToDisplayString(),
                "is already awaitable: await it where it is called, or mark the synchronous call it makes");
        }
    }

    /// <summary>Whether a type has an instance <c>GetAwaiter()</c> without parameters, as <c>await</c> needs (extension methods aside).</summary>
    private static bool IsAwaitable(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers("GetAwaiter"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0 })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The convention stated with <c>Errors = SyscallErrors.X</c>, or <see langword="null"/> when not stated (or out of range).</summary>
    private static ReturnConvention? StatedConvention(int errors) => errors switch
    {
        1 => ReturnConvention.MinusOneAndErrno,
        2 => ReturnConvention.ErrorNumber,
        3 => ReturnConvention.NegativeErrno,
        4 => ReturnConvention.NullAndErrno,
        5 => ReturnConvention.NeverFails,
        _ => null,
    };

    /// <summary>
    /// ASYS0017: a P/Invoke that hands the kernel a path (the table's path roles, or a path mark) as UTF-16. The variant runs
    /// such a wrapper as it is (PathEncoding keeps it off the ring), so it inherits the defect; the warning says where to fix it.
    /// </summary>
    private static void CheckPathEncoding(IMethodSymbol method, string entryPoint, ProblemSink problems)
    {
        if (RingPlacement.IsOrdinary(method))
        {
            return;
        }

        // Roles only: mark problems are reported once, by the planner.
        WrapperRoles roles = WrapperRoles.Of(method, entryPoint, null, new ProblemSink(collect: false));
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            if (roles.Roles[i] is ParameterRole.Path or ParameterRole.Path2 && PathEncoding.Utf16Spelling(method, parameter) is { } spelling)
            {
                problems.Report(
                    DiagnosticDescriptors.PathMarshalledAsUtf16,
                    parameter.Locations.Length > 0 ? parameter.Locations[0] : null,
                    method.Name,
                    parameter.Name,
                    roles.EntryPoint,
                    spelling,
                    PathEncoding.Utf8Fix(spelling));
            }
        }
    }

    private static void CheckCancelHook(IMethodSymbol method, AttributeData attribute, string hook, string? ringOp, ProblemSink problems)
    {
        Location? location = ArgumentLocation(attribute, "CancelHook");
        if (ringOp is not null)
        {
            problems.Report(DiagnosticDescriptors.CancelHookUnused, location, method.Name, ringOp, hook);
            return;
        }

        foreach (ISymbol member in method.ContainingType.GetMembers(hook))
        {
            if (member is IMethodSymbol { IsStatic: true, ReturnsVoid: true, IsGenericMethod: false, Parameters.Length: 1 } candidate
                && candidate.Parameters[0].RefKind == RefKind.None
                && TypeFacts.IsNamed(candidate.Parameters[0].Type, "AsyncSys", "BlockingCallInfo"))
            {
                return;
            }
        }

        problems.Report(DiagnosticDescriptors.CancelHookInvalid, location, hook, method.Name, method.ContainingType.ToDisplayString());
    }

    private static bool HasBindingErrors(IMethodSymbol method)
    {
        if (TypeFacts.HasErrors(method.ReturnType) || method.ContainingType is null)
        {
            return true;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (TypeFacts.HasErrors(parameter.Type) || parameter.IsParams && parameter.Type.TypeKind != TypeKind.Array)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the import skips the GC transition: <c>[SuppressGCTransition]</c>, or <c>[UnmanagedCallConv]</c> naming
    /// <c>CallConvSuppressGCTransition</c> (the [LibraryImport] spelling).
    /// </summary>
    private static bool SuppressesGcTransition(IMethodSymbol method)
    {
        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is not { } type)
            {
                continue;
            }

            if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "SuppressGCTransitionAttribute"))
            {
                return true;
            }

            if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "UnmanagedCallConvAttribute"))
            {
                foreach (var named in data.NamedArguments)
                {
                    if (named.Key == "CallConvs" && !named.Value.IsNull && named.Value.Kind == TypedConstantKind.Array)
                    {
                        foreach (TypedConstant callConv in named.Value.Values)
                        {
                            if (callConv.Value is ITypeSymbol convention && TypeFacts.IsNamed(convention, "System.Runtime.CompilerServices", "CallConvSuppressGCTransition"))
                            {
                                return true;
                            }
                        }
                    }
                }
            }
        }

        return false;
    }

    private static bool HasAttribute(IMethodSymbol method, string containingNamespace, string name)
    {
        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is { } type && TypeFacts.IsNamed(type, containingNamespace, name))
            {
                return true;
            }
        }

        return false;
    }

    private static Location? ArgumentLocation(AttributeData attribute, string? name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax)
        {
            return null;
        }

        if (syntax.ArgumentList is { } list)
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                bool isNamed = argument.NameEquals is not null;
                if (name is null ? !isNamed : isNamed && argument.NameEquals!.Name.Identifier.ValueText == name)
                {
                    return argument.GetLocation();
                }
            }
        }

        return syntax.GetLocation();
    }
}
