using System.Collections.Generic;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Plans a call that runs the synchronous wrapper on one of the ring's blocking-call workers: a state struct
/// carries the arguments there and the out-values back, and the worker captures errno right after the call.
/// </summary>
internal static class BlockingCallPlanner
{
    /// <summary>Plans the offloaded call; reports unsupported parameters and results to <paramref name="problems"/>.</summary>
    public static CallPlan? TryPlan(
        IMethodSymbol method,
        string syscallName,
        bool negativeErrno,
        string stateTypeName,
        string? cancelHook,
        LocalNames locals,
        ProblemSink problems)
    {
        var plan = new CallPlan();
        var fields = new List<ParameterModel>();
        var initializers = new List<string>();
        var setup = new List<string>();
        var pins = new List<string>();
        var arguments = new List<string>();
        string state = locals.State;
        string result = locals.Result;
        bool ok = true;

        string target;
        if (method.IsStatic)
        {
            target = TypeFacts.Qualified(method.ContainingType) + "." + TypeFacts.Escape(method.Name);
        }
        else
        {
            string self = locals.Claim("Self");
            fields.Add(new(TypeFacts.Qualified(method.ContainingType), self));
            initializers.Add(self + " = this,");
            target = "state." + self + "." + TypeFacts.Escape(method.Name);
        }

        var parameters = method.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            IParameterSymbol parameter = parameters[i];
            ITypeSymbol type = parameter.Type;
            string name = TypeFacts.Escape(parameter.Name);
            string? problem = null;
            if (parameter.RefKind == RefKind.Out)
            {
                if (type.IsRefLikeType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
                {
                    problem = "an out " + (type.IsRefLikeType ? "ref struct" : "pointer") + " cannot be returned asynchronously";
                }
                else
                {
                    fields.Add(new(TypeFacts.Qualified(type), name));
                    arguments.Add("out state." + name);
                    plan.Values.Add(new(TypeFacts.Qualified(type), TypeFacts.PascalCase(parameter.Name), result + ".State." + name));
                }
            }
            else if (parameter.RefKind != RefKind.None)
            {
                problem = "a ref or in parameter cannot cross an await; take it by value, or make it out to return it";
            }
            else if (TypeFacts.IsSpan(type, out ITypeSymbol? element, out bool readOnly))
            {
                // The span becomes memory, which can live in the state; the worker takes the span back out of it.
                string memory = (readOnly ? "global::System.ReadOnlyMemory<" : "global::System.Memory<") + TypeFacts.Qualified(element!) + ">";
                plan.Parameters.Add(new(memory, name));
                fields.Add(new(memory, name));
                initializers.Add(name + " = " + name + ",");
                arguments.Add("state." + name + ".Span");
            }
            else if (IsCString(parameter, parameters, i))
            {
                // A C string (a path, a name): the caller passes a string, encoded as UTF-8 on the worker before the call.
                string bytes = locals.Claim(parameter.Name + "Utf8");
                string pointer = locals.Claim(parameter.Name + "Pointer");
                plan.Parameters.Add(new("string", name));
                fields.Add(new("string", name));
                initializers.Add(name + " = " + name + ",");
                setup.Add("byte[] " + bytes + " = global::System.Text.Encoding.UTF8.GetBytes(state." + name + " + \"\\0\");");
                pins.Add("fixed (byte* " + pointer + " = " + bytes + ")");
                arguments.Add(((IPointerTypeSymbol)type).PointedAtType.SpecialType == SpecialType.System_Byte
                    ? pointer
                    : "(" + TypeFacts.Qualified(type) + ")" + pointer);
            }
            else if (TypeFacts.IsBytePointer(type) && type is IPointerTypeSymbol
                && i + 1 < parameters.Length && parameters[i + 1].RefKind == RefKind.None && TypeFacts.IsInteger(parameters[i + 1].Type))
            {
                // A buffer and its length: the caller passes memory, pinned on the worker only for the call.
                const string memory = "global::System.Memory<byte>";
                string pointer = locals.Claim(parameter.Name + "Pointer");
                plan.Parameters.Add(new(memory, name));
                fields.Add(new(memory, name));
                initializers.Add(name + " = " + name + ",");
                pins.Add("fixed (byte* " + pointer + " = state." + name + ".Span)");
                arguments.Add(((IPointerTypeSymbol)type).PointedAtType.SpecialType == SpecialType.System_Byte
                    ? pointer
                    : "(" + TypeFacts.Qualified(type) + ")" + pointer);
                i++;
                arguments.Add(Cast("state." + name + ".Length", parameters[i].Type));
            }
            else if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            {
                problem = "a pointer cannot cross an await; only a byte pointer followed by its length becomes Memory<byte>";
            }
            else if (type.IsRefLikeType)
            {
                problem = "a ref struct cannot cross an await";
            }
            else
            {
                string qualified = TypeFacts.Qualified(type);
                plan.Parameters.Add(new(qualified, name));
                fields.Add(new(qualified, name));
                initializers.Add(name + " = " + name + ",");
                arguments.Add("state." + name);
            }

            if (problem is not null)
            {
                ok = false;
                problems.Report(DiagnosticDescriptors.ParameterNotSupported, LocationOf(parameter), parameter.Name, method.Name, problem);
                if (!problems.WantsAll)
                {
                    return null;
                }
            }
        }

        ITypeSymbol returnType = method.ReturnType;
        string call = target + "(" + string.Join(", ", arguments) + ")";
        string invoke;
        ResultValue? returned = null;
        string qualifiedReturn = TypeFacts.Qualified(returnType);
        if (returnType.SpecialType == SpecialType.System_Void)
        {
            invoke = call + ";\nreturn 0;";
        }
        else if (TypeFacts.IsSignedResult(returnType))
        {
            invoke = "return " + call + ";";
            string cast = returnType.SpecialType == SpecialType.System_Int64 ? "" : "(" + qualifiedReturn + ")";
            returned = negativeErrno
                ? new(qualifiedReturn, "ReturnValue", cast + "(" + result + ".Value == -1 ? -" + result + ".Errno : " + result + ".Value)")
                : new(qualifiedReturn, "ReturnValue", cast + result + ".ThrowIfFailed(\"" + syscallName + "\")");
        }
        else if (TypeFacts.IsInteger(returnType))
        {
            invoke = "return unchecked((long)" + call + ");";
            returned = new(qualifiedReturn, "ReturnValue", "unchecked((" + qualifiedReturn + ")" + result + ".Value)");
        }
        else
        {
            // Not a number the worker can hand back as its raw result: the state carries it.
            string field = locals.Claim("ReturnValue");
            fields.Add(new(qualifiedReturn, field));
            invoke = "state." + field + " = " + call + ";\nreturn 0;";
            returned = new(qualifiedReturn, "ReturnValue", result + ".State." + field);
        }

        if (negativeErrno && !TypeFacts.IsSignedResult(returnType))
        {
            ok = false;
            problems.Report(DiagnosticDescriptors.NegativeErrnoNeedsSignedResult, LocationOfReturn(method), method.Name, returnType.ToDisplayString());
        }

        if (!ok)
        {
            return null;
        }

        if (returned is not null)
        {
            plan.Values.Insert(0, returned);
        }

        plan.State = new BlockingStateModel(stateTypeName, EquatableArray.From(fields), pins.Count > 0, EquatableArray.From(BuildInvokeBody(setup, pins, invoke)));
        plan.AwaitedType = "global::AsyncSys.BlockingResult<" + stateTypeName + ">";
        foreach (string initializer in initializers)
        {
            plan.StateInitializers.Add(initializer);
        }

        plan.Start = "ring.RunBlockingAsync(" + state + ", " + stateTypeName + ".Invoke, cancelHook: " + (cancelHook ?? "null") + ", cancellationToken: cancellationToken)";
        return plan;
    }

