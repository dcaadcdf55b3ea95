// The VUM standard's rules in-process from .NET (mono or .NET), through
// libvum_c (P/Invoke).
//
//   using (var validator = new Vum.Validator(new[] {"/usr/local/share/vum/codelists"},
//                                            "2026-06-01"))
//   {
//     Vum.Result result = validator.Validate(json, "werkzoekende");
//     foreach (var v in result.Violations) Console.WriteLine(v.RuleId + " " + v.Path);
//   }
//
// A document that cannot be read throws Vum.ParseException (naming the
// property, never a value); a record that breaks rules is a Result whose
// Conforms is false. The library is resolved by the name "vum_c" (libvum_c.so;
// a mono <dllmap> or LD_LIBRARY_PATH points it at a build). A Validator may be
// used from many threads.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Web.Script.Serialization;

namespace Vum {

public class VumException : Exception {
  public int Code { get; }
  public VumException(int code, string message) : base(message) { Code = code; }
}

// The document could not be read as a record of the type (could not validate).
public sealed class ParseException : VumException {
  public ParseException(int code, string message) : base(code, message) {}
}

// No record type of that name, or a missing code-list folder.
public sealed class NotFoundException : VumException {
  public NotFoundException(int code, string message) : base(code, message) {}
}

public sealed class Violation {
  public string RuleId, Severity, Path, Message;
  public IList<string> RelatedPaths;
  public IDictionary<string, string> Params;
}

// A delta applied to a full batch, or refused (Batch null).
public sealed class DeltaResult {
  public string Status;
  public long Sequence;
  public List<string> Ids;
  public byte[] Batch;
}

public sealed class Result {
  public bool Conforms;
  public IList<Violation> Violations;
  public IList<string> Unchecked;
}

public enum Format { Json = 1, Binary = 2 }

static class Native {
  const string Lib = "vum_c";
  [DllImport(Lib)] public static extern IntPtr vum_version();
  [DllImport(Lib)] public static extern IntPtr vum_standard_version();
  [DllImport(Lib)] public static extern int vum_c_api_version();
  [DllImport(Lib)] public static extern int vum_validator_create(byte[] options, out IntPtr validator,
                                                                 out IntPtr error);
  [DllImport(Lib)] public static extern void vum_validator_free(IntPtr validator);
  [DllImport(Lib)] public static extern int vum_validate(IntPtr validator, byte[] recordType,
                                                         int format, byte[] data, UIntPtr size,
                                                         out IntPtr result, out IntPtr error);
  [DllImport(Lib)] public static extern int vum_convert(byte[] recordType, int from, byte[] data,
                                                        UIntPtr size, int to, out IntPtr output,
                                                        out UIntPtr outSize, out IntPtr error);
  [DllImport(Lib)] public static extern int vum_batch_read(IntPtr validator, byte[] data, UIntPtr size,
                                                           out IntPtr result, out IntPtr error);
  [DllImport(Lib)] public static extern int vum_batch_write(byte[] recordType, byte[] ndjson,
                                                            UIntPtr size, byte[] options,
                                                            out IntPtr output, out UIntPtr outSize,
                                                            out IntPtr error);
  [DllImport(Lib)] public static extern int vum_caseload_create(byte[] options, out IntPtr caseload,
                                                                out IntPtr error);
  [DllImport(Lib)] public static extern void vum_caseload_free(IntPtr caseload);
  [DllImport(Lib)] public static extern int vum_caseload_put(IntPtr caseload, int format, byte[] data,
                                                             UIntPtr size, out IntPtr error);
  [DllImport(Lib)] public static extern int vum_caseload_put_process(IntPtr caseload, int format,
                                                                     byte[] data, UIntPtr size,
                                                                     out IntPtr error);
  [DllImport(Lib)] public static extern int vum_select(IntPtr caseload, byte[] question,
                                                       byte[] options, out IntPtr answer,
                                                       out IntPtr error);
  [DllImport(Lib)] public static extern int vum_view(byte[] recordType, int format, byte[] data,
                                                     UIntPtr size, byte[] options,
                                                     out IntPtr outJson, out IntPtr error);
  [DllImport(Lib)] public static extern int vum_delta_apply(byte[] full, UIntPtr fullSize,
                                                            byte[] delta, UIntPtr deltaSize,
                                                            out IntPtr resultJson, out IntPtr output,
                                                            out UIntPtr outSize, out IntPtr error);
  [DllImport(Lib)] public static extern void vum_free(IntPtr p);

  // A NUL-terminated UTF-8 string for the C API.
  public static byte[] Utf8(string text) { return Encoding.UTF8.GetBytes(text + "\0"); }

