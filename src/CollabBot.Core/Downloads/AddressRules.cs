using System.Net;
using System.Net.Sockets;

namespace CollabBot.Core.Downloads;

/// <summary>
/// Which addresses a download may connect to: public unicast only. Refused: unspecified, loopback, private
/// (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10), carrier-grade NAT (100.64/10), multicast, broadcast,
/// reserved and documentation ranges — and the same addresses written inside IPv6 (IPv4-mapped, IPv4-compatible,
/// NAT64 64:ff9b::/96, 6to4 2002::/16).
/// </summary>
public static class AddressRules
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Embedded(address) is { } v4)
        {
            return IsPublicV4(v4.GetAddressBytes());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    /// <summary>A short reason for a refused address, for the person who asked.</summary>
    public static string Describe(IPAddress address)
    {
        var a = Embedded(address) ?? address;
        if (IPAddress.IsLoopback(a))
        {
            return "a loopback address";
        }

        if (a.AddressFamily == AddressFamily.InterNetworkV6 && (a.IsIPv6LinkLocal || a.IsIPv6SiteLocal))
        {
            return "a link-local address";
        }

        if (a.AddressFamily == AddressFamily.InterNetwork && a.GetAddressBytes() is [169, 254, ..])
        {
            return "a link-local address";
        }

        if (a.IsIPv6Multicast || (a.AddressFamily == AddressFamily.InterNetwork && a.GetAddressBytes()[0] is >= 224 and <= 239))
        {
            return "a multicast address";
        }

        return "a private or reserved address";
    }

    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();

        // NAT64 well-known prefix 64:ff9b::/96 and IPv4-compatible ::a.b.c.d (deprecated, but still parsed).
        if ((b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0))
            || (b[..12].All(x => x == 0) && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1)))
        {
            return new IPAddress(b[12..16]);
        }

        // 6to4: 2002:AABB:CCDD::/48 carries a.b.c.d.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b[2..6]);
        }

        return null;
    }

    private static bool IsPublicV4(byte[] b) => b switch
    {
        [0, ..] => false,                                    // "this network", 0.0.0.0 unspecified
        [10, ..] => false,                                   // RFC 1918
        [100, >= 64 and <= 127, ..] => false,                // carrier-grade NAT, RFC 6598
        [127, ..] => false,                                  // loopback
        [169, 254, ..] => false,                             // link-local
        [172, >= 16 and <= 31, ..] => false,                 // RFC 1918
        [192, 0, 0, _] => false,                             // IETF protocol assignments
        [192, 0, 2, _] => false,                             // documentation
        [192, 88, 99, _] => false,                           // 6to4 relay anycast (deprecated)
        [192, 168, ..] => false,                             // RFC 1918
        [198, 18 or 19, ..] => false,                        // benchmarking
        [198, 51, 100, _] => false,                          // documentation
        [203, 0, 113, _] => false,                           // documentation
        [>= 224, ..] => false,                               // multicast, reserved, broadcast
        _ => true,
    };

    private static bool IsPublicV6(IPAddress a)
    {
        if (a.Equals(IPAddress.IPv6Any) || a.Equals(IPAddress.IPv6Loopback) || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast)
        {
            return false;
        }

        var b = a.GetAddressBytes();
        return !((b[0] & 0xfe) == 0xfc                                     // unique local fc00::/7
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation 2001:db8::/32
            || (b[0] == 0x01 && b[1..8].All(x => x == 0)));                 // discard-only 100::/64
    }
}
