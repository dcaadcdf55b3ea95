package nl.vum;

import java.util.List;

/**
 * A delta applied to a full batch: status "applied" with the sequence number, the record ids
 * of the new full batch (sorted) and that batch; or the refusal ("not-delta", "other-base",
 * "replay", "gap", ...) with no batch.
 */
public record DeltaResult(String status, long sequence, List<String> ids, byte[] batch) {}
