using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>The arguments of a wrapper's <c>[AsyncSyscall]</c>, as read from its metadata.</summary>
internal sealed class WrapperOptions
{
    /// <summary>The explicit ring operation; <see cref="RingOpKind.Auto"/> when the generator decides.</summary>
    public RingOpKind Op { get; private set; }

    public string? MethodName { get; private set; }

    /// <summary>The <c>SyscallErrorMode</c> value: 1 is ReturnNegativeErrno.</summary>
    public int ErrorMode { get; private set; }

    /// <summary>Whether failures come back as <c>-errno</c> instead of an exception.</summary>
    public bool NegativeErrno => ErrorMode == 1;

    public string? CancelHook { get; private set; }

    /// <summary>The stated <c>SyscallErrors</c> value; 0 when not stated.</summary>
    public int Errors { get; private set; }

    /// <summary>Reads the attribute; false for half-typed code (an argument that does not bind), which the compiler reports.</summary>
    public static bool TryRead(AttributeData attribute, out WrapperOptions options)
    {
        options = new WrapperOptions();
        if (attribute.AttributeClass is null || attribute.AttributeConstructor is null)
        {
            return false;
        }

        if (attribute.ConstructorArguments.Length == 1)
        {
            TypedConstant op = attribute.ConstructorArguments[0];
            if (op.Kind == TypedConstantKind.Error || op.Value is not int value)
            {
                return false;
            }

            // A value outside the enum ((RingOp)99) is kept: planning refuses it with ASYS0006.
            options.Op = (RingOpKind)value;
        }

        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error)
            {
                return false;
            }

            switch (named.Key)
            {
                case "MethodName":
                    options.MethodName = named.Value.Value as string;
                    break;
                case "ErrorMode":
                    options.ErrorMode = named.Value.Value is int mode ? mode : 0;
                    break;
                case "CancelHook":
                    options.CancelHook = named.Value.Value as string;
                    break;
                case "Errors":
                    options.Errors = named.Value.Value is int errors ? errors : 0;
                    break;
            }
        }

        return true;
    }
}