    /// <summary>
    /// A <c>byte*</c> or <c>sbyte*</c> named like a path or a name, or one not followed by a length, is taken to be a
    /// NUL-terminated string; a byte pointer followed by a length is a buffer.
    /// </summary>
    private static bool IsCString(IParameterSymbol parameter, System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters, int index)
    {
        if (parameter.RefKind != RefKind.None || parameter.Type is not IPointerTypeSymbol { PointedAtType.SpecialType: SpecialType.System_Byte or SpecialType.System_SByte })
        {
            return false;
        }

        string name = parameter.Name.ToUpperInvariant();
        if (name.Contains("PATH") || name.Contains("NAME") || name.Contains("FILE"))
        {
            return true;
        }

        return index + 1 >= parameters.Length || parameters[index + 1].RefKind != RefKind.None || !TypeFacts.IsInteger(parameters[index + 1].Type);
    }

    private static string Cast(string expression, ITypeSymbol lengthType) =>
        lengthType.SpecialType == SpecialType.System_Int32
            ? expression
            : "(" + TypeFacts.Qualified(lengthType) + ")" + expression;

    /// <summary>Nests the pins around the call; leaving a <c>fixed</c> block runs no code, so errno is untouched.</summary>
    private static List<string> BuildInvokeBody(List<string> setup, List<string> pins, string invoke)
    {
        var lines = new List<string>(setup);
        string indent = "";
        foreach (string pin in pins)
        {
            lines.Add(indent + pin);
            lines.Add(indent + "{");
            indent += "    ";
        }

        foreach (string line in invoke.Split('\n'))
        {
            lines.Add(indent + line);
        }

        for (int i = pins.Count - 1; i >= 0; i--)
        {
            indent = indent.Substring(4);
            lines.Add(indent + "}");
        }

        return lines;
    }

    private static Location? LocationOf(ISymbol symbol) => symbol.Locations.Length > 0 ? symbol.Locations[0] : null;

    private static Location? LocationOfReturn(IMethodSymbol method)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration)
            {
                return declaration.ReturnType.GetLocation();
            }
        }

        return LocationOf(method);
    }
}
