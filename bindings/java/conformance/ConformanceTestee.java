import com.google.protobuf.ByteString;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.vum.Caseload;
import nl.vum.DeltaResult;
import nl.vum.Result;
import nl.vum.Validator;
import nl.vum.Violation;
import nl.vum.VumException;
import vum.conformance.Conformance.BatchRequest;
import vum.conformance.Conformance.ConformanceRequest;
import vum.conformance.Conformance.ConformanceResponse;
import vum.conformance.Conformance.Encoding;
import vum.conformance.Conformance.Finding;
import vum.conformance.Conformance.RoundTripRequest;
import vum.conformance.Conformance.SelectionAnswer;
import vum.conformance.Conformance.SelectionRequest;
import vum.conformance.Conformance.SelectionResult;
import vum.conformance.Conformance.ValidateRequest;
import vum.conformance.Conformance.ValidateResult;

/**
 * A VUM conformance testee built on the Java binding (nl.vum, over libvum_c through JNA).
 *
 * <p>It answers every kind of the runner's requests (validate, round-trip, batches, deltas,
 * views, selection questions) through the binding, so that the conformance suite checks the
 * binding's verdicts and answers against the reference, case for case; conformance_failures.txt
 * beside it lists what it still fails. The classes of conformance.proto come from {@code protoc
 * --java_out}. Usage: {@code java ConformanceTestee --codelists DIR [--codelists DIR]...}
 */
public final class ConformanceTestee {
  private final List<String> codelists;
  private final Map<String, Validator> validators = new HashMap<>();

  private ConformanceTestee(List<String> codelists) {
    this.codelists = codelists;
  }

