using Microsoft.Extensions.Logging;

namespace CollabBot.Discord;

public sealed partial class GatewayClient
{
    [LoggerMessage(Level = LogLevel.Information, Message = "This instance holds the Discord Gateway connection")]
    private static partial void LogHolding(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway connection failed: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway ready")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway session resumed at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway heartbeat was not acknowledged; reconnecting to resume")]
    private static partial void LogZombie(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord asked the Gateway to reconnect (op 7)")]
    private static partial void LogReconnectRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway session invalid (op 9); resumable: {Resumable}")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord Gateway closed with code {Code} ({Meaning}); not reconnecting. Fix the configuration and restart.")]
    private static partial void LogFatalClose(ILogger logger, int code, string meaning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering a Gateway interaction failed: {Error}")]
    private static partial void LogCallbackFailed(ILogger logger, string error);
}
