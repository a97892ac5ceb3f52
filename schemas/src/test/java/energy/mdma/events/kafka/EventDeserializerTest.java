package energy.mdma.events.kafka;

import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.Notice;
import energy.mdma.events.NoticeKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The resolution of generic records (as the registry's deserializer gives them) into the generated classes,
 * without a registry: logical types inside unions (nullable timestamps) and nested records included.
 */
class EventDeserializerTest {

    private final EventDeserializer deserializer = new EventDeserializer("http://127.0.0.1:9/apis/registry/v2");

    /** What the registry's generic reader makes of a record: no logical-type conversions (longs, ints). */
    private static GenericRecord generic(SpecificRecord r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(r.getSchema()).write(r, enc);
        enc.flush();
        Schema writer = new Schema.Parser().parse(r.getSchema().toString());
        return new GenericDatumReader<GenericRecord>(writer, writer, new GenericData())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    @Test
    void nullableTimestampsBecomeInstants() throws Exception {
        Notice n = Notice.newBuilder().setNoticeId("timeliness:x").setKind(NoticeKind.TIMELINESS_MISSED)
                .setPartyId("SCE").setPostedAt(Instant.parse("2026-03-01T10:00:00Z")).setPostedBy("mdma-timeliness")
                .setText("late").setAccounts(List.of("A1")).setExpectedBy(Instant.parse("2026-03-02T08:00:00Z"))
                .build();
        GenericRecord g = generic(n);
        assertEquals(Long.class, g.get("expectedBy").getClass(), "the generic record holds a long");
        Object read = deserializer.toSpecific(g);
        assertEquals(n, read);
        assertEquals(Instant.parse("2026-03-02T08:00:00Z"), ((Notice) read).getExpectedBy());
        assertNull(((Notice) read).getStartsAt());
    }

    @Test
    void nestedRecordsAndDatesAreGenerated() throws Exception {
        DocumentPosted d = DocumentPosted.newBuilder().setFileId("F1").setReceiverPartyId("SCE")
                .setKind(MailboxFileKind.EDI_867).setFileName("f.x12").setCreatedAt(Instant.parse("2026-03-01T10:00:00Z"))
                .setSha256("0".repeat(64)).setContent(ByteBuffer.wrap(new byte[]{1, 2}))
                .setReports(List.of(ReportRef.newBuilder().setServiceAccount("A1")
                        .setPeriodStart(LocalDate.parse("2026-02-01")).setPeriodEnd(LocalDate.parse("2026-03-01"))
                        .setReportId("R1").setPurpose(ReportPurpose.ORIGINAL).setMeterIds(List.of("M1")).build()))
                .build();
        Object read = deserializer.toSpecific(generic(d));
        assertEquals(d, read);
        assertEquals(LocalDate.parse("2026-03-01"), ((DocumentPosted) read).getReports().get(0).getPeriodEnd());
    }

    @Test
    void unknownTypesStayGenericAndNullsNull() {
        Schema unknown = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Unknown\",\"namespace\":\"elsewhere\","
                + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        GenericRecord g = new GenericData.Record(unknown);
        g.put("a", "x");
        assertSame(g, deserializer.toSpecific(g));
        assertNull(deserializer.deserialize("mdma.notices", null));
    }
}
