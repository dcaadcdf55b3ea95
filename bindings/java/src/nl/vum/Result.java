package nl.vum;

import java.util.List;

/**
 * The verdict on one record: whether it conforms (no error), its violations in the order the
 * record was walked, and the rules bound to a code list that was not loaded.
 */
public record Result(boolean conforms, List<Violation> violations, List<String> unchecked) {}
