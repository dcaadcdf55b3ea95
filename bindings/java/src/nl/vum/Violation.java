package nl.vum;

import java.util.List;
import java.util.Map;

/** One broken rule: its id, severity, where, and a message that holds no value. */
public record Violation(String ruleId, String severity, String path, List<String> relatedPaths,
    Map<String, String> params, String message) {}
