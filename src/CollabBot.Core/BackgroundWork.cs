namespace CollabBot.Core;

/// <summary>Keeps track of work that outlives the request that started it (replies finished after an early acknowledgement), so shutdown and tests can wait for it.</summary>
public sealed class BackgroundWork
{
    private readonly List<Task> tasks = [];
    private readonly Lock gate = new();

    public void Track(Task task)
    {
        lock (gate)
        {
            tasks.RemoveAll(t => t.IsCompleted);
            tasks.Add(task);
        }
    }

    public Task WhenIdleAsync()
    {
        lock (gate)
        {
            return Task.WhenAll(tasks.ToList());
        }
    }
}
