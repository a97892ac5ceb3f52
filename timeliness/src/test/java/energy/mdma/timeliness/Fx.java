package energy.mdma.timeliness;

import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PrevailingTime;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** Test fixtures: events and local times. */
final class Fx {

    static final ZoneId LA = PrevailingTime.ZONE;

    private Fx() {
    }

    static MeterEvent meter(String id, String account, String udc, String esp, String cycle, int intervalMinutes) {
        return MeterEvent.newBuilder()
                .setMeterId(id)
                .setServiceAccount(account)
                .setUdcId(udc)
                .setEspId(esp)
                .setCustomerName("Customer " + account)
                .setReadCycle(cycle)
                .setIntervalMinutes(intervalMinutes)
                .setDials(5)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build())
                .build();
    }

    static ScheduledReadDate read(String cycle, String date) {
        return ScheduledReadDate.newBuilder().setReadCycle(cycle).setReadDate(LocalDate.parse(date)).build();
    }

    static ReportRef original(String account, String start, String end, String... meterIds) {
        return ReportRef.newBuilder()
                .setServiceAccount(account)
                .setPeriodStart(LocalDate.parse(start))
                .setPeriodEnd(LocalDate.parse(end))
                .setReportId("R-" + account + "-" + end + "-" + Math.abs((long) Arrays.hashCode(meterIds)))
                .setPurpose(ReportPurpose.ORIGINAL)
                .setMeterIds(List.of(meterIds))
                .build();
    }

    static ReportRef cancellation(String account, String start, String end, String cancelledReportId) {
        return ReportRef.newBuilder()
                .setServiceAccount(account)
                .setPeriodStart(LocalDate.parse(start))
                .setPeriodEnd(LocalDate.parse(end))
                .setReportId("C-" + cancelledReportId)
                .setPurpose(ReportPurpose.CANCELLATION)
                .setCancelledReportId(cancelledReportId)
                .build();
    }

    static DocumentPosted doc(String fileId, String receiver, Instant at, ReportRef... reports) {
        return DocumentPosted.newBuilder()
                .setFileId(fileId)
                .setReceiverPartyId(receiver)
                .setKind(MailboxFileKind.EDI_867)
                .setFileName(fileId + ".x12")
                .setCreatedAt(at)
                .setSha256("0".repeat(64))
                .setContent(java.nio.ByteBuffer.wrap(new byte[0]))
                .setReports(List.of(reports))
                .build();
    }

    /** A local wall-clock time in America/Los_Angeles (not an ambiguous one). */
    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LA).toInstant();
    }
}
