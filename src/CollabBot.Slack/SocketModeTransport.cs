using System.Net.WebSockets;
using System.Text;

namespace CollabBot.Slack;

/// <summary>The WebSocket behind a seam, so Socket Mode can be driven by scripted sequences in tests.</summary>
public interface ISocketModeTransport
{
    Task<ISocketModeConnection> ConnectAsync(Uri url, CancellationToken cancellationToken);
}

public interface ISocketModeConnection : IAsyncDisposable
{
    /// <summary>The next text message, or null when the socket closed.</summary>
    Task<string?> ReceiveAsync(CancellationToken cancellationToken);

    Task SendAsync(string text, CancellationToken cancellationToken);
}

/// <summary>The real transport: <see cref="ClientWebSocket"/>.</summary>
public sealed class WebSocketTransport : ISocketModeTransport
{
    public async Task<ISocketModeConnection> ConnectAsync(Uri url, CancellationToken cancellationToken)
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

    private sealed class Connection(ClientWebSocket socket) : ISocketModeConnection
    {
        private readonly SemaphoreSlim sendGate = new(1, 1);

        public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
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
                    return null;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > 4 * 1024 * 1024)
                {
                    return null; // no Slack envelope is this large
                }

                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
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

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Closing is best effort; the server may be gone already.
            }

            socket.Dispose();
            sendGate.Dispose();
        }
    }
}
