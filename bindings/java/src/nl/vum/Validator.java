package nl.vum;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The VUM standard's rules in-process from Java, through libvum_c (JNA).
 *
 * <pre>
 * try (Validator validator = new Validator(List.of("/usr/local/share/vum/codelists"),
 *     "2026-06-01", "nl", "info", false)) {
 *   Result result = validator.validate(json, "werkzoekende");
 *   for (Violation v : result.violations()) System.out.println(v.ruleId() + " " + v.path());
 * }
 * </pre>
 *
 * A document that cannot be read throws {@link VumException.ParseException} (naming the
 * property, never a value); a record that breaks rules is a Result whose conforms() is false.
 * The library is loaded from the system property vum.library or the environment variable
 * VUM_LIBRARY (a path), else as libvum_c.so.1. A Validator may be used from many threads.
 */
public final class Validator implements AutoCloseable {
  public static final int FORMAT_JSON = 1;
  public static final int FORMAT_BINARY = 2;

  interface Lib extends Library {
    String vum_version();

    String vum_standard_version();

    int vum_c_api_version();

    int vum_validator_create(String options, PointerByReference out, PointerByReference error);

    void vum_validator_free(Pointer validator);

    int vum_validate(Pointer validator, String recordType, int format, byte[] data, long size,
        PointerByReference result, PointerByReference error);

    int vum_convert(String recordType, int from, byte[] data, long size, int to,
        PointerByReference out, LongByReference outSize, PointerByReference error);

    int vum_batch_read(Pointer validator, byte[] data, long size, PointerByReference result,
        PointerByReference error);

    int vum_batch_write(String recordType, byte[] ndjson, long size, String options,
        PointerByReference out, LongByReference outSize, PointerByReference error);

    int vum_caseload_create(String options, PointerByReference out, PointerByReference error);

    void vum_caseload_free(Pointer caseload);

    int vum_caseload_put(Pointer caseload, int format, byte[] data, long size,
        PointerByReference error);

    int vum_caseload_put_process(Pointer caseload, int format, byte[] data, long size,
        PointerByReference error);

    int vum_select(Pointer caseload, String question, String options,
        PointerByReference answer, PointerByReference error);

    int vum_view(String recordType, int format, byte[] data, long size, String options,
        PointerByReference outJson, PointerByReference error);

    int vum_delta_apply(byte[] full, long fullSize, byte[] delta, long deltaSize,
        PointerByReference resultJson, PointerByReference out, LongByReference outSize,
        PointerByReference error);

    void vum_free(Pointer p);
  }

  static final Lib LIB = load();

