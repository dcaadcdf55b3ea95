import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.vum.Validator;

/** Throughput of the Java binding: Bench CODELISTS FILE.ndjson (one call per record). */
public class Bench {
  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[1]));
    try (Validator v = new Validator(List.of(args[0]), "2026-06-01", "nl", "error", false)) {
      for (int i = 0; i < 2000; i++) v.validate(lines.get(i % lines.size()), "werkzoekende");
      long start = System.nanoTime();
      int conforming = 0;
      for (String line : lines) conforming += v.validate(line, "werkzoekende").conforms() ? 1 : 0;
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("java binding: %d records in %.2f s, %.0f/s (%d conform)%n",
          lines.size(), seconds, lines.size() / seconds, conforming);
    }
  }
}
