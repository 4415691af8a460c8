using System.Text.Json.Nodes;
using CollabBot.Core.Sockets;

namespace CollabBot.Discord;

public sealed partial class GatewayClient
{
    private async Task HeartbeatLoopAsync(ITextSocket socket, Heartbeat heartbeat, CancellationTokenSource session)
    {
        var sessionToken = session.Token;
        // The first beat waits interval × jitter, so a fleet reconnecting at once does not beat in step.
        await Task.Delay(heartbeat.Interval * Random.Shared.NextDouble(), clock, sessionToken);
        while (!sessionToken.IsCancellationRequested)
        {
            if (!heartbeat.TryBeat())
            {
                // No ACK since the last beat: a zombie connection. Close with a non-1000 code so the session can
                // resume, and stop waiting for a peer that may never answer.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(4000, "heartbeat not acknowledged", timeout.Token);
                await session.CancelAsync();
                return;
            }

            await SendAsync(socket, new JsonObject { ["op"] = 1, ["d"] = sequence }, sessionToken);
            await Task.Delay(heartbeat.Interval, clock, sessionToken);
        }
    }

    private sealed class Heartbeat(TimeSpan interval)
    {
        private int acked = 1;

        public TimeSpan Interval { get; } = interval;

        public bool Zombie { get; private set; }

        public void Acked() => Volatile.Write(ref acked, 1);

        /// <summary>True if the previous beat was acknowledged (or there was none); then a new beat is owed an ACK.</summary>
        public bool TryBeat()
        {
            if (Interlocked.Exchange(ref acked, 0) == 1)
            {
                return true;
            }

            Zombie = true;
            return false;
        }
    }
}