  public static string Text(IntPtr p) {
    if (p == IntPtr.Zero) return "";
    int n = 0;
    while (Marshal.ReadByte(p, n) != 0) n++;
    var bytes = new byte[n];
    Marshal.Copy(p, bytes, 0, n);
    return Encoding.UTF8.GetString(bytes);
  }

  // The text the library allocated, released back to it.
  public static string Take(IntPtr p) {
    string text = Text(p);
    vum_free(p);
    return text;
  }

  // The bytes the library allocated, released back to it.
  public static byte[] TakeBytes(IntPtr p, UIntPtr size) {
    var bytes = new byte[(int)size];
    Marshal.Copy(p, bytes, 0, bytes.Length);
    vum_free(p);
    return bytes;
  }

  public static void Check(int status, IntPtr error) {
    if (status == 0) return;
    string message = Take(error);
    if (status == 3) throw new ParseException(status, message);
    if (status == 5) throw new NotFoundException(status, message);
    throw new VumException(status, message);
  }
}

public sealed class Validator : IDisposable {
  IntPtr handle;

  static Validator() {
    if (Native.vum_c_api_version() != 1)
      throw new DllNotFoundException("libvum_c: C API " + Native.vum_c_api_version() + ", need 1");
  }

  public static string LibraryVersion { get { return Native.Text(Native.vum_version()); } }
  public static string StandardVersion { get { return Native.Text(Native.vum_standard_version()); } }

  public Validator(IEnumerable<string> codelists = null, string referenceDate = null,
                   string language = "nl", string minSeverity = "info",
                   bool pilotTransition = false) {
    var options = new Dictionary<string, object> {
      {"codelists", (codelists ?? new string[0]).ToArray()},
      {"language", language},
      {"minSeverity", minSeverity},
      {"pilotTransition", pilotTransition},
    };
    if (referenceDate != null) options["referenceDate"] = referenceDate;
    IntPtr error;
    Native.Check(Native.vum_validator_create(
        Native.Utf8(new JavaScriptSerializer().Serialize(options)), out handle, out error), error);
  }

  public Result Validate(string json, string recordType = "werkzoekende") {
    return Validate(Encoding.UTF8.GetBytes(json), recordType, Format.Json);
  }

  public Result Validate(byte[] data, string recordType, Format format) {
    if (handle == IntPtr.Zero) throw new ObjectDisposedException("Validator");
    IntPtr result, error;
    Native.Check(Native.vum_validate(handle, Native.Utf8(recordType), (int)format, data,
                                     (UIntPtr)data.Length, out result, out error), error);
    var root = (Dictionary<string, object>)new JavaScriptSerializer()
                   .DeserializeObject(Native.Take(result));
    return new Result {
      Conforms = (bool)root["conforms"],
      Violations = ((object[])root["violations"]).Cast<Dictionary<string, object>>()
                       .Select(v => new Violation {
                         RuleId = (string)v["ruleId"], Severity = (string)v["severity"],
                         Path = (string)v["path"], Message = (string)v["message"],
                         RelatedPaths = ((object[])v["relatedPaths"]).Cast<string>().ToList(),
                         Params = ((Dictionary<string, object>)v["params"])
                                      .ToDictionary(p => p.Key, p => (string)p.Value),
                       }).ToList(),
      Unchecked = ((object[])root["unchecked"]).Cast<string>().ToList(),
    };
  }

  // A record of recordType in `from` written in `to`: compact VUM JSON or protobuf binary.
  public static byte[] Convert(byte[] data, string recordType, Format from, Format to) {
    IntPtr output, error;
    UIntPtr size;
    Native.Check(Native.vum_convert(Native.Utf8(recordType), (int)from, data, (UIntPtr)data.Length,
                                    (int)to, out output, out size, out error), error);
    var bytes = new byte[(int)size];
    Marshal.Copy(output, bytes, 0, bytes.Length);
    Native.vum_free(output);
    return bytes;
  }

  // Reads a VUM batch file held in memory, a verdict per record: {"status", "read",
  // "accepted", "rejected", "rejectedRecords"}. A damaged file is a result, not an exception.
  public Dictionary<string, object> ReadBatch(byte[] batch) {
    IntPtr result, error;
    Native.Check(Native.vum_batch_read(handle, batch, (UIntPtr)batch.Length, out result, out error),
                 error);
    return (Dictionary<string, object>)new JavaScriptSerializer().DeserializeObject(
        Native.Take(result));
  }

  // A full batch of VUM JSON records of recordType.
  public static byte[] WriteBatch(IEnumerable<string> records, string recordType = "werkzoekende") {
    return Write(records, recordType, "");
  }

