namespace CollabBot.Core;

/// <summary>Wakes a background loop as soon as there is work for it, instead of waiting for its next poll; pulses while it is awake fold into one.</summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Pulse()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already pulsed: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
