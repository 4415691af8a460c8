if (args.FirstOrDefault() == "http")
{
    return await CollabBot.Benchmarks.HttpThroughputBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "reminders")
{
    return await CollabBot.Benchmarks.ReminderBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "startup")
{
    return await CollabBot.Benchmarks.StartupBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "bare")
{
    return await CollabBot.Benchmarks.BareServer.RunAsync(args[1..]);
}

// Benchmarks are written in the next commit; this entry point keeps the solution building meanwhile.
System.Console.WriteLine("CollabBot benchmarks: see README.md in this folder.");
return 0;
