// The C# binding's tests: the conformance suite's verdicts record for record,
// and the binding's contract. A small runner (mono ships no test framework in
// Debian): each test is a method; the run ends with "N passed, N failed".
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

static class VumTest {
  static readonly string Source = Environment.GetEnvironmentVariable("VUM_SOURCE");
  static readonly string[] Lists = {Source + "/codelists", Source + "/conformance/codelists"};

  static void Require(bool ok, string what) {
    if (!ok) throw new Exception(what);
  }

  static void ConformanceVerdictsRecordForRecord() {
    var lines = File.ReadAllLines(Environment.GetEnvironmentVariable("VUM_VECTORS"));
    var validators = new Dictionary<string, Vum.Validator>();
    var wrong = new List<string>();
    foreach (var line in lines) {
      var f = line.Split('\t');
      Vum.Validator v;
      if (!validators.TryGetValue(f[3] + f[4], out v)) {
        v = validators[f[3] + f[4]] = new Vum.Validator(Lists, f[3], "nl", "info", f[4] == "1");
      }
      var data = Convert.FromBase64String(f[5]);
      var format = f[2] == "json" ? Vum.Format.Json : Vum.Format.Binary;
      string got;
      try {
        got = string.Join(";", v.Validate(data, f[1], format).Violations
                                   .Select(x => x.RuleId + "|" + x.Path + "|" + x.Severity));
      } catch (Vum.ParseException) {
        got = "parse-error";
      }
      if (got != f[6]) wrong.Add(f[0] + ": expected [" + f[6] + "], got [" + got + "]");
    }
    foreach (var v in validators.Values) v.Dispose();
    Require(lines.Length > 700, "the suite's validate cases: " + lines.Length);
    Require(wrong.Count == 0, string.Join("\n", wrong));
  }

  static void ABrokenRecordDoesNotConform() {
    using (var v = new Vum.Validator(Lists, "2026-06-01")) {
      var r = v.Validate("{\"mobiliteit\":{\"maximaleReisafstand\":5000}}");
      Require(!r.Conforms, "conforms");
      Require(r.Violations.Any(x => x.RuleId == "WZ-01"), "WZ-01");
      Require(r.Violations.All(x => !x.Message.Contains("5000")), "a value in a message");
    }
  }

  static void AnUnreadableDocumentThrowsAndNamesTheProperty() {
    using (var v = new Vum.Validator()) {
      try {
        v.Validate("{\"idWerkzoekende\": 12345678}");
        Require(false, "no ParseException");
      } catch (Vum.ParseException e) {
        Require(e.Message.Contains("idWerkzoekende") && !e.Message.Contains("12345678"),
                e.Message);
      }
      try {
        v.Validate("{}", "cv");
        Require(false, "no NotFoundException");
      } catch (Vum.NotFoundException) {
      }
    }
  }

  static void WithoutCodeListsBoundRulesAreUnchecked() {
    using (var v = new Vum.Validator()) {
      Require(v.Validate("{\"idWerkzoekende\":\"a\",\"sector\":[{\"codeSbi\":4711}]}")
                  .Unchecked.Count > 0, "nothing unchecked");
    }
  }

  static void ACaseloadAnswersAsASourceWould() {
    using (var caseload = new Vum.Caseload(new[] {Source + "/codelists"})) {
      foreach (var id in new[] {"wz-1", "wz-2"})
        caseload.Put("{\"idWerkzoekende\":\"" + id + "\",\"persoonlijkePresentatie\":\"Ik\"," +
                     "\"mobiliteit\":{\"bemiddelingspostcode\":\"5611AA\"}}");
      caseload.PutProcess("{\"idWerkzoekende\":\"wz-1\",\"toestemming\":[{\"idToestemming\":" +
                          "\"5b0e8a8c-3f5e-4a8e-9d6f-1c2b3a4d5e6f\",\"idWerkzoekende\":\"wz-1\"," +
                          "\"doel\":1,\"verleendOp\":\"2026-01-01T00:00:00Z\",\"grondslag\":1}]}");
      var a = caseload.Select(
          "{\"vraagObject\":{\"selectiegebied\":{\"postcode\":\"5611AB\",\"afstand\":10}}}",
          "{\"at\":\"2026-06-01T12:00:00Z\"}");
      Require(!(bool)a["refused"], "the question is answered");
      var matches = (object[])((Dictionary<string, object>)a["answer"])["matches"];
      Require(matches.Length == 1, "one match (the person with a consent)");
      var match = (Dictionary<string, object>)matches[0];
      Require((string)match["idWerkzoekende"] == "wz-1", "under the source's id");
      Require(!match.ContainsKey("persoonlijkePresentatie"), "the first round only");
    }
  }

  static void ABatchIsWrittenAndReadBack() {
    byte[] batch = Vum.Validator.WriteBatch(new[] {"{\"idWerkzoekende\":\"wz-1\"}",
        "{\"idWerkzoekende\":\"wz-2\",\"mobiliteit\":{\"maximaleReisafstand\":5000}}"});
    using (var v = new Vum.Validator(Lists, "2026-06-01")) {
      var result = v.ReadBatch(batch);
      Require((string)result["status"] == "whole", "the batch reads whole");
      Require(System.Convert.ToInt32(result["rejected"]) == 1, "one record rejected");
    }
  }