  // A delta batch of VUM JSON records of recordType that follows the full batch `basis` (its
  // batch id) as number `volgnummer` (from 1).
  public static byte[] WriteDelta(IEnumerable<string> records, string basis, long volgnummer,
                                  string recordType = "werkzoekende") {
    var options = new JavaScriptSerializer().Serialize(
        new Dictionary<string, object> { { "basis", basis }, { "volgnummer", volgnummer } });
    return Write(records, recordType, options);
  }

  static byte[] Write(IEnumerable<string> records, string recordType, string options) {
    byte[] ndjson = Encoding.UTF8.GetBytes(string.Join("\n", records));
    IntPtr output, error;
    UIntPtr size;
    Native.Check(Native.vum_batch_write(Native.Utf8(recordType), ndjson, (UIntPtr)ndjson.Length,
                                        Native.Utf8(options), out output, out size, out error),
                 error);
    return Native.TakeBytes(output, size);
  }

  // What `audience` may see of a record (docs/privacy.md), as VUM JSON: "employer" (the
  // anonymous matching profile; special-category data only with the candidate's consent),
  // "mediator" (the detail profile) or "owner".
  public static string View(string json, string recordType, string audience,
                            bool specialCategoryConsent = false) {
    byte[] data = Encoding.UTF8.GetBytes(json);
    var options = new JavaScriptSerializer().Serialize(new Dictionary<string, object> {
      { "view", audience }, { "specialCategoryConsent", specialCategoryConsent } });
    IntPtr output, error;
    Native.Check(Native.vum_view(Native.Utf8(recordType), (int)Format.Json, data,
                                 (UIntPtr)data.Length, Native.Utf8(options), out output,
                                 out error), error);
    return Native.Take(output);
  }

  // Applies a delta batch to a full batch: the status ("applied", or why not: "not-delta",
  // "other-base", "replay", "gap", ...), and when applied the sequence number, the record ids
  // of the new full batch and the batch itself (null when refused).
  public static DeltaResult ApplyDelta(byte[] full, byte[] delta) {
    IntPtr result, output, error;
    UIntPtr size;
    Native.Check(Native.vum_delta_apply(full, (UIntPtr)full.Length, delta, (UIntPtr)delta.Length,
                                        out result, out output, out size, out error), error);
    var r = (Dictionary<string, object>)new JavaScriptSerializer().DeserializeObject(
        Native.Take(result));
    return new DeltaResult {
      Status = (string)r["status"],
      Sequence = r.ContainsKey("sequence") ? System.Convert.ToInt64(r["sequence"]) : 0,
      Ids = r.ContainsKey("ids") ? ((object[])r["ids"]).Cast<string>().ToList()
                                 : new List<string>(),
      Batch = output == IntPtr.Zero ? null : Native.TakeBytes(output, size),
    };
  }

  public void Dispose() {
    if (handle != IntPtr.Zero) {
      Native.vum_validator_free(handle);
      handle = IntPtr.Zero;
    }
    GC.SuppressFinalize(this);
  }

  ~Validator() { Dispose(); }
}

// A source's caseload for selection questions: profiles and their process data (consents),
// answered as a source's node answers. Add records from one thread; Select from many.
public sealed class Caseload : IDisposable {
  IntPtr handle;

  public Caseload(IEnumerable<string> codelists) {
    var options = new Dictionary<string, object> { { "codelists", codelists.ToArray() } };
    IntPtr error;
    Native.Check(Native.vum_caseload_create(
        Native.Utf8(new JavaScriptSerializer().Serialize(options)), out handle, out error), error);
  }

  public void Put(string json) {
    byte[] data = Encoding.UTF8.GetBytes(json);
    IntPtr error;
    Native.Check(Native.vum_caseload_put(handle, (int)Format.Json, data, (UIntPtr)data.Length,
                                         out error), error);
  }

  public void PutProcess(string json) {
    byte[] data = Encoding.UTF8.GetBytes(json);
    IntPtr error;
    Native.Check(Native.vum_caseload_put_process(handle, (int)Format.Json, data,
                                                 (UIntPtr)data.Length, out error), error);
  }

  // The parsed answer: {"refused", "violations", "ignored", "answer"}.
  public Dictionary<string, object> Select(string question, string options = "") {
    IntPtr answer, error;
    Native.Check(Native.vum_select(handle, Native.Utf8(question), Native.Utf8(options), out answer,
                                   out error), error);
    return (Dictionary<string, object>)new JavaScriptSerializer().DeserializeObject(
        Native.Take(answer));
  }

  public void Dispose() {
    if (handle != IntPtr.Zero) {
      Native.vum_caseload_free(handle);
      handle = IntPtr.Zero;
    }
    GC.SuppressFinalize(this);
  }

  ~Caseload() { Dispose(); }
}

}  // namespace Vum
