// A VUM conformance testee built on the C# binding (Vum.cs, P/Invoke over
// libvum_c), run with mono.
//
// It answers every kind of the runner's requests (validate, round-trip,
// batches, deltas, views, selection questions) through the binding, so that
// the conformance suite checks the binding's verdicts and answers against the
// reference, case for case; conformance_failures.txt beside it lists what it
// still fails. Debian has no protobuf runtime for .NET, so the few messages of
// conformance.proto are read and written here by hand (ProtoReader,
// ProtoWriter): a vendor with Google.Protobuf generates them instead.
//
// Usage: mono ConformanceTestee.exe --codelists DIR [--codelists DIR]...

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Vum.Conformance {

// The fields of one message in the protobuf wire form: varints and
// length-delimited values by field number (other wire types are skipped).
sealed class ProtoReader {
  readonly Dictionary<int, List<object>> fields = new Dictionary<int, List<object>>();

  public ProtoReader(byte[] data) {
    int pos = 0;
    while (pos < data.Length) {
      ulong tag = Varint(data, ref pos);
      int field = (int)(tag >> 3);
      object value;
      switch ((int)(tag & 7)) {
        case 0: value = Varint(data, ref pos); break;
        case 1: pos += 8; continue;
        case 2: {
          int n = (int)Varint(data, ref pos);
          var bytes = new byte[n];
          Array.Copy(data, pos, bytes, 0, n);
          pos += n;
          value = bytes;
          break;
        }
        case 5: pos += 4; continue;
        default: throw new InvalidDataException("a wire type this testee does not read");
      }
      if (!fields.ContainsKey(field)) fields[field] = new List<object>();
      fields[field].Add(value);
    }
  }

  static ulong Varint(byte[] data, ref int pos) {
    ulong v = 0;
    for (int shift = 0;; shift += 7) {
      byte b = data[pos++];
      v |= (ulong)(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  }

  public bool Has(int field) { return fields.ContainsKey(field); }
  public byte[] Bytes(int field) {
    return Has(field) ? (byte[])fields[field].Last() : new byte[0];
  }
  public string Text(int field) { return Encoding.UTF8.GetString(Bytes(field)); }
  public List<string> Texts(int field) {
    return Has(field) ? fields[field].Select(b => Encoding.UTF8.GetString((byte[])b)).ToList()
                      : new List<string>();
  }
  public long Number(int field) { return Has(field) ? (long)(ulong)fields[field].Last() : 0; }
  public bool Flag(int field) { return Number(field) != 0; }
  public ProtoReader Message(int field) { return new ProtoReader(Bytes(field)); }
}

// A message in the protobuf wire form, field by field.
sealed class ProtoWriter {
  readonly MemoryStream out_ = new MemoryStream();

  void Varint(ulong v) {
    while (v >= 0x80) {
      out_.WriteByte((byte)(v | 0x80));
      v >>= 7;
    }
    out_.WriteByte((byte)v);
  }

  public ProtoWriter Number(int field, long v) {
    Varint((ulong)field << 3);
    Varint((ulong)v);
    return this;
  }
  public ProtoWriter Flag(int field, bool v) { return v ? Number(field, 1) : this; }
  public ProtoWriter Bytes(int field, byte[] v) {
    Varint(((ulong)field << 3) | 2);
    Varint((ulong)v.Length);
    out_.Write(v, 0, v.Length);
    return this;
  }
  public ProtoWriter Text(int field, string v) { return Bytes(field, Encoding.UTF8.GetBytes(v)); }
  public ProtoWriter Message(int field, ProtoWriter m) { return Bytes(field, m.ToArray()); }
  public byte[] ToArray() { return out_.ToArray(); }
}

public static class ConformanceTestee {
  static readonly List<string> codelists = new List<string>();
  static readonly Dictionary<string, Validator> validators = new Dictionary<string, Validator>();

  public static void Main(string[] args) {
    for (int i = 0; i + 1 < args.Length; i += 2) {
      if (args[i] == "--codelists") codelists.Add(args[i + 1]);
    }
    Stream stdin = Console.OpenStandardInput(), stdout = Console.OpenStandardOutput();
    while (true) {
      byte[] size = ReadExactly(stdin, 4);
      if (size == null) return;
      byte[] request = ReadExactly(stdin, (int)BitConverter.ToUInt32(size, 0));
      byte[] answer = Handle(new ProtoReader(request)).ToArray();
      stdout.Write(BitConverter.GetBytes((uint)answer.Length), 0, 4);
      stdout.Write(answer, 0, answer.Length);
      stdout.Flush();
    }
  }

  static byte[] ReadExactly(Stream s, int n) {
    var buffer = new byte[n];
    for (int got = 0; got < n;) {
      int r = s.Read(buffer, got, n - got);
      if (r <= 0) return null;
      got += r;
    }
    return buffer;
  }

  // ConformanceRequest -> ConformanceResponse (conformance.proto's numbers).
  static ProtoWriter Handle(ProtoReader request) {
    var response = new ProtoWriter().Text(100, request.Text(1));
    try {
      if (request.Has(2)) return Validate(request.Message(2), response);
      if (request.Has(3)) return RoundTrip(request.Message(3), response);
      if (request.Has(4)) return Batch(request.Message(4), response);
      if (request.Has(5)) return Delta(request.Message(5), response);
      if (request.Has(6)) return View(request.Message(6), response);
      if (request.Has(7)) return Selection(request.Message(7), response);
      return response.Text(91, "a kind of request the C# binding does not offer");
    } catch (VumException e) {
      return new ProtoWriter().Text(100, request.Text(1)).Text(90, e.Message);
    }
  }

  static Validator ValidatorFor(string date, bool pilot) {
    string key = date + "|" + pilot;
    Validator v;
    if (!validators.TryGetValue(key, out v)) {
      v = new Validator(codelists, date == "" ? null : date, "nl", "info", pilot);
      validators[key] = v;
    }
    return v;
  }

  // ValidateRequest: 1 record_type, 2 json, 3 binary, 4 reference_date,
  // 5 pilot_transition. ValidateResult: 1 parse_error, 2 findings.
  static ProtoWriter Validate(ProtoReader r, ProtoWriter response) {
    bool json = r.Has(2);
    Result result;
    try {
      result = ValidatorFor(r.Text(4), r.Flag(5))
                   .Validate(r.Bytes(json ? 2 : 3), r.Text(1), json ? Format.Json : Format.Binary);
    } catch (ParseException) {
      return response.Message(1, new ProtoWriter().Flag(1, true));
    }
    var out_ = new ProtoWriter();
    foreach (Violation v in result.Violations) {
      out_.Message(2, new ProtoWriter().Text(1, v.RuleId).Text(2, v.Path).Text(3, v.Severity));
    }
    return response.Message(1, out_);
  }

  // RoundTripRequest: 1 record_type, 2 json, 3 binary, 4 output (2: binary).
  static ProtoWriter RoundTrip(ProtoReader r, ProtoWriter response) {
    bool json = r.Has(2), toBinary = r.Number(4) == 2;
    byte[] out_ = Validator.Convert(r.Bytes(json ? 2 : 3), r.Text(1),
                                    json ? Format.Json : Format.Binary,
                                    toBinary ? Format.Binary : Format.Json);
    return toBinary ? response.Bytes(3, out_) : response.Text(2, Encoding.UTF8.GetString(out_));
  }

  // BatchRequest: 1 file, 2 reference_date. BatchResult: 1 status, 2 records,
  // 3 rejected.
  static ProtoWriter Batch(ProtoReader r, ProtoWriter response) {
    var result = ValidatorFor(r.Text(2), false).ReadBatch(r.Bytes(1));
    var out_ = new ProtoWriter().Text(1, (string)result["status"])
                   .Number(2, System.Convert.ToInt64(result["read"]));
    foreach (object rejected in (object[])result["rejectedRecords"]) {
      out_.Number(3, System.Convert.ToInt64(((Dictionary<string, object>)rejected)["index"]));
    }
    return response.Message(4, out_);
  }

  // DeltaRequest: 1 full, 2 delta. DeltaResult: 1 status, 2 ids, 3 sequence.
  static ProtoWriter Delta(ProtoReader r, ProtoWriter response) {
    DeltaResult d = Validator.ApplyDelta(r.Bytes(1), r.Bytes(2));
    var out_ = new ProtoWriter().Text(1, d.Status);
    if (d.Status == "applied") {
      foreach (string id in d.Ids) out_.Text(2, id);
      out_.Number(3, d.Sequence);
    }
    return response.Message(5, out_);
  }

  // ViewRequest: 1 profile_json, 2 view, 3 special_category_consent.
  static ProtoWriter View(ProtoReader r, ProtoWriter response) {
    string[] audiences = {null, "employer", "mediator", "owner"};
    long view = r.Number(2);
    if (view < 1 || view > 3) return response.Text(90, "unknown view");
    return response.Text(2, Validator.View(r.Text(1), "werkzoekende", audiences[view], r.Flag(3)));
  }

  // SelectionRequest: 1 profile_json, 2 process_json, 3 question_json, 4 at,
  // 5 legal_basis, 6 max_results, 7 k, 8 repeat. SelectionResult: 1 refused,
  // 2 rule_ids, 3 answer (SelectionAnswer: 1 result_json, 2 vum_id,
  // 3 maximum_reached, 4 fewer_than_k, 5 ignored).
  static ProtoWriter Selection(ProtoReader r, ProtoWriter response) {
    var result = new ProtoWriter();
    using (var caseload = new Caseload(codelists)) {
      foreach (string profile in r.Texts(1)) caseload.Put(profile);
      foreach (string process in r.Texts(2)) caseload.PutProcess(process);
      string options = "{\"form\":\"vum\",\"legalBasis\":" + (r.Flag(5) ? "true" : "false") +
                       ",\"maxResults\":" + r.Number(6) + ",\"vumExtensions\":false,\"k\":" +
                       r.Number(7) + (r.Text(4) == "" ? "" : ",\"at\":" + JsonText.Of(r.Text(4))) +
                       "}";
      for (long round = 0; round < Math.Max(1, r.Number(8)); round++) {
        var a = caseload.Select(r.Text(3), options);
        if ((bool)a["refused"]) {
          result.Flag(1, true);
          var rules = ((object[])a["violations"]).Cast<Dictionary<string, object>>()
                          .Where(v => (string)v["severity"] == "error")
                          .Select(v => (string)v["ruleId"]).ToList();
          rules.Sort(string.CompareOrdinal);
          foreach (string rule in rules) result.Text(2, rule);
          return response.Message(6, result);
        }
        var answer = (Dictionary<string, object>)a["answer"];
        var out_ = new ProtoWriter();
        object rows;
        if (answer.TryGetValue("resultaat", out rows)) {
          foreach (Dictionary<string, object> row in (object[])rows) {
            object profile;
            out_.Text(1, JsonText.Of(row.TryGetValue("werkzoekende", out profile)
                                         ? profile : new Dictionary<string, object>()));
            out_.Text(2, (string)row["vumID"]);
          }
        }
        object flag;
        out_.Flag(3, answer.TryGetValue("maximumAantalResultatenBereikt", out flag) && (bool)flag);
        out_.Flag(4, answer.TryGetValue("minderDanK", out flag) && (bool)flag);
        foreach (object ignored in (object[])a["ignored"]) out_.Text(5, (string)ignored);
        result.Message(3, out_);
      }
    }
    return response.Message(6, result);
  }
}

// Compact JSON text of what the binding's reader gives, as the library
// writes it.
static class JsonText {
  public static string Of(object value) {
    var out_ = new StringBuilder();
    Write(value, out_);
    return out_.ToString();
  }

  static void Write(object value, StringBuilder out_) {
    if (value == null) {
      out_.Append("null");
    } else if (value is string) {
      Quote((string)value, out_);
    } else if (value is bool) {
      out_.Append((bool)value ? "true" : "false");
    } else if (value is Dictionary<string, object>) {
      out_.Append('{');
      bool first = true;
      foreach (var e in (Dictionary<string, object>)value) {
        if (!first) out_.Append(',');
        first = false;
        Quote(e.Key, out_);
        out_.Append(':');
        Write(e.Value, out_);
      }
      out_.Append('}');
    } else if (value is object[]) {
      out_.Append('[');
      var list = (object[])value;
      for (int i = 0; i < list.Length; i++) {
        if (i > 0) out_.Append(',');
        Write(list[i], out_);
      }
      out_.Append(']');
    } else if (value is IFormattable) {  // int, long, decimal, double
      out_.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
    } else {
      throw new ArgumentException("not a JSON value");
    }
  }

  static void Quote(string s, StringBuilder out_) {
    out_.Append('"');
    foreach (char c in s) {
      switch (c) {
        case '"': out_.Append("\\\""); break;
        case '\\': out_.Append("\\\\"); break;
        case '\n': out_.Append("\\n"); break;
        case '\r': out_.Append("\\r"); break;
        case '\t': out_.Append("\\t"); break;
        case '\b': out_.Append("\\b"); break;
        case '\f': out_.Append("\\f"); break;
        default:
          if (c < 0x20) {
            out_.Append("\\u").Append(((int)c).ToString("x4"));
          } else {
            out_.Append(c);
          }
          break;
      }
    }
    out_.Append('"');
  }
}

}  // namespace Vum.Conformance