  private static Lib load() {
    String path = System.getProperty("vum.library", System.getenv("VUM_LIBRARY"));
    Lib lib = Native.load(path != null ? path : "vum_c",
        Lib.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    if (lib.vum_c_api_version() != 1) {
      throw new UnsatisfiedLinkError("libvum_c: C API " + lib.vum_c_api_version() + ", need 1");
    }
    return lib;
  }

  private Pointer handle;

  /** A validator with the shipped defaults and no code lists (bound rules are unchecked). */
  public Validator() {
    this(List.of(), null, "nl", "info", false);
  }

  public Validator(List<String> codelists, String referenceDate, String language,
      String minSeverity, boolean pilotTransition) {
    StringBuilder options = new StringBuilder("{\"codelists\":[");
    for (int k = 0; k < codelists.size(); k++) {
      options.append(k == 0 ? "" : ",").append(quote(codelists.get(k)));
    }
    options.append("],\"language\":").append(quote(language))
        .append(",\"minSeverity\":").append(quote(minSeverity))
        .append(",\"pilotTransition\":").append(pilotTransition);
    if (referenceDate != null) options.append(",\"referenceDate\":").append(quote(referenceDate));
    options.append('}');
    PointerByReference out = new PointerByReference();
    PointerByReference error = new PointerByReference();
    check(LIB.vum_validator_create(options.toString(), out, error), error);
    handle = out.getValue();
  }

  public static String libraryVersion() {
    return LIB.vum_version();
  }

  public static String standardVersion() {
    return LIB.vum_standard_version();
  }

  /** Validates VUM JSON as a record of recordType ("werkzoekende", "vacature", ...). */
  public Result validate(String json, String recordType) {
    return validate(json.getBytes(StandardCharsets.UTF_8), recordType, FORMAT_JSON);
  }

  /** Validates `data` in `format` (FORMAT_JSON or FORMAT_BINARY). */
  public Result validate(byte[] data, String recordType, int format) {
    if (handle == null) throw new IllegalStateException("the validator is closed");
    PointerByReference result = new PointerByReference();
    PointerByReference error = new PointerByReference();
    check(LIB.vum_validate(handle, recordType, format, data, data.length, result, error), error);
    return toResult(take(result.getValue()));
  }

  /** A record of recordType in `from` written in `to`: compact VUM JSON or protobuf binary. */
  public static byte[] convert(byte[] data, String recordType, int from, int to) {
    PointerByReference out = new PointerByReference();
    LongByReference size = new LongByReference();
    PointerByReference error = new PointerByReference();
    check(LIB.vum_convert(recordType, from, data, data.length, to, out, size, error), error);
    byte[] bytes = out.getValue().getByteArray(0, (int) size.getValue());
    LIB.vum_free(out.getValue());
    return bytes;
  }

  /**
   * Reads a VUM batch file held in memory and gives every record a verdict: the parsed JSON
   * result ({"status": "whole" or the damage, "read", "accepted", "rejected",
   * "rejectedRecords": [...]}). A damaged file is a result, not an exception.
   */
  public Map<String, Object> readBatch(byte[] batch) {
    if (handle == null) throw new IllegalStateException("the validator is closed");
    PointerByReference result = new PointerByReference();
    PointerByReference error = new PointerByReference();
    check(LIB.vum_batch_read(handle, batch, batch.length, result, error), error);
    return asMap(take(result.getValue()));
  }

  /** A full batch of VUM JSON records of recordType, one per list item. */
  public static byte[] writeBatch(List<String> records, String recordType, String afzender) {
    return write(records, recordType,
        afzender == null ? "" : "{\"afzender\":" + quote(afzender) + "}");
  }

  private static byte[] write(List<String> records, String recordType, String options) {
    byte[] ndjson =
        String.join("\n", records).getBytes(StandardCharsets.UTF_8);
    PointerByReference out = new PointerByReference();
    LongByReference size = new LongByReference();
    PointerByReference error = new PointerByReference();
    check(LIB.vum_batch_write(recordType, ndjson, ndjson.length, options, out, size, error),
        error);
    byte[] bytes = out.getValue().getByteArray(0, (int) size.getValue());
    LIB.vum_free(out.getValue());
    return bytes;
  }

  /**
   * A delta batch of VUM JSON records of recordType that follows the full batch `basis` (its
   * batch id) as number `volgnummer` (from 1).
   */
  public static byte[] writeDelta(List<String> records, String recordType, String afzender,
      String basis, long volgnummer) {
    String options = "{\"basis\":" + quote(basis) + ",\"volgnummer\":" + volgnummer
        + (afzender == null ? "" : ",\"afzender\":" + quote(afzender)) + "}";
    return write(records, recordType, options);
  }

  /**
   * What `audience` may see of a record (docs/privacy.md), as VUM JSON: "employer" (the
   * anonymous matching profile; special-category data only with the candidate's consent),
   * "mediator" (the detail profile) or "owner".
   */
  public static String view(String json, String recordType, String audience,
      boolean specialCategoryConsent) {
    byte[] data = json.getBytes(StandardCharsets.UTF_8);
    String options = "{\"view\":" + quote(audience) + ",\"specialCategoryConsent\":"
        + specialCategoryConsent + "}";
    PointerByReference out = new PointerByReference();
    PointerByReference error = new PointerByReference();
    check(LIB.vum_view(recordType, FORMAT_JSON, data, data.length, options, out, error), error);
    return take(out.getValue());
  }

  /**
   * Applies a delta batch to a full batch: the status ("applied", or why not: "not-delta",
   * "other-base", "replay", "gap", ...), and when applied its sequence number, the record ids
   * of the new full batch and the batch itself.
   */
  @SuppressWarnings("unchecked")
  public static DeltaResult applyDelta(byte[] full, byte[] delta) {
    PointerByReference result = new PointerByReference();
    PointerByReference out = new PointerByReference();
    LongByReference size = new LongByReference();
    PointerByReference error = new PointerByReference();
    check(LIB.vum_delta_apply(full, full.length, delta, delta.length, result, out, size,
        error), error);
    Map<String, Object> r = asMap(take(result.getValue()));
    byte[] batch = null;
    if (out.getValue() != null) {
      batch = out.getValue().getByteArray(0, (int) size.getValue());
      LIB.vum_free(out.getValue());
    }
    Object sequence = r.get("sequence");
    return new DeltaResult((String) r.get("status"),
        sequence == null ? 0 : ((Number) sequence).longValue(),
        r.containsKey("ids") ? (List<String>) (List<?>) r.get("ids") : List.of(), batch);
  }

  @Override
  public void close() {
    if (handle != null) {
      LIB.vum_validator_free(handle);
      handle = null;
    }
  }

  static void check(int status, PointerByReference error) {
    if (status == 0) return;
    String message = take(error.getValue());
    switch (status) {
      case 3: throw new VumException.ParseException(status, message);
      case 5: throw new VumException.NotFoundException(status, message);
      default: throw new VumException(status, message);
    }
  }

  static String take(Pointer p) {
    if (p == null) return "";
    String text = p.getString(0, "UTF-8");
    LIB.vum_free(p);
    return text;
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\');
      if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  @SuppressWarnings("unchecked")
  private static Result toResult(String json) {
    Map<String, Object> root = (Map<String, Object>) Json.parse(json);
    List<Violation> violations = new ArrayList<>();
    for (Object o : (List<Object>) root.get("violations")) {
      Map<String, Object> v = (Map<String, Object>) o;
      violations.add(new Violation((String) v.get("ruleId"), (String) v.get("severity"),
          (String) v.get("path"), (List<String>) (List<?>) v.get("relatedPaths"),
          (Map<String, String>) (Map<?, ?>) v.get("params"), (String) v.get("message")));
    }
    return new Result((Boolean) root.get("conforms"), violations,
        (List<String>) (List<?>) root.get("unchecked"));
  }
}
