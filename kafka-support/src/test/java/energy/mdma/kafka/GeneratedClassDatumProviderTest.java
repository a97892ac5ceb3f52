package energy.mdma.kafka;

import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.Notice;
import energy.mdma.events.NoticeKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading and writing through the provider the registry serdes use, without a registry: the writer schema is a
 * separately parsed copy (as the registry hands it out), logical types inside unions (nullable timestamps) and nested
 * records come out as the generated classes, older writer schemas resolve, readers are made once per schema.
 */
class GeneratedClassDatumProviderTest {

    private final GeneratedClassDatumProvider<Object> provider = new GeneratedClassDatumProvider<>();

    private byte[] write(Object record, Schema schema) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        provider.createDatumWriter(record, schema).write(record, enc);
        enc.flush();
        return out.toByteArray();
    }

    private Object read(byte[] bytes, Schema writer) throws Exception {
        return provider.createDatumReader(writer).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static Schema copyOf(SpecificRecord r) {
        return new Schema.Parser().parse(r.getSchema().toString());
    }

    @Test
    void nullableTimestampsBecomeInstants() throws Exception {
        Notice n = Notice.newBuilder().setNoticeId("timeliness:x").setKind(NoticeKind.TIMELINESS_MISSED)
                .setPartyId("SCE").setPostedAt(Instant.parse("2026-03-01T10:00:00Z")).setPostedBy("mdma-timeliness")
                .setText("late").setAccounts(List.of("A1")).setExpectedBy(Instant.parse("2026-03-02T08:00:00Z"))
                .build();
        Object read = read(write(n, n.getSchema()), copyOf(n));
        assertEquals(n, read);
        assertEquals(Instant.parse("2026-03-02T08:00:00Z"), ((Notice) read).getExpectedBy());
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
        Object read = read(write(d, d.getSchema()), copyOf(d));
        assertInstanceOf(DocumentPosted.class, read);
        assertEquals(d, read);
        assertEquals(LocalDate.parse("2026-03-01"), ((DocumentPosted) read).getReports().get(0).getPeriodEnd());
    }

    @Test
    void anOlderWriterSchemaResolvesIntoTheCurrentClass() throws Exception {
        // Notice as a former version wrote it: without the optional fields added since (defaults apply)
        Schema old = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Notice\",\"namespace\":\"energy.mdma.events\","
                + "\"fields\":[{\"name\":\"noticeId\",\"type\":\"string\"},"
                + "{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"NoticeKind\",\"symbols\":"
                + Notice.getClassSchema().getField("kind").schema().getEnumSymbols().stream()
                .map(s -> "\"" + s + "\"").toList() + "}},"
                + "{\"name\":\"partyId\",\"type\":\"string\"},"
                + "{\"name\":\"postedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
                + "{\"name\":\"postedBy\",\"type\":\"string\"},{\"name\":\"text\",\"type\":\"string\"}]}");
        GenericRecord g = new GenericData.Record(old);
        g.put("noticeId", "n1");
        g.put("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "TIMELINESS_MISSED"));
        g.put("partyId", "SCE");
        g.put("postedAt", Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
        g.put("postedBy", "mdma");
        g.put("text", "late");
        Object read = read(write(g, old), old);
        Notice n = assertInstanceOf(Notice.class, read);
        assertEquals("n1", n.getNoticeId());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), n.getPostedAt());
    }

    @Test
    void unknownTypesStayGeneric() throws Exception {
        Schema unknown = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Unknown\",\"namespace\":\"elsewhere\","
                + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        GenericRecord g = new GenericData.Record(unknown);
        g.put("a", "x");
        Object read = read(write(g, unknown), unknown);
        GenericRecord r = assertInstanceOf(GenericRecord.class, read);
        assertEquals("x", r.get("a").toString());
    }

    @Test
    void oneReaderPerSchemaAndTheCacheIsBounded() {
        Schema a = new Schema.Parser().parse(Notice.getClassSchema().toString());
        DatumReader<Object> first = provider.createDatumReader(a);
        assertSame(first, provider.createDatumReader(a));
        for (int i = 0; i < GeneratedClassDatumProvider.MAX_SCHEMAS + 10; i++) {
            provider.createDatumReader(new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R" + i
                    + "\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}"));
        }
        assertTrue(provider.cachedReaders() <= GeneratedClassDatumProvider.MAX_SCHEMAS);
        assertNotSame(first, provider.createDatumReader(a), "evicted with the rest once the bound was reached");
    }
}
