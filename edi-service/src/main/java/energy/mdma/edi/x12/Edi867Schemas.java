package energy.mdma.edi.x12;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIStreamConstants.Standards;

import energy.mdma.x12.X12Envelope;

/**
 * The schemas every 867 is validated against: StAEDI's own X12 control schema for version 00401
 * (ISA/GS/GE/IEA, ST/SE, control numbers and counts) and our 004010 867 transaction schema
 * ({@code /x12/004010/867.xml}). Loaded once; schemas are immutable after loading.
 */
public final class Edi867Schemas {
    /** Classpath location of the 867 transaction schema. */
    public static final String TRANSACTION_SCHEMA_RESOURCE = "/x12/004010/867.xml";
    /** ISA12. */
    public static final String ISA_VERSION = X12Envelope.ISA_VERSION;

    private static final Schema CONTROL;
    private static final Schema TRANSACTION;

    static {
        try {
            SchemaFactory factory = SchemaFactory.newFactory();
            CONTROL = factory.getControlSchema(Standards.X12, new String[] { ISA_VERSION });
            if (CONTROL == null) {
                throw new IllegalStateException("StAEDI has no X12 control schema for " + ISA_VERSION);
            }
            try (InputStream in = Edi867Schemas.class.getResourceAsStream(TRANSACTION_SCHEMA_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + TRANSACTION_SCHEMA_RESOURCE);
                }
                TRANSACTION = factory.createSchema(in);
            }
        } catch (EDISchemaException e) {
            throw new IllegalStateException("cannot load the X12 867 schemas: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Edi867Schemas() {
    }

    public static Schema control() {
        return CONTROL;
    }

    public static Schema transaction() {
        return TRANSACTION;
    }
}
