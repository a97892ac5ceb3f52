package energy.mdma.edi.x12;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

/**
 * The reference verdict: StAEDI's validating reader configured as {@link Edi867Reader} configures it
 * (control structure and code values validated, extraneous characters ignored, our 867 schema for every
 * transaction set). Errors only; no interpretation of the content.
 */
final class StaediOracle {
    private StaediOracle() {
    }

    static List<String> errors(byte[] document) {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, true);
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        List<String> errors = new ArrayList<>();
        int interchanges = 0;
        try (EDIStreamReader r = factory.createEDIStreamReader(new ByteArrayInputStream(document),
                Edi867Schemas.control())) {
            while (r.hasNext()) {
                EDIStreamEvent event = r.next();
                switch (event) {
                case START_INTERCHANGE:
                    interchanges++;
                    break;
                case START_TRANSACTION:
                    r.setTransactionSchema(Edi867Schemas.transaction());
                    break;
                case SEGMENT_ERROR:
                case ELEMENT_DATA_ERROR:
                case ELEMENT_OCCURRENCE_ERROR:
                    errors.add(Edi867Reader.describe(r.getErrorType(), r.getLocation(), r.getText(), null));
                    break;
                default:
                    break;
                }
            }
        } catch (Exception e) {
            errors.add("cannot parse: " + e);
        }
        if (interchanges != 1) {
            errors.add(interchanges + " interchanges");
        }
        return errors;
    }
}
