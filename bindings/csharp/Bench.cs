// Throughput of the C# binding: Bench.exe CODELISTS FILE.ndjson (one call per record).
using System;
using System.Diagnostics;
using System.IO;

static class Bench {
  static void Main(string[] args) {
    var lines = File.ReadAllLines(args[1]);
    using (var v = new Vum.Validator(new[] {args[0]}, "2026-06-01", "nl", "error")) {
      for (int i = 0; i < 2000; i++) v.Validate(lines[i % lines.Length]);
      var watch = Stopwatch.StartNew();
      int conforming = 0;
      foreach (var line in lines) conforming += v.Validate(line).Conforms ? 1 : 0;
      double seconds = watch.Elapsed.TotalSeconds;
      Console.WriteLine("csharp binding: {0} records in {1:F2} s, {2:F0}/s ({3} conform)",
                        lines.Length, seconds, lines.Length / seconds, conforming);
    }
  }
}
