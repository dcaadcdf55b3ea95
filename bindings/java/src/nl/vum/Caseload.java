package nl.vum;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A source's caseload for selection questions, through libvum_c: profiles and their process
 * data (consents), answered as a source's node answers (docs/selection.md).
 *
 * <pre>
 * try (Caseload caseload = new Caseload(List.of("/usr/local/share/vum/codelists"))) {
 *   caseload.put(profileJson);
 *   caseload.putProcess(consentsJson);
 *   Map&lt;String, Object&gt; a = caseload.select(questionJson, "{\"form\":\"bron\"}");
 *   // {"refused": false, "violations": [], "ignored": [], "answer": {"matches": [...]}}
 * }
 * </pre>
 *
 * Add records from one thread; select may run on many at once.
 */
public final class Caseload implements AutoCloseable {
  private Pointer handle;

  public Caseload(List<String> codelists) {
    StringBuilder options = new StringBuilder("{\"codelists\":[");
    for (int k = 0; k < codelists.size(); k++) {
      options.append(k == 0 ? "" : ",").append(Validator.quote(codelists.get(k)));
    }
    options.append("]}");
    PointerByReference out = new PointerByReference();
    PointerByReference error = new PointerByReference();
    Validator.check(Validator.LIB.vum_caseload_create(options.toString(), out, error), error);
    handle = out.getValue();
  }

  /** Adds or replaces one profile (VUM JSON). */
  public void put(String json) {
    byte[] data = json.getBytes(StandardCharsets.UTF_8);
    PointerByReference error = new PointerByReference();
    Validator.check(Validator.LIB.vum_caseload_put(open(), Validator.FORMAT_JSON, data,
        data.length, error), error);
  }

  /** Adds or replaces one person's process data (VUM JSON). */
  public void putProcess(String json) {
    byte[] data = json.getBytes(StandardCharsets.UTF_8);
    PointerByReference error = new PointerByReference();
    Validator.check(Validator.LIB.vum_caseload_put_process(open(), Validator.FORMAT_JSON, data,
        data.length, error), error);
  }

  /**
   * Answers a question (VUM JSON, bare or as {"vraagObject": ...}); `options` as vum_select
   * takes them ("form", "at", "legalBasis", "maxResults", ...). The parsed answer.
   */
  public Map<String, Object> select(String question, String options) {
    PointerByReference answer = new PointerByReference();
    PointerByReference error = new PointerByReference();
    Validator.check(Validator.LIB.vum_select(open(), question, options, answer, error), error);
    return Validator.asMap(Validator.take(answer.getValue()));
  }

  private Pointer open() {
    if (handle == null) throw new IllegalStateException("the caseload is closed");
    return handle;
  }

  @Override
  public void close() {
    if (handle != null) {
      Validator.LIB.vum_caseload_free(handle);
      handle = null;
    }
  }
}
