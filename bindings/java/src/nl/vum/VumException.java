package nl.vum;

/** A call into libvum_c failed; {@link #code()} is the C API's vum_status. */
public class VumException extends RuntimeException {
  private final int code;

  public VumException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The document could not be read as a record of the type (could not validate). */
  public static final class ParseException extends VumException {
    public ParseException(int code, String message) {
      super(code, message);
    }
  }

  /** No record type of that name, or a missing code-list folder. */
  public static final class NotFoundException extends VumException {
    public NotFoundException(int code, String message) {
      super(code, message);
    }
  }
}
