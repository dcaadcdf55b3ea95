// Validates one VUM JSON profile with the standard's rules: Example.exe CODELISTS FILE
using System;
using System.IO;

static class Example {
  static int Main(string[] args) {
    using (var validator = new Vum.Validator(new[] {args[0]})) {
      var result = validator.Validate(File.ReadAllText(args[1]));
      foreach (var v in result.Violations)
        Console.WriteLine(v.RuleId + " " + v.Severity + " " + v.Path + " " + v.Message);
      Console.WriteLine("vum " + Vum.Validator.LibraryVersion + " (csharp): " +
                        (result.Conforms ? "conforms" : "does not conform"));
      return result.Conforms ? 0 : 1;
    }
  }
}
