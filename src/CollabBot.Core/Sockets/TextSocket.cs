using System.Net.WebSockets;
using System.Text;

namespace CollabBot.Core.Sockets;

/// <summary>One frame read from a text WebSocket: a message, or the close (with its code when the peer sent one).</summary>
public sealed record SocketFrame(string? Text, int? CloseCode)
{
    public bool IsClosed => Text is null;
}

/// <summary>The WebSocket behind a seam, so Slack Socket Mode and the Discord Gateway can be driven by scripted peers in tests.</summary>
public interface ITextSocketFactory
{
    Task<ITextSocket> ConnectAsync(Uri url, CancellationToken cancellationToken);
}

public interface ITextSocket : IAsyncDisposable
{
    Task<SocketFrame> ReceiveAsync(CancellationToken cancellationToken);

    Task SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Closes with a code: Discord keeps a session resumable unless the code is 1000 or 1001.</summary>
    Task CloseAsync(int code, string reason, CancellationToken cancellationToken);
}

/// <summary>The real transport: <see cref="ClientWebSocket"/>, text messages up to 4 MiB.</summary>
public sealed class ClientWebSocketFactory : ITextSocketFactory
{
    private const int MaxMessage = 4 * 1024 * 1024;

    public async Task<ITextSocket> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new Connection(socket);
    }

    private sealed class Connection(ClientWebSocket socket) : ITextSocket
    {
        private readonly SemaphoreSlim sendGate = new(1, 1);

        public async Task<SocketFrame> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                WebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                }
                catch (WebSocketException)
                {
                    return new SocketFrame(null, null);
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new SocketFrame(null, (int?)result.CloseStatus);
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessage)
                {
                    return new SocketFrame(null, null);
                }

                if (result.EndOfMessage)
                {
                    return new SocketFrame(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), null);
                }
            }
        }

        public async Task SendAsync(string text, CancellationToken cancellationToken)
        {
            await sendGate.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                sendGate.Release();
            }
        }

        public async Task CloseAsync(int code, string reason, CancellationToken cancellationToken)
        {
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Closing is best effort; the peer may be gone already.
            }
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await CloseAsync(1000, "bye", timeout.Token);
            socket.Dispose();
            sendGate.Dispose();
        }
    }
}
