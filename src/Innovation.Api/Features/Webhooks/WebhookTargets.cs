using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Innovation.Api.Features.Webhooks;

/// <summary>A host name's addresses: the system resolver (the tests hand their own, to play DNS rebinding).</summary>
internal delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>
/// Where a webhook may point: https, to a host whose every address is public, unless the host is listed in
/// <c>Webhooks:AllowedHosts</c>. Checked when a URL is registered, and again at every connection on the very
/// addresses connected to, so a name that later resolves to an internal address (DNS rebinding) reaches nothing.
/// </summary>
internal sealed class WebhookTargets(HostResolver resolve, IOptions<WebhookOptions> options)
{
    // Loopback, private (RFC 1918, ULA), CGNAT, link-local, multicast, documentation and reserved ranges.
    private static readonly IPNetwork[] Forbidden =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",
            "240.0.0.0/4", "::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10",
            "fec0::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public bool IsAllowListed(string host) => options.Value.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <returns>Why <paramref name="url"/> may not receive webhooks, or null when it may.</returns>
    public async Task<string?> RefusalAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.DnsSafeHost.Length == 0)
        {
            return "Give an absolute https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "A webhook URL cannot carry credentials: deliveries are authenticated by their signature.";
        }

        var host = uri.DnsSafeHost;
        if (IsAllowListed(host))
        {
            return null;
        }

        if (uri.Scheme != "https")
        {
            return "A webhook URL must use https.";
        }

        try
        {
            await VettedAddressesAsync(host, cancellationToken);
            return null;
        }
        catch (RefusedTargetException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>The host's addresses, every one of them public; <see cref="RefusedTargetException"/> otherwise.</summary>
    public async Task<IPAddress[]> VettedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await AddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new RefusedTargetException($"The host '{host}' does not resolve.");
        }

        if (addresses.FirstOrDefault(IsForbidden) is { } forbidden)
        {
            throw new RefusedTargetException($"The host '{host}' resolves to {forbidden}, a loopback, private, link-local or reserved address.");
        }

        return addresses;
    }

    /// <summary>
    /// The delivery client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the request's host, checks every
    /// address and connects only to a checked one (TLS then runs over this stream, against the URL's host name).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IsAllowListed(host) ? await AddressesAsync(host, cancellationToken) : await VettedAddressesAsync(host, cancellationToken);
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                failure = exception;
            }
        }

        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }

    internal static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (Nat64.Contains(address))
        {
            // A NAT64 address reaches the IPv4 address held in its last four bytes.
            address = new IPAddress(address.GetAddressBytes()[12..]);
        }

        return Forbidden.Any(network => network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address));
    }

    private async Task<IPAddress[]> AddressesAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            return await resolve(host, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}

/// <summary>A webhook URL or address the target rules refuse.</summary>
internal sealed class RefusedTargetException(string message) : Exception(message);
