package nl.vum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Java binding: the conformance suite's verdicts record for record, and its contract. */
class ValidatorTest {
  static final String SOURCE = System.getProperty("vum.source");
  static final List<String> LISTS =
      List.of(SOURCE + "/codelists", SOURCE + "/conformance/codelists");

  /** Every validate case of the conformance suite gets the suite's verdict. */
  @Test
  void conformanceVerdictsRecordForRecord() throws Exception {
    List<String> lines = Files.readAllLines(Path.of(System.getProperty("vum.vectors")));
    Map<String, Validator> validators = new HashMap<>();
    List<String> wrong = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      Validator v = validators.computeIfAbsent(f[3] + f[4],
          k -> new Validator(LISTS, f[3], "nl", "info", f[4].equals("1")));
      byte[] data = Base64.getDecoder().decode(f[5]);
      int format = f[2].equals("json") ? Validator.FORMAT_JSON : Validator.FORMAT_BINARY;
      String got;
      try {
        List<String> findings = new ArrayList<>();
        for (Violation x : v.validate(data, f[1], format).violations()) {
          findings.add(x.ruleId() + "|" + x.path() + "|" + x.severity());
        }
        got = String.join(";", findings);
      } catch (VumException.ParseException e) {
        got = "parse-error";
      }
      if (!got.equals(f[6])) wrong.add(f[0] + ": expected [" + f[6] + "], got [" + got + "]");
    }
    validators.values().forEach(Validator::close);
    assertTrue(lines.size() > 700, "the suite's validate cases: " + lines.size());
    assertEquals(List.of(), wrong);
  }

  @Test
  void aBrokenRecordDoesNotConform() {
    try (Validator v = new Validator(LISTS, "2026-06-01", "nl", "info", false)) {
      Result r = v.validate("{\"mobiliteit\":{\"maximaleReisafstand\":5000}}", "werkzoekende");
      assertFalse(r.conforms());
      assertTrue(r.violations().stream().anyMatch(x -> x.ruleId().equals("WZ-01")));
      assertTrue(r.violations().stream().noneMatch(x -> x.message().contains("5000")));
    }
  }

  @Test
  void anUnreadableDocumentThrowsAndNamesTheProperty() {
    try (Validator v = new Validator()) {
      VumException e = assertThrows(VumException.ParseException.class,
          () -> v.validate("{\"idWerkzoekende\": 12345678}", "werkzoekende"));
      assertTrue(e.getMessage().contains("idWerkzoekende"));
      assertFalse(e.getMessage().contains("12345678"));
      assertThrows(VumException.NotFoundException.class, () -> v.validate("{}", "cv"));
    }
    assertThrows(VumException.ParseException.class,
        () -> new Validator(List.of(), null, "fr", "info", false));
  }

  @Test
  void withoutCodeListsBoundRulesAreUnchecked() {
    try (Validator v = new Validator()) {
      Result r = v.validate("{\"idWerkzoekende\":\"a\",\"sector\":[{\"codeSbi\":4711}]}",
          "werkzoekende");
      assertFalse(r.unchecked().isEmpty());
    }
  }

  @Test
  void convertRoundTrips() {
    String doc = "{\"idWerkzoekende\":\"a\",\"werktijden\":{\"aantalWerkurenPerWeekMinimaal\":20}}";
    byte[] binary = Validator.convert(doc.getBytes(StandardCharsets.UTF_8), "werkzoekende",
        Validator.FORMAT_JSON, Validator.FORMAT_BINARY);
    assertArrayEquals(doc.getBytes(StandardCharsets.UTF_8),
        Validator.convert(binary, "vum.v1.Werkzoekende", Validator.FORMAT_BINARY,
            Validator.FORMAT_JSON));
  }

  @Test
  void oneValidatorManyThreads() throws Exception {
    try (Validator v = new Validator(LISTS, "2026-06-01", "nl", "info", false)) {
      String doc = "{\"idWerkzoekende\":\"a\",\"mobiliteit\":{\"maximaleReisafstand\":5000}}";
      Result expected = v.validate(doc, "werkzoekende");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            if (!v.validate(doc, "werkzoekende").equals(expected)) return false;
          }
          return true;
        }));
      }
      for (Future<Boolean> run : runs) assertTrue(run.get());
      pool.shutdown();
    }
  }

  /** A caseload answers a question as a source would: consent decides, the first round only. */
  @Test
  @SuppressWarnings("unchecked")
  void aCaseloadAnswersAsASourceWould() {
    try (Caseload caseload = new Caseload(List.of(SOURCE + "/codelists"))) {
      for (String id : List.of("wz-1", "wz-2")) {
        caseload.put("{\"idWerkzoekende\":\"" + id + "\",\"persoonlijkePresentatie\":\"Ik\","
            + "\"mobiliteit\":{\"bemiddelingspostcode\":\"5611AA\"}}");
      }
      caseload.putProcess("{\"idWerkzoekende\":\"wz-1\",\"toestemming\":[{\"idToestemming\":"
          + "\"5b0e8a8c-3f5e-4a8e-9d6f-1c2b3a4d5e6f\",\"idWerkzoekende\":\"wz-1\",\"doel\":1,"
          + "\"verleendOp\":\"2026-01-01T00:00:00Z\",\"grondslag\":1}]}");
      Map<String, Object> a = caseload.select(
          "{\"vraagObject\":{\"selectiegebied\":{\"postcode\":\"5611AB\",\"afstand\":10}}}",
          "{\"at\":\"2026-06-01T12:00:00Z\"}");
      assertEquals(false, a.get("refused"));
      List<Object> matches = (List<Object>) ((Map<String, Object>) a.get("answer")).get("matches");
      assertEquals(1, matches.size());
      Map<String, Object> match = (Map<String, Object>) matches.get(0);
      assertEquals("wz-1", match.get("idWerkzoekende"));
      assertFalse(match.containsKey("persoonlijkePresentatie"));
      assertThrows(VumException.ParseException.class, () -> caseload.select("not json", ""));
    }
  }

  /** A batch written and read back, a verdict per record. */
  @Test
  void aBatchIsWrittenAndReadBack() {
    byte[] batch = Validator.writeBatch(List.of("{\"idWerkzoekende\":\"wz-1\"}",
        "{\"idWerkzoekende\":\"wz-2\",\"mobiliteit\":{\"maximaleReisafstand\":5000}}"),
        "werkzoekende", "00000001001234567000");
    try (Validator v = new Validator(LISTS, "2026-06-01", "nl", "info", false)) {
      Map<String, Object> result = v.readBatch(batch);
      assertEquals("whole", result.get("status"));
      assertEquals(2L, ((Number) result.get("read")).longValue());
      assertEquals(1L, ((Number) result.get("rejected")).longValue());
    }
  }

  /** A view shows what its audience may see: no special-category data for an employer. */
  @Test
  void aViewShowsWhatItsAudienceMaySee() {
    String profile = "{\"idWerkzoekende\":\"wz-1\",\"indicatieLdrRegistratie\":1,"
        + "\"mobiliteit\":{\"bemiddelingspostcode\":\"5611AA\"}}";
    String employer = Validator.view(profile, "werkzoekende", "employer", false);
    assertFalse(employer.contains("indicatieLdrRegistratie"), employer);
    assertTrue(employer.contains("\"bemiddelingspostcode\":\"5611\""), employer);
    assertTrue(Validator.view(profile, "werkzoekende", "mediator", false)
        .contains("indicatieLdrRegistratie"));
    assertThrows(VumException.class, () -> Validator.view(profile, "werkzoekende", "", false));
  }

  /** A delta written here follows its full batch; one that does not follow is refused. */
  @Test
  @SuppressWarnings("unchecked")
  void aDeltaIsAppliedOrRefusedByName() {
    byte[] full = Validator.writeBatch(
        List.of("{\"idWerkzoekende\":\"wz-1\"}", "{\"idWerkzoekende\":\"wz-2\"}"),
        "werkzoekende", null);
    String base;
    try (Validator v = new Validator()) {
      base = (String) ((Map<String, Object>) v.readBatch(full).get("header")).get("batchId");
    }
    byte[] delta = Validator.writeDelta(List.of("{\"idWerkzoekende\":\"wz-3\"}"),
        "werkzoekende", null, base, 1);
    DeltaResult applied = Validator.applyDelta(full, delta);
    assertEquals("applied", applied.status());
    assertEquals(1, applied.sequence());
    assertEquals(List.of("wz-1", "wz-2", "wz-3"), applied.ids());
    assertTrue(applied.batch().length > 0);
    DeltaResult refused = Validator.applyDelta(full, full);
    assertEquals("not-delta", refused.status());
    assertEquals(null, refused.batch());
  }
}
