using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Lines a wrapper's parameters up with the roles of a known libc call. A wrapper may fold a buffer and its
/// length into one parameter (a span, an array, Memory): the length is then absent, which the parameter count tells.
/// </summary>
internal static class RoleBinder
{
    /// <summary>The role of each wrapper parameter, or <see langword="null"/> when the wrapper does not fit the shape.</summary>
    public static ParameterRole[]? Bind(SyscallShape shape, ImmutableArray<IParameterSymbol> parameters)
    {
        ParameterRole[] roles = shape.Roles;
        var bound = new ParameterRole[parameters.Length];
        int p = 0;
        for (int r = 0; r < roles.Length; r++)
        {
            if (p >= parameters.Length)
            {
                return null;
            }

            ParameterRole role = roles[r];
            bound[p] = role;
            if (IsBufferWithLength(role) && r + 1 < roles.Length && IsLength(roles[r + 1]))
            {
                bool pointer = TypeFacts.IsPointerLike(parameters[p].Type);
                int paramsLeft = parameters.Length - (p + 1);
                int rolesLeft = roles.Length - (r + 2);
                if (pointer || paramsLeft > rolesLeft)
                {
                    if (p + 1 >= parameters.Length || !CanBeLength(roles[r + 1], parameters[p + 1]))
                    {
                        return null;
                    }

                    bound[p + 1] = roles[r + 1];
                    p++;
                }

                r++;
            }

            p++;
        }

        return p == parameters.Length ? bound : null;
    }

    private static bool CanBeLength(ParameterRole role, IParameterSymbol candidate) =>
        role == ParameterRole.AddressLengthPointer
            ? candidate.RefKind != RefKind.None || candidate.Type is IPointerTypeSymbol
            : candidate.RefKind == RefKind.None && TypeFacts.IsIntegerOrTypedef(candidate.Type);

    public static bool IsBufferWithLength(ParameterRole role) => role is
        ParameterRole.InBuffer or ParameterRole.OutBuffer or ParameterRole.OutElements or ParameterRole.InAddress or ParameterRole.OutAddress or ParameterRole.Vectors;

    public static bool IsLength(ParameterRole role) => role is
        ParameterRole.BufferLength or ParameterRole.AddressLength or ParameterRole.AddressLengthPointer or ParameterRole.VectorCount or ParameterRole.PollCount;
}
