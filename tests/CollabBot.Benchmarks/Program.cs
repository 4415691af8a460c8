// Benchmarks are written in the next commit; this entry point keeps the solution building meanwhile.
System.Console.WriteLine("CollabBot benchmarks: see README.md in this folder.");
