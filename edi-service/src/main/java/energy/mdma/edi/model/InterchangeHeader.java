package energy.mdma.edi.model;

import java.time.Instant;
import java.util.Objects;

import energy.mdma.x12.X12Envelope;

/**
 * Envelope data of one 867 interchange (one file, one receiver).
 *
 * @param senderDuns               the MDMA's D-U-N-S (ISA06, GS02)
 * @param receiverDuns             the receiver's D-U-N-S (ISA08, GS03)
 * @param created                  creation time; ISA09/ISA10 and GS04/GS05 carry it in UTC, to the minute
 * @param interchangeControlNumber ISA13/IEA02, 1..999999999
 * @param groupControlNumber       GS06/GE02, 1..999999999
 * @param usage                    ISA15 P or T
 */
public record InterchangeHeader(String senderDuns, String receiverDuns, Instant created,
                                long interchangeControlNumber, long groupControlNumber, UsageIndicator usage) {
    public InterchangeHeader {
        Objects.requireNonNull(senderDuns, "senderDuns");
        Objects.requireNonNull(receiverDuns, "receiverDuns");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(usage, "usage");
        if (interchangeControlNumber < 1 || interchangeControlNumber > X12Envelope.MAX_CONTROL_NUMBER) {
            throw new IllegalArgumentException("interchange control number out of range: " + interchangeControlNumber);
        }
        if (groupControlNumber < 1 || groupControlNumber > X12Envelope.MAX_CONTROL_NUMBER) {
            throw new IllegalArgumentException("group control number out of range: " + groupControlNumber);
        }
    }

    /** ISA13 as written: 9 digits, zero padded. */
    public String isa13() {
        return X12Envelope.isa13(interchangeControlNumber);
    }
}
