import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.vum.Result;
import nl.vum.Validator;
import nl.vum.Violation;

/** Validates one VUM JSON profile with the standard's rules: Example CODELISTS FILE */
public class Example {
  public static void main(String[] args) throws Exception {
    try (Validator validator = new Validator(List.of(args[0]), null, "nl", "info", false)) {
      Result result = validator.validate(Files.readString(Path.of(args[1])), "werkzoekende");
      for (Violation v : result.violations()) {
        System.out.println(v.ruleId() + " " + v.severity() + " " + v.path() + " " + v.message());
      }
      System.out.println("vum " + Validator.libraryVersion() + " (java): "
          + (result.conforms() ? "conforms" : "does not conform"));
      System.exit(result.conforms() ? 0 : 1);
    }
  }
}