  public static void main(String[] args) throws IOException {
    List<String> codelists = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--codelists")) codelists.add(args[i + 1]);
    }
    ConformanceTestee testee = new ConformanceTestee(codelists);
    InputStream in = new BufferedInputStream(System.in);
    OutputStream out = new BufferedOutputStream(System.out);
    while (true) {
      byte[] size = in.readNBytes(4);
      if (size.length < 4) return;
      int n = ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).getInt();
      byte[] answer = testee.handle(ConformanceRequest.parseFrom(in.readNBytes(n))).toByteArray();
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(answer.length)
          .array());
      out.write(answer);
      out.flush();
    }
  }

  private ConformanceResponse handle(ConformanceRequest request) {
    ConformanceResponse.Builder response =
        ConformanceResponse.newBuilder().setCaseId(request.getCaseId());
    try {
      switch (request.getKindCase()) {
        case VALIDATE -> validate(request.getValidate(), response);
        case ROUND_TRIP -> {
          var r = request.getRoundTrip();
          boolean json = r.getInputCase() == RoundTripRequest.InputCase.JSON;
          byte[] data = json ? r.getJson().getBytes(StandardCharsets.UTF_8)
                             : r.getBinary().toByteArray();
          boolean toBinary = r.getOutput() == Encoding.BINARY;
          byte[] out = Validator.convert(data, r.getRecordType(),
              json ? Validator.FORMAT_JSON : Validator.FORMAT_BINARY,
              toBinary ? Validator.FORMAT_BINARY : Validator.FORMAT_JSON);
          if (toBinary) {
            response.setBinary(ByteString.copyFrom(out));
          } else {
            response.setJson(new String(out, StandardCharsets.UTF_8));
          }
        }
        case BATCH -> batch(request.getBatch(), response);
        case DELTA -> {
          DeltaResult d = Validator.applyDelta(request.getDelta().getFull().toByteArray(),
              request.getDelta().getDelta().toByteArray());
          var result = response.getDeltaBuilder().setStatus(d.status());
          if (d.status().equals("applied")) {
            result.setSequence(d.sequence()).addAllIds(d.ids());
          }
        }
        case VIEW -> {
          String audience = switch (request.getView().getView()) {
            case 1 -> "employer";
            case 2 -> "mediator";
            case 3 -> "owner";
            default -> null;
          };
          if (audience == null) {
            response.setRuntimeError("unknown view");
          } else {
            response.setJson(Validator.view(request.getView().getProfileJson(), "werkzoekende",
                audience, request.getView().getSpecialCategoryConsent()));
          }
        }
        case SELECTION -> selection(request.getSelection(), response);
        default -> response.setSkipped("a kind of request the Java binding does not offer");
      }
    } catch (VumException e) {
      response.setRuntimeError(e.getMessage());
    }
    return response.build();
  }

  private Validator validator(String date, boolean pilot) {
    return validators.computeIfAbsent(date + "|" + pilot,
        k -> new Validator(codelists, date.isEmpty() ? null : date, "nl", "info", pilot));
  }

  private void validate(ValidateRequest r, ConformanceResponse.Builder response) {
    boolean json = r.getInputCase() == ValidateRequest.InputCase.JSON;
    byte[] data = json ? r.getJson().getBytes(StandardCharsets.UTF_8)
                       : r.getBinary().toByteArray();
    Result result;
    try {
      result = validator(r.getReferenceDate(), r.getPilotTransition())
          .validate(data, r.getRecordType(), json ? Validator.FORMAT_JSON : Validator.FORMAT_BINARY);
    } catch (VumException.ParseException e) {
      response.setValidate(ValidateResult.newBuilder().setParseError(true));
      return;
    }
    ValidateResult.Builder out = response.getValidateBuilder();
    for (Violation v : result.violations()) {
      out.addFindings(Finding.newBuilder().setRuleId(v.ruleId()).setPath(v.path())
          .setSeverity(v.severity()));
    }
  }

  @SuppressWarnings("unchecked")
  private void batch(BatchRequest r, ConformanceResponse.Builder response) {
    Map<String, Object> result =
        validator(r.getReferenceDate(), false).readBatch(r.getFile().toByteArray());
    var out = response.getBatchBuilder().setStatus((String) result.get("status"))
        .setRecords(((Number) result.get("read")).longValue());
    for (Object rejected : (List<Object>) result.get("rejectedRecords")) {
      out.addRejected(((Number) ((Map<String, Object>) rejected).get("index")).longValue());
    }
  }

  @SuppressWarnings("unchecked")
  private void selection(SelectionRequest r, ConformanceResponse.Builder response) {
    try (Caseload caseload = new Caseload(codelists)) {
      for (String profile : r.getProfileJsonList()) caseload.put(profile);
      for (String process : r.getProcessJsonList()) caseload.putProcess(process);
      SelectionResult.Builder result = response.getSelectionBuilder();
      String options = "{\"form\":\"vum\",\"legalBasis\":" + r.getLegalBasis()
          + ",\"maxResults\":" + r.getMaxResults() + ",\"vumExtensions\":false,\"k\":" + r.getK()
          + (r.getAt().isEmpty() ? "" : ",\"at\":" + JsonText.of(r.getAt())) + "}";
      for (int round = 0; round < Math.max(1, r.getRepeat()); round++) {
        Map<String, Object> a = caseload.select(r.getQuestionJson(), options);
        if ((Boolean) a.get("refused")) {
          result.setRefused(true);
          List<String> rules = new ArrayList<>();
          for (Object v : (List<Object>) a.get("violations")) {
            Map<String, Object> violation = (Map<String, Object>) v;
            if ("error".equals(violation.get("severity"))) {
              rules.add((String) violation.get("ruleId"));
            }
          }
          rules.sort(null);
          result.addAllRuleIds(rules);
          return;
        }
        Map<String, Object> answer = (Map<String, Object>) a.get("answer");
        SelectionAnswer.Builder out = result.addAnswerBuilder();
        for (Object row : (List<Object>) answer.getOrDefault("resultaat", List.of())) {
          Map<String, Object> resultRow = (Map<String, Object>) row;
          out.addResultJson(JsonText.of(resultRow.getOrDefault("werkzoekende", Map.of())));
          out.addVumId((String) resultRow.get("vumID"));
        }
        out.setMaximumReached(
            Boolean.TRUE.equals(answer.get("maximumAantalResultatenBereikt")));
        out.setFewerThanK(Boolean.TRUE.equals(answer.get("minderDanK")));
        for (Object ignored : (List<Object>) a.get("ignored")) out.addIgnored((String) ignored);
      }
    }
  }

  /** Compact JSON text of what nl.vum's reader gives, as the library writes it. */
  static final class JsonText {
    static String of(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out);
      return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof String s) {
        quote(s, out);
      } else if (value instanceof Boolean b) {
        out.append(b);
      } else if (value instanceof Double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
          out.append(d.longValue());
        } else {
          out.append(d);
        }
      } else if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
          if (!first) out.append(',');
          first = false;
          quote(e.getKey(), out);
          out.append(':');
          write(e.getValue(), out);
        }
        out.append('}');
      } else if (value instanceof List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) out.append(',');
          write(list.get(i), out);
        }
        out.append(']');
      } else {
        throw new IllegalArgumentException("not a JSON value");
      }
    }

    private static void quote(String s, StringBuilder out) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