  static void ConvertRoundTrips() {
    var doc = "{\"idWerkzoekende\":\"a\",\"werktijden\":{\"aantalWerkurenPerWeekMinimaal\":20}}";
    var binary = Vum.Validator.Convert(Encoding.UTF8.GetBytes(doc), "werkzoekende",
                                       Vum.Format.Json, Vum.Format.Binary);
    var back = Vum.Validator.Convert(binary, "vum.v1.Werkzoekende", Vum.Format.Binary,
                                     Vum.Format.Json);
    Require(Encoding.UTF8.GetString(back) == doc, Encoding.UTF8.GetString(back));
  }

  static void OneValidatorManyThreads() {
    using (var v = new Vum.Validator(Lists, "2026-06-01")) {
      var doc = "{\"idWerkzoekende\":\"a\",\"mobiliteit\":{\"maximaleReisafstand\":5000}}";
      var expected = string.Join(",", v.Validate(doc).Violations.Select(x => x.RuleId + x.Path));
      var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 100).All(
          i => string.Join(",", v.Validate(doc).Violations.Select(x => x.RuleId + x.Path)) ==
               expected))).ToArray();
      Require(runs.All(t => t.Result), "a thread got another verdict");
    }
  }

  // A view shows what its audience may see: no special-category data for an employer.
  static void AViewShowsWhatItsAudienceMaySee() {
    const string profile = "{\"idWerkzoekende\":\"wz-1\",\"indicatieLdrRegistratie\":1," +
                           "\"mobiliteit\":{\"bemiddelingspostcode\":\"5611AA\"}}";
    string employer = Vum.Validator.View(profile, "werkzoekende", "employer");
    Require(!employer.Contains("indicatieLdrRegistratie"), "the employer sees no LDR: " + employer);
    Require(employer.Contains("\"bemiddelingspostcode\":\"5611\""), "four digits: " + employer);
    Require(Vum.Validator.View(profile, "werkzoekende", "mediator").Contains("indicatieLdrRegistratie"),
            "the mediator sees it");
    try {
      Vum.Validator.View(profile, "werkzoekende", "");
      Require(false, "no audience must throw");
    } catch (Vum.VumException) {
    }
  }

  // A delta written here follows its full batch; one that does not follow is refused by name.
  static void ADeltaIsAppliedOrRefusedByName() {
    byte[] full = Vum.Validator.WriteBatch(
        new[] {"{\"idWerkzoekende\":\"wz-1\"}", "{\"idWerkzoekende\":\"wz-2\"}"});
    string basis;
    using (var v = new Vum.Validator()) {
      basis = (string)((Dictionary<string, object>)v.ReadBatch(full)["header"])["batchId"];
    }
    byte[] delta = Vum.Validator.WriteDelta(new[] {"{\"idWerkzoekende\":\"wz-3\"}"}, basis, 1);
    Vum.DeltaResult applied = Vum.Validator.ApplyDelta(full, delta);
    Require(applied.Status == "applied", "applied: " + applied.Status);
    Require(applied.Sequence == 1, "sequence 1");
    Require(string.Join(",", applied.Ids) == "wz-1,wz-2,wz-3", "ids: " + string.Join(",", applied.Ids));
    Require(applied.Batch != null && applied.Batch.Length > 0, "the new full batch");
    Vum.DeltaResult refused = Vum.Validator.ApplyDelta(full, full);
    Require(refused.Status == "not-delta" && refused.Batch == null, "refused: " + refused.Status);
  }

  static int Main() {
    var tests = new Dictionary<string, Action> {
      {"ConformanceVerdictsRecordForRecord", ConformanceVerdictsRecordForRecord},
      {"ABrokenRecordDoesNotConform", ABrokenRecordDoesNotConform},
      {"AnUnreadableDocumentThrowsAndNamesTheProperty",
       AnUnreadableDocumentThrowsAndNamesTheProperty},
      {"WithoutCodeListsBoundRulesAreUnchecked", WithoutCodeListsBoundRulesAreUnchecked},
      {"ConvertRoundTrips", ConvertRoundTrips},
      {"OneValidatorManyThreads", OneValidatorManyThreads},
      {"ACaseloadAnswersAsASourceWould", ACaseloadAnswersAsASourceWould},
      {"ABatchIsWrittenAndReadBack", ABatchIsWrittenAndReadBack},
      {"AViewShowsWhatItsAudienceMaySee", AViewShowsWhatItsAudienceMaySee},
      {"ADeltaIsAppliedOrRefusedByName", ADeltaIsAppliedOrRefusedByName},
    };
    int passed = 0, failed = 0;
    foreach (var test in tests) {
      try {
        test.Value();
        Console.WriteLine("ok    " + test.Key);
        ++passed;
      } catch (Exception e) {
        Console.WriteLine("FAIL  " + test.Key + ": " + e.Message);
        ++failed;
      }
    }
    Console.WriteLine("csharp: " + passed + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }
}
