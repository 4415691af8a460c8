namespace CollabBot.Core.Outbox;

/// <summary>Wakes the delivery loop as soon as a command has queued messages, instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : WakeSignal;
